// Resolves what a user typed (an id, a name or an alias, in any case and with or without accents)
// to an entity, with "did you mean" suggestions when nothing matches.
import { didYouMean, editDistance } from './problem.js';
import { normaliseName } from './normalise-name.js';
import type { Entity, Model } from './types.js';

export interface FindResult {
  entity?: Entity;
  /** How it matched: the id, the name, an alias, or a unique part of a name. */
  matchedBy?: 'id' | 'name' | 'alias' | 'partial';
  /** When nothing matched, or a part matched several: the closest ids, best first. */
  suggestions: string[];
}

/**
 * Finds the entity `query` names. Tries, in order: the exact id; the id, name or alias ignoring
 * case, accents and punctuation; a unique entity whose name or alias contains the query. Otherwise
 * returns suggestions.
 *
 * @example
 * findEntity(model, 'Minsk Wheeled Tractor Plant').entity?.id; // 'mzkt'
 */
export function findEntity(model: Model, query: string): FindResult {
  const exact = model.entities.find((e) => e.id === query);
  if (exact) return { entity: exact, matchedBy: 'id', suggestions: [] };
  const q = normaliseName(query);
  if (!q) return { suggestions: [] };
  for (const e of model.entities)
    if (normaliseName(e.id) === q) return { entity: e, matchedBy: 'id', suggestions: [] };
  for (const e of model.entities)
    if (normaliseName(e.name) === q) return { entity: e, matchedBy: 'name', suggestions: [] };
  for (const e of model.entities)
    if (e.aliases.some((a) => normaliseName(a) === q))
      return { entity: e, matchedBy: 'alias', suggestions: [] };
  const partial = model.entities.filter((e) =>
    [e.name, ...e.aliases].some((n) => normaliseName(n).includes(q)),
  );
  if (partial.length === 1) return { entity: partial[0], matchedBy: 'partial', suggestions: [] };
  const labels = new Map<string, string>();
  for (const e of model.entities)
    for (const n of [e.id, e.name, ...e.aliases])
      if (!labels.has(normaliseName(n))) labels.set(normaliseName(n), e.id);
  // Closest spellings first, then names that contain the query.
  const ranked = [...labels.entries()]
    .map(([label, id]) => ({ id, d: editDistance(q, label) / Math.max(q.length, label.length) }))
    .filter((x) => x.d < 0.5)
    .sort((a, b) => a.d - b.d)
    .map((x) => x.id);
  const best = didYouMean(q, labels.keys());
  return {
    suggestions: [
      ...new Set([...(best ? [labels.get(best)!] : []), ...ranked, ...partial.map((e) => e.id)]),
    ].slice(0, 5),
  };
}
