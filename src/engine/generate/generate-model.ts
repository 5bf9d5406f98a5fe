// The synthetic network of generate-network.ts as a plain Model (entities and dependencies with
// providers), for benchmarks that include compilation and for exporting to YAML. Quantities are
// shared between elements with equal values, and the empty citation lists, attribute and quantity
// maps are one frozen object each: at a million nodes that is some ten million objects fewer for
// every full garbage collection to mark while the model is resident (docs/benchmarks.md).
import type { Dependency, Entity, Model, Quantity } from '../../model/types.js';
import type { Dimension } from '../../model/units.js';
import { generateNetwork, type GenerateOptions } from './generate-network.js';

/**
 * Generates the same network as `generateNetwork(options)`, as a Model; `compile(generateModel(o))`
 * reproduces `generateNetwork(o)` array for array. Equal quantities, the empty citation lists and
 * the empty attribute and quantity maps are shared (the latter frozen): copy an element before
 * editing it in place.
 *
 * @example
 * const model = generateModel({ nodes: 100_000, seed: 3 });
 */
export function generateModel(options: GenerateOptions): Model {
  const cm = generateNetwork(options);
  const cache = new Map<string, Quantity>();
  const q = (value: number, dimension: Dimension): Quantity => {
    const k = `${dimension}:${value}`;
    let x = cache.get(k);
    if (!x) {
      x = {
        cite: [],
        estimate: true,
        dist: 'point',
        nominal: value,
        min: value,
        max: value,
        dimension,
        unit: dimension === 'time' ? 'days' : dimension,
      };
      cache.set(k, x);
    }
    return x;
  };
  const noTags: string[] = [];
  const noCite = Object.freeze([]) as unknown as Entity['cite'];
  const noMap = Object.freeze({}) as Record<string, never>;
  const entities: Entity[] = new Array(cm.n);
  for (let i = 0; i < cm.n; i++) {
    const e: Entity = {
      id: cm.ids[i],
      kind: cm.kind[i] as Entity['kind'],
      name: cm.ids[i],
      aliases: noTags,
      tags: noTags,
      attributes: noMap,
      quantities: noMap,
      cite: noCite,
      estimate: true,
    };
    if (cm.country[i]) e.country = cm.country[i]!;
    entities[i] = e;
  }
  const R = cm.reqId.length;
  const dependencies: Dependency[] = new Array(R);
  for (let r = 0; r < R; r++) {
    const providers: Dependency['providers'] = [];
    for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++)
      providers.push({
        provider: cm.ids[cm.provNode[p]],
        share: q(cm.provShare[p], 'fraction'),
        quality: q(cm.provQuality[p], 'fraction'),
        cost: q(cm.provCost[p], 'fraction'),
        leadTime: q(cm.provLeadTime[p], 'time'),
        cite: noCite,
        estimate: true,
      });
    dependencies[r] = {
      id: cm.reqId[r],
      node: cm.ids[cm.reqNode[r]],
      input: 'input',
      criticality: q(cm.reqCriticality[r], 'fraction'),
      buffer: q(cm.reqBuffer[r], 'time'),
      providers,
      cite: noCite,
      estimate: true,
    };
  }
  const nodes = cm.n;
  return {
    meta: {
      id: `synthetic-${nodes}`,
      title: `Synthetic supply network (${nodes} nodes, seed ${options.seed ?? 1})`,
    },
    sources: [],
    entities,
    relations: [],
    dependencies,
  };
}
