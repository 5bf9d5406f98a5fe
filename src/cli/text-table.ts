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

/** `14 days`, `45–70%` (fractions as percentages), `2–6 months (triangular, nominal 3)`, `[estimate]` when marked. */
export function formatQuantity(q: Quantity): string {
  const pct = q.unit === 'fraction';
  const v = (x: number) => formatNumber(pct ? x * 100 : x);
  const unit = pct ? '%' : q.unit ? ` ${q.unit}` : '';
  let s = q.min === q.max ? v(q.nominal) + unit : `${v(q.min)}–${v(q.max)}${unit}`;
  if (q.dist !== 'point' && q.dist !== 'range') s += ` (${q.dist}, nominal ${v(q.nominal)}${unit})`;
  if (q.estimate) s += ' [estimate]';
  return s;
}
