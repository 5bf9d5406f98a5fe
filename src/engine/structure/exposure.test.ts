import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCompiled } from '../generate/build-compiled.js';
import { generateNetwork } from '../generate/generate-network.js';
import { exposure } from './exposure.js';

describe('exposure: hand-derived', () => {
  // t (RU) needs R1 (criticality 1) from a (BY, 0.6) or b (RU, 0.4), and R2 (criticality 0.5) from c (RU).
  // b needs d (BY, 0.5) and e (KZ, 0.5); c needs f (RU). ω(R1) = 2/3, ω(R2) = 1/3.
  // x(b) = 0.5, x(c) = 0, so E(t) = 2/3 (0.6 + 0.4 × 0.5) = 0.5333…, direct = 2/3 × 0.6 = 0.4.
  const cm = buildCompiled({
    nodes: [
      ['t', 'capability', 'RU'],
      ['a', 'company', 'BY'],
      ['b', 'company', 'RU'],
      ['c', 'company', 'RU'],
      ['d', 'company', 'BY'],
      ['e', 'company', 'KZ'],
      ['f', 'company', 'RU'],
      ['g', 'company', 'BY'],
    ],
    requirements: [
      {
        node: 't',
        id: 'R1',
        providers: [
          ['a', 0.6],
          ['b', 0.4],
          ['g', 1, 1, 100],
        ],
      },
      { node: 't', id: 'R2', criticality: 0.5, providers: [['c']] },
      {
        node: 'b',
        id: 'R3',
        providers: [
          ['d', 0.5],
          ['e', 0.5],
        ],
      },
      { node: 'c', id: 'R4', providers: [['f']] },
    ],
  });

  it('weights requirements by criticality and providers in use by share × quality (substitutes aside)', () => {
    const r = exposure(cm, { on: 'BY' }).targets[0];
    expect(r.target).toBe('t');
    expect(r.exposure).toBeCloseTo(8 / 15, 12);
    expect(r.direct).toBeCloseTo(0.4, 12);
    expect(r.contributors.map((c) => c.node)).toEqual(['a', 'd']);
    expect(r.contributors[0].share).toBeCloseTo(0.4, 12);
    expect(r.contributors[1].share).toBeCloseTo(2 / 15, 12);
  });

  it('lists the heaviest paths with their dependency ids', () => {
    const r = exposure(cm, { on: 'BY' }).targets[0];
    expect(r.paths.map((p) => p.steps.map((s) => `${s.node}-${s.dependency}->${s.provider}`))).toEqual([
      ['t-R1->a'],
      ['t-R1->b', 'b-R3->d'],
    ]);
    expect(r.paths[1].share).toBeCloseTo(2 / 15, 12);
  });

  it('measures other countries and filters targets by actor', () => {
    expect(exposure(cm, { on: 'KZ' }).targets[0].exposure).toBeCloseTo(2 / 15, 12);
    expect(exposure(cm, { on: 'BY', actor: 'BY' }).targets).toEqual([]);
  });

  it('solves loops as the least solution: an exit to C is reached surely, a closed loop never', () => {
    const open = buildCompiled({
      nodes: [
        ['t', 'capability', 'RU'],
        ['m', 'company', 'RU'],
        ['n', 'company', 'RU'],
        ['z', 'company', 'BY'],
      ],
      requirements: [
        { node: 't', providers: [['m']] },
        {
          node: 'm',
          providers: [
            ['n', 0.5],
            ['z', 0.5],
          ],
        },
        { node: 'n', providers: [['m']] },
      ],
    });
    expect(exposure(open, { on: 'BY' }).targets[0].exposure).toBeCloseTo(1, 9);
    expect(exposure(open, { on: 'BY' }).targets[0].contributors[0].share).toBeCloseTo(1, 9);
    const selfLoop = buildCompiled({
      nodes: [
        ['t', 'capability', 'RU'],
        ['m', 'company', 'RU'],
        ['z', 'company', 'BY'],
      ],
      requirements: [
        { node: 't', providers: [['m']] },
        {
          node: 'm',
          providers: [
            ['m', 0.5],
            ['z', 0.5],
          ],
        },
      ],
    });
    expect(exposure(selfLoop, { on: 'BY' }).targets[0].exposure).toBeCloseTo(1, 9);
    const closed = buildCompiled({
      nodes: [
        ['t', 'capability', 'RU'],
        ['m', 'company', 'RU'],
        ['n', 'company', 'RU'],
      ],
      requirements: [
        { node: 't', providers: [['m']] },
        { node: 'm', providers: [['n']] },
        { node: 'n', providers: [['m']] },
      ],
    });
    expect(exposure(closed, { on: 'BY' }).targets[0].exposure).toBe(0);
  });
});

describe('exposure: properties', () => {
  it('stays in [0, 1], its contributors add up to it, and it matches plain Jacobi iteration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const cm = generateNetwork({ nodes: 60, tiers: 4, seed, cycleRate: 0.2, capabilities: 3 });
        const res = exposure(cm, { on: 'BY', contributors: 1000 });
        // Independent oracle: Jacobi iteration of the same equations from 0.
        let x = new Float64Array(cm.n);
        for (let it = 0; it < 3000; it++) {
          const y = new Float64Array(cm.n);
          for (let v = 0; v < cm.n; v++) {
            if (cm.country[v] === 'BY') {
              y[v] = 1;
              continue;
            }
            let sc = 0;
            for (let r = cm.reqOffsets[v]; r < cm.reqOffsets[v + 1]; r++) sc += cm.reqCriticality[r];
            for (let r = cm.reqOffsets[v]; r < cm.reqOffsets[v + 1]; r++) {
              let tot = 0;
              let acc = 0;
              for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++)
                if (cm.provLeadTime[p] === 0) {
                  tot += cm.provShare[p] * cm.provQuality[p];
                  acc += cm.provShare[p] * cm.provQuality[p] * x[cm.provNode[p]];
                }
              if (tot > 0) y[v] += (cm.reqCriticality[r] / sc) * (acc / tot);
            }
          }
          x = y;
        }
        for (const t of res.targets) {
          expect(t.exposure).toBeGreaterThanOrEqual(0);
          expect(t.exposure).toBeLessThanOrEqual(1 + 1e-12);
          const v = cm.index[t.target];
          // Capabilities are RU here, so E(t) = x(t).
          expect(t.exposure).toBeCloseTo(x[v], 6);
          const sum = t.contributors.reduce((s, c) => s + c.share, 0);
          expect(sum).toBeCloseTo(t.exposure, 6);
          for (let k = 1; k < t.paths.length; k++)
            expect(t.paths[k].share).toBeLessThanOrEqual(t.paths[k - 1].share);
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
