import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCompiled, type GraphSpec } from '../generate/build-compiled.js';
import type { CompiledModel } from '../compile.js';
import { cutSets } from './cut-sets.js';

const sets = (cm: CompiledModel, target: string, opts: Parameters<typeof cutSets>[1] = {}) =>
  cutSets(cm, { targets: [target], ...opts }).targets[0].cutSets.map((c) => c.nodes.join('+'));

describe('cutSets: hand-derived AND/OR systems', () => {
  // t needs a (AND) and one of b, c (OR, each covering 0.6 of the need); a needs d; b needs e; c needs f.
  const andOr = buildCompiled({
    nodes: [['t', 'capability'], 'a', 'b', 'c', 'd', 'e', 'f'],
    requirements: [
      { node: 't', providers: [['a']], id: 't-a' },
      {
        node: 't',
        providers: [
          ['b', 0.6],
          ['c', 0.6],
        ],
        id: 't-bc',
      },
      { node: 'a', providers: [['d']], id: 'a-d' },
      { node: 'b', providers: [['e']], id: 'b-e' },
      { node: 'c', providers: [['f']], id: 'c-f' },
    ],
  });

  it('finds AND members as order 1 and OR pairs as order 2', () => {
    expect(sets(andOr, 't')).toEqual(['a', 'd', 'b+c', 'b+f', 'c+e', 'e+f']);
    const res = cutSets(andOr).targets[0];
    expect(res.countsByOrder).toEqual([2, 4, 0]);
    expect(res.failsAtBaseline).toBe(false);
  });

  it('explains each member by the chain of broken requirements from the target', () => {
    const res = cutSets(andOr, { targets: ['t'] }).targets[0];
    const ef = res.cutSets.find((c) => c.nodes.join('+') === 'e+f')!;
    expect(ef.paths).toEqual([
      {
        member: 'e',
        steps: [
          { node: 't', dependency: 't-bc', provider: 'b' },
          { node: 'b', dependency: 'b-e', provider: 'e' },
        ],
      },
      {
        member: 'f',
        steps: [
          { node: 't', dependency: 't-bc', provider: 'c' },
          { node: 'c', dependency: 'c-f', provider: 'f' },
        ],
      },
    ]);
    const d = res.cutSets.find((c) => c.nodes.join('+') === 'd')!;
    expect(d.paths![0].steps.map((s) => s.dependency)).toEqual(['t-a', 'a-d']);
  });

  it('respects maxOrder and limit', () => {
    expect(sets(andOr, 't', { maxOrder: 1 })).toEqual(['a', 'd']);
    const r = cutSets(andOr, { targets: ['t'], limit: 3 }).targets[0];
    expect(r.cutSets.map((c) => c.nodes.join('+'))).toEqual(['a', 'd', 'b+c']);
    expect(r.truncated).toBe(true);
  });

  it('handles shares as a weighted k-out-of-n: three providers of 0.4, any two lost break a 0.5 need', () => {
    const cm = buildCompiled({
      nodes: [['t', 'capability'], 'x', 'y', 'z'],
      requirements: [
        {
          node: 't',
          providers: [
            ['x', 0.4],
            ['y', 0.4],
            ['z', 0.4],
          ],
        },
      ],
    });
    expect(sets(cm, 't')).toEqual(['x+y', 'x+z', 'y+z']);
    // Quality scales the share: x 0.5, y 0.3, z 0.3 cover 1.1; losing y and z leaves exactly 0.5 (enough).
    const shares = (qz: number) =>
      buildCompiled({
        nodes: [['t', 'capability'], 'x', 'y', 'z'],
        requirements: [
          {
            node: 't',
            providers: [
              ['x', 0.5],
              ['y', 0.3],
              ['z', 0.3, qz],
            ],
          },
        ],
      });
    expect(sets(shares(1), 't')).toEqual(['x+y', 'x+z']);
    // At quality 0.5, z covers 0.15: losing x alone leaves 0.45.
    expect(sets(shares(0.5), 't')).toEqual(['x']);
  });

  it('counts a partial-criticality requirement only when it can push the level below failBelow', () => {
    const cm = buildCompiled({
      nodes: [['t', 'capability'], 'w', 'v'],
      requirements: [
        { node: 't', providers: [['w']], criticality: 0.4 },
        { node: 't', providers: [['v']], criticality: 0.8 },
      ],
    });
    // θ = 0.5: losing w leaves 1 − 0.4 = 0.6 ≥ 0.5 (degrades only); losing v leaves 0.2 < 0.5.
    expect(sets(cm, 't')).toEqual(['v']);
    // θ = 0.7: losing w leaves 0.6 < 0.7.
    expect(sets(cm, 't', { failBelow: 0.7 })).toEqual(['w', 'v']);
  });

  it('counts substitutes only within the lead-time horizon', () => {
    const cm = buildCompiled({
      nodes: [['t', 'capability'], 'u', 's'],
      requirements: [{ node: 't', providers: [['u'], ['s', 1, 1, 90]] }],
    });
    expect(sets(cm, 't')).toEqual(['u+s']);
    expect(sets(cm, 't', { within: 30 })).toEqual(['u']);
  });

  it('finds common causes: one node under both alternatives is a single point of failure', () => {
    const cm = buildCompiled({
      nodes: [['t', 'capability'], 'b', 'c', 'e'],
      requirements: [
        { node: 't', providers: [['b'], ['c']] },
        { node: 'b', providers: [['e']] },
        { node: 'c', providers: [['e']] },
      ],
    });
    expect(sets(cm, 't')).toEqual(['e', 'b+c']);
  });

  it('keeps a running loop up until a member is cut (greatest fixed point)', () => {
    // m needs n or g; n needs m. Losing g alone leaves the loop m <-> n running.
    const cm = buildCompiled({
      nodes: [['t', 'capability'], 'm', 'n', 'g'],
      requirements: [
        { node: 't', providers: [['m']] },
        { node: 'm', providers: [['n'], ['g']] },
        { node: 'n', providers: [['m']] },
      ],
    });
    expect(sets(cm, 't')).toEqual(['m', 'n+g']);
    // A loop that also needs an outside input fails when it is lost.
    const q = buildCompiled({
      nodes: [['t', 'capability'], 'm', 'n', 'q'],
      requirements: [
        { node: 't', providers: [['m']] },
        { node: 'm', providers: [['n']] },
        { node: 'n', providers: [['m']] },
        { node: 'n', providers: [['q']] },
      ],
    });
    expect(sets(q, 't')).toEqual(['m', 'n', 'q']);
  });

  it('reports a target that fails with nothing lost', () => {
    const cm = buildCompiled({
      nodes: [['t', 'capability'], 'h'],
      requirements: [{ node: 't', providers: [['h', 0.3]] }],
    });
    const r = cutSets(cm).targets[0];
    expect(r.failsAtBaseline).toBe(true);
    expect(r.cutSets).toEqual([]);
  });

  it('rejects bad options with a located message', () => {
    expect(() => cutSets(andOr, { maxOrder: 0 })).toThrow(/engine\/cut-sets: maxOrder/);
    expect(() => cutSets(andOr, { targets: ['nope'] })).toThrow(/unknown target "nope"/);
    expect(() => cutSets(andOr, { failBelow: 0 })).toThrow(/failBelow/);
  });
});

