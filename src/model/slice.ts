// Time slicing: the model as it stood on a date. Every element carries valid time (from / to,
// partial dates allowed); a slice keeps what was valid then and drops what hangs off something
// that was not (a relation or dependency whose node vanished, a provider that did not exist yet).
import { isValidAt } from './dates.js';
import { UserError } from './problem.js';
import * as S from './schema.js';
import type { AttributeValue, Dependency, Entity, Model, Quantity, Relation } from './types.js';

const isQuantity = (v: AttributeValue): v is Quantity =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'nominal' in v;

function keepValid<T extends AttributeValue>(rec: Record<string, T>, asOf: string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(rec)) if (!isQuantity(v) || isValidAt(v.valid, asOf)) out[k] = v;
  return out;
}

/**
 * The model as it stood on `asOf` (a full or partial date; a partial date means its first day).
 * Keeps the entities valid then; the relations valid then whose both ends are kept; the
 * dependencies valid then whose node is kept, each with the providers valid then whose entity is
 * kept (a dependency left with no provider is kept: it is an unmet need, not a vanished one); the
 * entity and relation quantities valid then; and, on a sanction, the targets that are kept. Sources
 * are kept whole. Pure: the input is not changed, and slicing a slice at the same date changes
 * nothing.
 *
 * @example
 * const before = sliceModel(model, '2013'); // before the 2014 changes
 */
export function sliceModel(model: Model, asOf: string): Model {
  if (!S.PartialDate.safeParse(asOf).success)
    throw new UserError(`model/slice: as-of date "${asOf}" is not a date as YYYY, YYYY-MM or YYYY-MM-DD`);
  const valid = model.entities.filter((e) => isValidAt(e.valid, asOf));
  const kept = new Set(valid.map((e) => e.id));
  const entities: Entity[] = valid.map((e) => {
    const out: Entity = {
      ...e,
      attributes: keepValid(e.attributes, asOf),
      quantities: keepValid(e.quantities, asOf),
    };
    if (e.flow) out.flow = keepValid(e.flow as Record<string, Quantity>, asOf);
    // A sanction's targets that did not exist then are not its targets then.
    if (e.targets) out.targets = e.targets.filter((t) => kept.has(t));
    return out;
  });
  const relations: Relation[] = model.relations
    .filter((r) => isValidAt(r.valid, asOf) && kept.has(r.from) && kept.has(r.to))
    .map((r) => ({
      ...r,
      attributes: keepValid(r.attributes, asOf),
      quantities: keepValid(r.quantities, asOf),
    }));
  const dependencies: Dependency[] = model.dependencies
    .filter((d) => isValidAt(d.valid, asOf) && kept.has(d.node))
    .map((d) => ({
      ...d,
      providers: d.providers.filter((p) => isValidAt(p.valid, asOf) && kept.has(p.provider)),
    }));
  return { meta: { ...model.meta, as_of: asOf }, sources: model.sources, entities, relations, dependencies };
}
