// The model in date order: when entities and relations begin and end, and when events happened.
import { dateEnd, dateStart } from './dates.js';
import { sliceModel } from './slice.js';
import type { Model } from './types.js';

export interface TimelineEntry {
  /** The date as written (partial dates allowed). */
  date: string;
  /** `start` (valid.from, or an event's date), or `end` (valid.to). */
  change: 'start' | 'end';
  element: 'entity' | 'relation' | 'dependency';
  id: string;
  /** Human-readable: the entity's name, or "from type to" for a relation. */
  label: string;
  kind: string;
}

export interface TimelineOptions {
  /** Keep only elements valid on this date (then list their dates). */
  asOf?: string;
  /** Keep entries on or after this date. */
  from?: string;
  /** Keep entries on or before this date (a partial date includes its whole span). */
  to?: string;
}

/**
 * Dated entries of the model in chronological order (ties: starts before ends, then model order).
 *
 * @example
 * timeline(model, { from: '2020', to: '2021' });
 */
export function timeline(model: Model, options: TimelineOptions = {}): TimelineEntry[] {
  const m = options.asOf ? sliceModel(model, options.asOf) : model;
  const names = new Map(m.entities.map((e) => [e.id, e.name]));
  const entries: TimelineEntry[] = [];
  const push = (
    valid: { from?: string; to?: string } | undefined,
    base: Omit<TimelineEntry, 'date' | 'change'>,
  ) => {
    if (valid?.from) entries.push({ ...base, date: valid.from, change: 'start' });
    if (valid?.to) entries.push({ ...base, date: valid.to, change: 'end' });
  };
  for (const e of m.entities)
    push(e.valid, {
      element: 'entity',
      id: e.id,
      label: e.name,
      kind: e.type ? `${e.kind}/${e.type}` : e.kind,
    });
  for (const r of m.relations)
    push(r.valid, {
      element: 'relation',
      id: r.id,
      label: `${names.get(r.from) ?? r.from} ${r.type} ${names.get(r.to) ?? r.to}`,
      kind: r.type,
    });
  for (const d of m.dependencies)
    push(d.valid, {
      element: 'dependency',
      id: d.id,
      label: `${names.get(d.node) ?? d.node} needs ${d.input}`,
      kind: 'dependency',
    });
  const lo = options.from ? dateStart(options.from) : undefined;
  // An entry `to: 2021` covers all of 2021: compare starts against the end of the window.
  const hi = options.to ? dateEnd(options.to) : undefined;
  const kept = entries.filter((x) => (!lo || dateStart(x.date) >= lo) && (!hi || dateStart(x.date) <= hi));
  const order = new Map(kept.map((x, i) => [x, i]));
  return kept.sort(
    (a, b) =>
      dateStart(a.date).localeCompare(dateStart(b.date)) ||
      a.date.length - b.date.length ||
      (a.change === b.change ? 0 : a.change === 'start' ? -1 : 1) ||
      order.get(a)! - order.get(b)!,
  );
}
