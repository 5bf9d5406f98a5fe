// Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and valid-time checks. A partial date covers an interval:
// `2021` runs from 2021-01-01 to 2021-12-31, so an element valid `to: 2021` is still valid on 2021-12-31.
import type { Valid } from './types.js';

function parts(d: string): [number, number | undefined, number | undefined] {
  const [y, m, day] = d.split('-').map(Number);
  return [y, m, day];
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** First day covered by a partial date, as `YYYY-MM-DD`. */
export function dateStart(d: string): string {
  const [y, m, day] = parts(d);
  return `${String(y).padStart(4, '0')}-${String(m ?? 1).padStart(2, '0')}-${String(day ?? 1).padStart(2, '0')}`;
}

/** Last day covered by a partial date, as `YYYY-MM-DD`. */
export function dateEnd(d: string): string {
  const [y, m, day] = parts(d);
  const mm = m ?? 12;
  const dd = day ?? daysInMonth(y, mm);
  return `${String(y).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** True when something with valid time `valid` holds on the (full or partial) date `asOf`. */
export function isValidAt(valid: Valid | undefined, asOf: string): boolean {
  if (!valid) return true;
  const at = dateStart(asOf);
  if (valid.from && dateStart(valid.from) > at) return false;
  if (valid.to && dateEnd(valid.to) < at) return false;
  return true;
}

/** Days since 1970-01-01 of the first day of a partial date (for time axes). */
export function dayNumber(d: string): number {
  const [y, m, day] = dateStart(d).split('-').map(Number);
  return Date.UTC(y, m - 1, day) / 86_400_000;
}