// ---- Property: agreement with brute-force enumeration on random small graphs ----

const EPS = 1e-9;

/** Independent oracle: iterate "works" from all-up until stable (greatest fixed point). */
function failsTarget(
  cm: CompiledModel,
  target: number,
  removed: Set<number>,
  theta: number,
  within: number,
): boolean {
  const works = Array.from({ length: cm.n }, (_, v) => !removed.has(v));
  for (let changed = true; changed;) {
    changed = false;
    for (let v = 0; v < cm.n; v++) {
      if (!works[v]) continue;
      for (let r = cm.reqOffsets[v]; r < cm.reqOffsets[v + 1]; r++) {
        const c = cm.reqCriticality[r];
        let a = 0;
        for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++)
          if (works[cm.provNode[p]] && cm.provLeadTime[p] <= within) a += cm.provShare[p] * cm.provQuality[p];
        // level limit 1 − c(1 − min(1, a)) below θ?
        if (1 - c * (1 - Math.min(1, a)) < theta - EPS) {
          works[v] = false;
          changed = true;
          break;
        }
      }
    }
  }
  return !works[target];
}

function* subsets(items: number[], k: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length) yield acc.slice();
  if (acc.length === k) return;
  for (let i = start; i < items.length; i++) {
    acc.push(items[i]);
    yield* subsets(items, k, i + 1, acc);
    acc.pop();
  }
}

const grid = (xs: number[]) => fc.constantFrom(...xs);
const arbGraph = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    requirements: fc.array(
      fc.record({
        node: fc.integer({ min: 0, max: n - 1 }),
        criticality: grid([1, 1, 1, 0.8, 0.5, 0.3]),
        providers: fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: n - 1 }),
            grid([1, 0.6, 0.5, 0.4, 0.3]),
            grid([1, 1, 0.5]),
            grid([0, 0, 60]),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { maxLength: 10 },
    ),
    theta: grid([0.5, 0.5, 0.3, 0.8, 1]),
    within: grid([Infinity, 30]),
    maxOrder: fc.integer({ min: 1, max: 3 }),
  }),
);

