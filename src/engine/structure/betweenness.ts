// Betweenness centrality of the nodes of a transit network (rail lines, ports, pipelines): how much
// of the shortest-route traffic between every pair of its nodes passes through each one. Brandes'
// algorithm (Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2), 2001)
// as implemented by graphology-metrics, on the relations of the compiled model.
import { UndirectedGraph } from 'graphology';
import { betweenness as betweennessCentrality } from 'graphology-metrics/centrality/index.js';
import type { CompiledModel } from '../compile.js';

export interface BetweennessOptions {
  /** Relation types that make up the network (default: connects, transports). */
  relationTypes?: readonly string[];
  /** Entity kinds that can be network nodes (default: network, facility). */
  kinds?: readonly string[];
  /** When given, a node must also carry one of these tags (e.g. ["rail"]). */
  tags?: readonly string[];
  /** Divide by the number of pairs of other nodes, (N − 1)(N − 2)/2, so values are in [0, 1] (default true). */
  normalized?: boolean;
}

export const BETWEENNESS_DEFAULTS = {
  relationTypes: ['connects', 'transports'] as readonly string[],
  kinds: ['network', 'facility'] as readonly string[],
  normalized: true,
};

export interface BetweennessResult {
  /** Nodes and links of the transit network that was found (0 when the model has none). */
  nodes: number;
  links: number;
  /** Every network node, most central first (ties in model order). */
  centrality: { node: string; betweenness: number }[];
}

/**
 * Betweenness centrality of the transit network formed by relations of `relationTypes` between
 * nodes of `kinds` (and `tags`), taken as undirected links.
 *
 * @example
 * betweenness(cm, { tags: ['rail'] }).centrality[0]; // { node: 'orsha-junction', betweenness: 0.61 }
 */
export function betweenness(cm: CompiledModel, options: BetweennessOptions = {}): BetweennessResult {
  const o = { ...BETWEENNESS_DEFAULTS, ...options };
  const types = new Set(o.relationTypes);
  const kinds = new Set(o.kinds);
  const tags = o.tags ? new Set(o.tags) : null;
  const ok = (v: number) => kinds.has(cm.kind[v]) && (!tags || cm.tags[v].some((t) => tags.has(t)));
  const g = new UndirectedGraph();
  for (let k = 0; k < cm.relFrom.length; k++) {
    const a = cm.relFrom[k];
    const b = cm.relTo[k];
    if (a === b || !types.has(cm.relType[k]) || !ok(a) || !ok(b)) continue;
    g.mergeNode(String(a));
    g.mergeNode(String(b));
    g.mergeEdge(String(a), String(b));
  }
  const scores = g.order ? betweennessCentrality(g, { normalized: o.normalized }) : {};
  const centrality = Object.entries(scores)
    .map(([k, v]) => ({ v: Number(k), b: v }))
    .sort((x, y) => y.b - x.b || x.v - y.v)
    .map(({ v, b }) => ({ node: cm.ids[v], betweenness: b }));
  return { nodes: g.order, links: g.size, centrality };
}
