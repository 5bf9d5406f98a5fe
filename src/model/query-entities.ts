// Filters a model's entities by kind, country, tag and free text, optionally as the model stood on
// a date.
import { normaliseName } from './normalise-name.js';
import { sliceModel } from './slice.js';
import type { Entity, Model } from './types.js';

export interface EntityQuery {
  /** Keep entities of any of these kinds. */
  kind?: readonly string[];
  /** Keep entities of any of these ISO country codes (case-insensitive). */
  country?: readonly string[];
  /** Keep entities carrying all of these tags. */
  tag?: readonly string[];
  /** Keep entities whose id, name, aliases, type, tags or description contain this text (case- and accent-insensitive). */
  text?: string;
  /** Keep only what was valid on this date. */
  asOf?: string;
}

/**
 * The entities matching every given criterion, in model order.
 *
 * @example
 * queryEntities(model, { kind: ['facility'], country: ['BY'], asOf: '2021' });
 */
export function queryEntities(model: Model, query: EntityQuery = {}): Entity[] {
  const m = query.asOf ? sliceModel(model, query.asOf) : model;
  const kinds = query.kind?.length ? new Set(query.kind) : undefined;
  const countries = query.country?.length ? new Set(query.country.map((c) => c.toUpperCase())) : undefined;
  const tags = query.tag?.map((t) => t.toLowerCase()) ?? [];
  const text = query.text ? normaliseName(query.text) : '';
  return m.entities.filter((e) => {
    if (kinds && !kinds.has(e.kind) && !(e.type && kinds.has(e.type))) return false;
    if (countries && !countries.has(e.country ?? '')) return false;
    const own = e.tags.map((t) => t.toLowerCase());
    if (!tags.every((t) => own.includes(t))) return false;
    if (text) {
      const hay = [e.id, e.name, ...e.aliases, e.type ?? '', ...e.tags, e.description ?? '']
        .map(normaliseName)
        .join(' | ');
      if (!hay.includes(text)) return false;
    }
    return true;
  });
}
