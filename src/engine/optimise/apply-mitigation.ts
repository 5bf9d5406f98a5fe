// Applies a mitigation to a model as an overlay: the model is not changed; a new one is returned
// with the mitigation's entities, providers, capacity and stock added.
import type { Dependency, Entity, Model, Quantity } from '../../model/types.js';
import type { Mitigation } from './mitigation-schema.js';

const point = (v: number, unit?: string): Quantity => ({
  dist: 'point',
  nominal: v,
  min: v,
  max: v,
  cite: [],
  estimate: false,
  ...(unit ? { unit } : {}),
});

/** `q + add` (both nominal and bounds), keeping q's evidence; `add`'s estimate flag carries over. */
function plus(q: Quantity | undefined, add: Quantity, cap = Infinity): Quantity {
  const base = q ?? point(0, add.unit);
  return {
    ...base,
    dist: base.dist === 'point' && add.dist === 'point' ? 'point' : 'range',
    nominal: Math.min(cap, base.nominal + add.nominal),
    min: Math.min(cap, base.min + add.min),
    max: Math.min(cap, base.max + add.max),
    estimate: base.estimate || add.estimate,
  };
}

/**
 * The model with `m` applied. Throws a RangeError when `m` names something the model lacks (parse
 * the mitigation with the model to get located errors instead).
 *
 * @example
 * const after = applyMitigation(model, mitigation);
 */
export function applyMitigation(model: Model, m: Mitigation): Model {
  const entities: Entity[] = [...model.entities.map((e) => ({ ...e })), ...m.entities];
  const byEntity = new Map(entities.map((e) => [e.id, e]));
  const dependencies: Dependency[] = model.dependencies.map((d) => ({
    ...d,
    providers: d.providers.map((p) => ({ ...p })),
  }));
  const byDep = new Map(dependencies.map((d) => [d.id, d]));
  const dep = (id: string) => {
    const d = byDep.get(id);
    if (!d) throw new RangeError(`optimise/mitigate: "${m.id}": unknown dependency "${id}"`);
    return d;
  };
  const entity = (id: string) => {
    const e = byEntity.get(id);
    if (!e) throw new RangeError(`optimise/mitigate: "${m.id}": unknown entity "${id}"`);
    return e;
  };

  for (const a of m.adds) {
    entity(a.provider);
    const d = dep(a.dependency);
    d.providers.push({
      provider: a.provider,
      share: a.share,
      quality: a.quality,
      cost: point(1, 'factor'),
      leadTime: a.leadTime,
      ...(a.capacity ? { capacity: a.capacity } : {}),
      cite: a.cite,
      estimate: a.estimate,
      ...(a.at ? { at: a.at } : {}),
    });
  }
  for (const c of m.capacity) {
    if ('entity' in c) {
      const e = entity(c.entity);
      e.flow = { ...e.flow, capacity: plus(e.flow?.capacity, c.capacity) };
    } else {
      const d = dep(c.dependency);
      const p = d.providers.find((x) => x.provider === c.provider);
      if (!p)
        throw new RangeError(
          `optimise/mitigate: "${m.id}": "${c.provider}" is not a provider of "${c.dependency}"`,
        );
      p.share = plus(p.share, c.share, 1);
    }
  }
  for (const s of m.stockpiles) {
    if ('dependency' in s) {
      const d = dep(s.dependency);
      d.buffer = plus(d.buffer, s.buffer);
    } else {
      const e = entity(s.entity);
      e.flow = { ...e.flow, inventory: plus(e.flow?.inventory, s.inventory) };
    }
  }
  return { ...model, entities, dependencies };
}
