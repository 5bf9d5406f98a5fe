import { describe, expect, it } from 'vitest';
import { buildCompiled } from '../generate/build-compiled.js';
import { betweenness } from './betweenness.js';

// A rail line a - b - c - d with a branch c - e; plant p is linked by a supply relation (not transit).
const base = buildCompiled({
  nodes: [
    ['a', 'network'],
    ['b', 'network'],
    ['c', 'facility'],
    ['d', 'network'],
    ['e', 'network'],
    ['p', 'company'],
  ],
  requirements: [],
});
const rel = (pairs: [string, string, string][]) => ({
  ...base,
  relFrom: Int32Array.from(pairs.map(([f]) => base.index[f])),
  relTo: Int32Array.from(pairs.map(([, t]) => base.index[t])),
  relType: pairs.map(([, , ty]) => ty),
  relId: pairs.map((_, k) => `rel${k}`),
});
const cm = rel([
  ['a', 'b', 'connects'],
  ['b', 'c', 'connects'],
  ['c', 'd', 'connects'],
  ['e', 'c', 'transports'],
  ['p', 'c', 'connects'], // p is a company: not a network node
  ['a', 'd', 'supplies'], // not a transit relation
]);

describe('betweenness', () => {
  it('matches hand-counted shortest-path pairs', () => {
    // Pairs through b: (a,c) (a,d) (a,e) = 3; through c: (a,d) (a,e) (b,d) (b,e) (d,e) = 5; of 6 pairs of others.
    const r = betweenness(cm);
    expect(r.nodes).toBe(5);
    expect(r.links).toBe(4);
    expect(r.centrality.map((x) => x.node)).toEqual(['c', 'b', 'a', 'd', 'e']);
    expect(r.centrality[0].betweenness).toBeCloseTo(5 / 6, 12);
    expect(r.centrality[1].betweenness).toBeCloseTo(3 / 6, 12);
    expect(betweenness(cm, { normalized: false }).centrality[0].betweenness).toBeCloseTo(5, 12);
  });

  it('splits credit between equal shortest routes', () => {
    // A square a-b-c-d-a: each node lies on one of the two shortest routes between its two neighbours.
    const sq = rel([
      ['a', 'b', 'connects'],
      ['b', 'c', 'connects'],
      ['c', 'd', 'connects'],
      ['d', 'a', 'connects'],
    ]);
    for (const x of betweenness(sq, { normalized: false }).centrality)
      expect(x.betweenness).toBeCloseTo(0.5, 12);
  });

  it('returns an empty network when the model has no transit relations', () => {
    expect(betweenness(cm, { relationTypes: ['operates'] })).toEqual({ nodes: 0, links: 0, centrality: [] });
  });
});
