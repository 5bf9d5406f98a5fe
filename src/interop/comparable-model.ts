// A model reduced to what a round trip must keep: no source locations, floats rounded. Used by the
// round-trip tests of every importer/exporter pair, and by `tyl import` to tell identical merges.
import type { Model } from '../model/types.js';

function strip(v: unknown): unknown {
  if (typeof v === 'number') return Number(v.toPrecision(10));
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'at' && x !== undefined) out[k] = strip(x);
    return out;
  }
  return v;
}

/** The model as plain data without `at` locations and with numbers rounded to 10 significant digits. */
export function comparableModel(model: Model): Model {
  return strip(model) as Model;
}

/** The sections a round trip must keep (sources, entities, relations, dependencies), each comparable and sorted by id. */
export function comparableSections(
  model: Model,
): Pick<Model, 'sources' | 'entities' | 'relations' | 'dependencies'> {
  const c = comparableModel(model);
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return {
    sources: byId(c.sources),
    entities: byId(c.entities),
    relations: byId(c.relations),
    dependencies: byId(c.dependencies),
  };
}
