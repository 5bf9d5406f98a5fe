// The timeline of a model: dated events, the validity spans of entities, relations and dependencies,
// and the turning points — the dates where the most elements start or stop holding, or events fall.
import { dateStart } from '../model/dates.js';
import type { TimelineData } from './contract.js';
import type { ModelIndex } from './model-index.js';

export interface TimelineOptions {
  /** How many turning points to report. */
  turningPoints?: number;
}
const DEFAULTS: Required<TimelineOptions> = { turningPoints: 6 };

/** Builds the timeline of an indexed model. */
export function timeline(ix: ModelIndex, options: TimelineOptions = {}): TimelineData {
  const { turningPoints } = { ...DEFAULTS, ...options };
  const { model } = ix;
  const events = ix.summaries.filter((s) => s.kind === 'event' && (s.date || s.valid?.from));
  const spans: TimelineData['spans'] = [];
  const name = (id: string) => ix.entityById.get(id)?.name ?? id;
  for (const e of model.entities)
    if (e.kind !== 'event' && e.valid)
      spans.push({ id: e.id, label: e.name, layer: 'entity', entity: e.id, ...e.valid });
  for (const r of model.relations)
    if (r.valid)
      spans.push({
        id: r.id,
        label: `${name(r.from)} ${r.type} ${name(r.to)}`,
        layer: 'relation',
        entity: r.from,
        ...r.valid,
      });
  for (const d of model.dependencies)
    if (d.valid)
      spans.push({
        id: d.id,
        label: `${name(d.node)} needs ${d.input}`,
        layer: 'dependency',
        entity: d.node,
        ...d.valid,
      });

  // Changes per year: a span starting or ending, or an event.
  const byYear = new Map<string, { changes: number; events: string[] }>();
  const bump = (d: string | undefined, ev?: string) => {
    if (!d) return;
    const y = dateStart(d).slice(0, 4);
    const b = byYear.get(y) ?? { changes: 0, events: [] };
    b.changes++;
    if (ev) b.events.push(ev);
    byYear.set(y, b);
  };
  for (const s of spans) {
    bump(s.from);
    bump(s.to);
  }
  for (const e of events) bump(e.date ?? e.valid?.from, e.id);
  const tps = [...byYear.entries()]
    .map(([date, b]) => ({ date, ...b }))
    .sort((a, b) => b.changes - a.changes || a.date.localeCompare(b.date))
    .slice(0, turningPoints)
    .sort((a, b) => a.date.localeCompare(b.date));
  events.sort((a, b) =>
    dateStart(a.date ?? a.valid?.from ?? '0000').localeCompare(dateStart(b.date ?? b.valid?.from ?? '0000')),
  );
  return { events, spans, turningPoints: tps };
}
