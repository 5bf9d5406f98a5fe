// Plain-text tables and number formatting for command output.
import type { Quantity } from '../model/types.js';

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length)))
      .join('  ')
      .trimEnd(),
  );
}

/** A number with at most 3 significant decimals and thousands separators. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 2 : 3;
  return x.toLocaleString('en-GB', { maximumFractionDigits: digits });
}

/** `14 days`, `0.6–0.8 fraction (triangular, mode 0.7)`, with `[estimate]` when marked. */
export function formatQuantity(q: Quantity): string {
  const unit = q.unit ? ` ${q.unit}` : '';
  let s = q.min === q.max ? formatNumber(q.nominal) : `${formatNumber(q.min)}–${formatNumber(q.max)}`;
  s += unit;
  if (q.dist !== 'point' && q.dist !== 'range') s += ` (${q.dist}, nominal ${formatNumber(q.nominal)})`;
  if (q.estimate) s += ' [estimate]';
  return s;
}
