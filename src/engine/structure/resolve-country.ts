// Country arguments: analysts name a country by its ISO code (BY) or by the entity that stands for
// it (the model's focus uses entity ids, e.g. `by`, a state whose country is BY).
import type { Model } from '../../model/types.js';

/** The ISO 3166-1 alpha-2 code meant by `value` (a code, or the id of an entity with a country), or undefined. */
export function resolveCountry(model: Model, value: string): string | undefined {
  if (/^[A-Z]{2}$/.test(value)) return value;
  const e = model.entities.find((x) => x.id === value);
  if (e?.country) return e.country;
  if (/^[a-z]{2}$/.test(value)) return value.toUpperCase();
  return undefined;
}
