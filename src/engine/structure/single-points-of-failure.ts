// Single points of failure: the order-1 minimal cut sets, gathered per node across targets, so an
// analyst sees which one loss stops the most capabilities.
import type { CompiledModel } from '../compile.js';
import { cutSets, type CutSetOptions } from './cut-sets.js';
import type { ExplainPath } from './explain-path.js';

export type SinglePointOptions = Omit<CutSetOptions, 'maxOrder'>;

export interface SinglePoint {
  node: string;
  /** Targets that fail when this node alone is lost, in target order, with the path that explains each. */
  stops: { target: string; path: ExplainPath['steps'] }[];
}

/**
 * Every node whose loss alone makes at least one target fail, most targets first (then model order).
 *
 * @example
 * singlePointsOfFailure(cm)[0]; // { node: 'mzkt', stops: [{ target: 'iskander', path: [...] }, ...] }
 */
export function singlePointsOfFailure(cm: CompiledModel, options: SinglePointOptions = {}): SinglePoint[] {
  const res = cutSets(cm, { ...options, maxOrder: 1, explain: true });
  const by = new Map<string, SinglePoint>();
  for (const t of res.targets)
    for (const c of t.cutSets) {
      const node = c.nodes[0];
      if (!by.has(node)) by.set(node, { node, stops: [] });
      by.get(node)!.stops.push({ target: t.target, path: c.paths![0]?.steps ?? [] });
    }
  return [...by.values()].sort(
    (a, b) => b.stops.length - a.stops.length || cm.index[a.node] - cm.index[b.node],
  );
}
