// Builds a Model from a compact numeric spec (nodes n0…n{n-1}, dependencies by node index, point
// quantities): the shape property tests and small in-code examples generate.
import type { EntityKind } from '../../model/schema.js';
import type { Model, Quantity } from '../../model/types.js';

export interface SpecProvider {
  node: number;
  share: number;
  quality: number;
  /** Switch lead time in days (default 0: in use now). */
  lead?: number;
}

export interface SpecDependency {
  /** Index of the dependent node. */
  node: number;
  criticality: number;
  /** Days of buffer (default 0). */
  buffer?: number;
  providers: SpecProvider[];
}

export interface ModelFromSpecOptions {
  /** Kind of node i (default: every third node, from n0, a capability; the rest facilities). */
  kind?: (i: number) => EntityKind;
}

/** A point quantity with no evidence attached. */
export function pointQuantity(v: number): Quantity {
  return { dist: 'point', nominal: v, min: v, max: v, cite: [], estimate: false };
}

const DEFAULT_KIND = (i: number): EntityKind => (i % 3 === 0 ? 'capability' : 'facility');

/**
 * The model of `n` nodes with dependencies `deps`; dependency k gets id `d{k}`.
 *
 * @example
 * modelFromSpec(2, [{ node: 0, criticality: 1, providers: [{ node: 1, share: 1, quality: 1 }] }]);
 */
export function modelFromSpec(n: number, deps: SpecDependency[], options: ModelFromSpecOptions = {}): Model {
  const kind = options.kind ?? DEFAULT_KIND;
  const q = pointQuantity;
  return {
    meta: { id: 'spec', title: 'model from a spec' },
    sources: [],
    relations: [],
    entities: Array.from({ length: n }, (_, i) => ({
      id: `n${i}`,
      kind: kind(i),
      name: `N${i}`,
      aliases: [],
      tags: [],
      attributes: {},
      quantities: {},
      cite: [],
      estimate: false,
    })),
    dependencies: deps.map((d, k) => ({
      id: `d${k}`,
      node: `n${d.node}`,
      input: 'x',
      criticality: q(d.criticality),
      buffer: q(d.buffer ?? 0),
      cite: [],
      estimate: false,
      providers: d.providers.map((p) => ({
        provider: `n${p.node}`,
        share: q(p.share),
        quality: q(p.quality),
        cost: q(1),
        leadTime: q(p.lead ?? 0),
        cite: [],
        estimate: false,
      })),
    })),
  };
}