describe('cutSets: properties against brute force', () => {
  it('reports exactly the minimal failing sets up to maxOrder, each failing the target, each explained', () => {
    fc.assert(
      fc.property(arbGraph, (g) => {
        const spec: GraphSpec = {
          nodes: Array.from({ length: g.n }, (_, i) => (i === 0 ? ['n0', 'capability'] : `n${i}`)),
          requirements: g.requirements.map((r) => ({
            node: `n${r.node}`,
            criticality: r.criticality,
            providers: r.providers.map(
              ([p, s, q, l]) => [`n${p}`, s, q, l] as [string, number, number, number],
            ),
          })),
        };
        const cm = buildCompiled(spec);
        const res = cutSets(cm, {
          targets: ['n0'],
          maxOrder: g.maxOrder,
          failBelow: g.theta,
          within: g.within,
        }).targets[0];
        const fails = (xs: number[]) => failsTarget(cm, 0, new Set(xs), g.theta, g.within);
        expect(res.failsAtBaseline).toBe(fails([]));
        if (res.failsAtBaseline) return;
        const others = Array.from({ length: g.n - 1 }, (_, i) => i + 1);
        const expected: string[] = [];
        for (const s of subsets(others, g.maxOrder)) {
          if (!fails(s)) continue;
          const minimal = s.every((_, k) => !fails(s.filter((__, j) => j !== k)));
          if (minimal) expected.push(s.map((v) => `n${v}`).join('+'));
        }
        const got = res.cutSets.map((c) => c.nodes.join('+'));
        expect(got.slice().sort()).toEqual(expected.sort());
        for (const c of res.cutSets) {
          expect(c.paths!.map((p) => p.member)).toEqual(c.nodes);
          for (const p of c.paths!) {
            expect(p.steps[0].node).toBe('n0');
            expect(p.steps[p.steps.length - 1].provider).toBe(p.member);
            for (let k = 1; k < p.steps.length; k++) expect(p.steps[k].node).toBe(p.steps[k - 1].provider);
          }
        }
      }),
      { numRuns: 400, seed: 42 },
    );
  });
});

describe('singlePointsOfFailure', () => {
  it('gathers order-1 cut sets by node, most targets stopped first', async () => {
    const { singlePointsOfFailure } = await import('./single-points-of-failure.js');
    const cm = buildCompiled({
      nodes: [['t1', 'capability'], ['t2', 'capability'], 'a', 'b', 'c'],
      requirements: [
        { node: 't1', providers: [['a']], id: 't1-a' },
        { node: 't2', providers: [['b'], ['c']], id: 't2-bc' },
        { node: 'b', providers: [['a']], id: 'b-a' },
        { node: 'c', providers: [['a']], id: 'c-a' },
      ],
    });
    const sp = singlePointsOfFailure(cm);
    expect(sp.map((s) => [s.node, s.stops.map((x) => x.target)])).toEqual([['a', ['t1', 't2']]]);
    expect(sp[0].stops[1].path.map((s) => s.dependency)).toEqual(['t2-bc', 'b-a']);
  });
});

describe('cutSets on generated networks with large loops', () => {
  it('reports only sets that fail their target and whose every proper subset does not', async () => {
    const { generateNetwork } = await import('../generate/generate-network.js');
    const { createCascade } = await import('./cascade.js');
    for (const seed of [1, 2, 3]) {
      const cm = generateNetwork({ nodes: 400, tiers: 5, seed, cycleRate: 0.15, capabilities: 5 });
      const res = cutSets(cm, { maxOrder: 2, explain: false });
      const c = createCascade(cm);
      let checked = 0;
      for (const t of res.targets) {
        const ti = cm.index[t.target];
        for (const s of t.cutSets) {
          const nodes = s.nodes.map((id) => cm.index[id]);
          expect(c.run(nodes).failed[ti]).toBe(1);
          for (let k = 0; k < nodes.length; k++)
            expect(c.run(nodes.filter((_, j) => j !== k)).failed[ti]).toBe(0);
          checked++;
        }
        // Completeness for order 1: every single loss that fails the target is reported.
        const singles = new Set(t.cutSets.filter((s) => s.order === 1).map((s) => s.nodes[0]));
        for (let v = 0; v < cm.n; v++)
          if (v !== ti) expect(singles.has(cm.ids[v])).toBe(c.run([v]).failed[ti] === 1);
      }
      expect(checked).toBeGreaterThan(0);
    }
  });
});

describe('cutSets completeness at order 2 on a looped generated network', () => {
  it('reports every pair whose joint loss (and neither alone) fails a target', async () => {
    const { generateNetwork } = await import('../generate/generate-network.js');
    const { createCascade } = await import('./cascade.js');
    const cm = generateNetwork({ nodes: 200, tiers: 4, seed: 9, cycleRate: 0.15, capabilities: 4 });
    const res = cutSets(cm, { maxOrder: 2, explain: false });
    const c = createCascade(cm);
    const targets = res.targets.map((t) => cm.index[t.target]);
    const single = targets.map((t) => Array.from({ length: cm.n }, (_, v) => c.run([v]).failed[t] === 1));
    const expected = targets.map(() => new Set<string>());
    for (let u = 0; u < cm.n; u++)
      for (let v = u + 1; v < cm.n; v++) {
        const failed = c.runInPlace([u, v]).failed;
        targets.forEach((t, k) => {
          if (u !== t && v !== t && failed[t] && !single[k][u] && !single[k][v])
            expected[k].add(`${cm.ids[u]}+${cm.ids[v]}`);
        });
      }
    res.targets.forEach((t, k) => {
      const got = new Set(t.cutSets.filter((s) => s.order === 2).map((s) => s.nodes.join('+')));
      expect(got).toEqual(expected[k]);
    });
    expect(expected.some((e) => e.size > 0)).toBe(true);
  });
});
