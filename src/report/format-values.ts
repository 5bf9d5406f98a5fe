// Number and citation formatting shared by the report builder: fixed, locale-free, so reports are
// the same on every machine.
import type { Citation, Quantity } from '../model/types.js';
import { unitInfo } from '../model/units.js';
import type { CiteRef } from './report-document.js';

/** A number with up to `digits` decimals, trailing zeros dropped; null is "never", ±Infinity "∞". */
export function fmt(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined) return 'never';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const s = x.toFixed(digits);
  const t = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return t === '-0' ? '0' : t;
}

/** A fraction as a whole percentage. */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? fmt(x) : `${fmt(x * 100, 0)}%`;
}

/** "P50 (P5–P95)" text from a percentile record, or the nominal value when there is none. */
export function band(
  p: Record<string, number | null> | null | undefined,
  ps: number[],
  nominal: number | null | undefined,
  f: (x: number | null) => string = (x) => fmt(x),
): string {
  if (!p || ps.length < 3) return `${f(nominal ?? null)} (nominal)`;
  const lo = String(ps[0]);
  const hi = String(ps[ps.length - 1]);
  return `${f(p['50'] ?? null)} (${f(p[lo] ?? null)}–${f(p[hi] ?? null)})`;
}

/** A citation as "source §section ¶n" (or ¶n–m for a span). */
export function citeText(c: CiteRef): string {
  return `${c.source} §${c.section} ¶${c.paragraph}${c.to && c.to !== c.paragraph ? `–${c.to}` : ''}`;
}

/** Citations without duplicates, in first-seen order, as plain references. */
export function uniqueCites(cites: Iterable<Citation | CiteRef>): CiteRef[] {
  const seen = new Set<string>();
  const out: CiteRef[] = [];
  for (const c of cites) {
    const k = `${c.source}|${c.section}|${c.paragraph}|${c.to ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ source: c.source, section: c.section, paragraph: c.paragraph, ...(c.to ? { to: c.to } : {}) });
  }
  return out;
}

/** A quantity's value in its canonical unit: shares as percentages, times in days. */
export function quantityValue(q: Quantity, x: number): string {
  if (q.unit === 'fraction' || q.dimension === 'fraction') return pct(x);
  if (q.unit === 'days') return `${fmt(x, 1)} days`;
  const u = q.givenUnit ?? q.unit;
  return `${fmt(x / unitFactor(q), 2)}${u && u !== 'count' ? ` ${u}` : ''}`;
}

/** Factor from a quantity's written unit to its canonical unit (1 when it has none). */
export function unitFactor(q: Quantity): number {
  return q.givenUnit ? (unitInfo(q.givenUnit)?.factor ?? 1) : 1;
}

/** A quantity's range: "min – max (distribution)", or "point value". */
export function quantityRange(q: Quantity): string {
  if (q.min === q.max) return 'point value';
  const shape = q.dist === 'range' ? 'uniform' : q.dist;
  return `${quantityValue(q, q.min)} – ${quantityValue(q, q.max)} (${shape})`;
}
