// Property tests of the simulation on random requirement graphs (with cycles, buffers, partial
// criticality and, where the property allows it, substitutes).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile } from '../compile.js';
import type { Model } from '../../model/types.js';
import { modelFromSpec } from '../generate/model-from-spec.js';
import { buildPlan, emptyPlan, SHOCK_KIND, type PlanShock } from './sim-plan.js';
import { simulate } from './simulate.js';

interface GenDep {
  node: number;
  providers: { node: number; share: number; quality: number; lead: number }[];
  criticality: number;
  buffer: number;
}

const genModel = (withSubstitutes: boolean, fullCover: boolean) =>
  fc.integer({ min: 2, max: 9 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      deps: fc.array(
        fc.record({
          node: fc.integer({ min: 0, max: n - 1 }),
          providers: fc.array(
            fc.record({
              node: fc.integer({ min: 0, max: n - 1 }),
              share: fullCover ? fc.constant(1) : fc.double({ min: 0, max: 1, noNaN: true }),
              quality: fullCover ? fc.constant(1) : fc.double({ min: 0, max: 1, noNaN: true }),
              lead: withSubstitutes ? fc.constantFrom(0, 0, 3, 10) : fc.constant(0),
            }),
            { minLength: 1, maxLength: 3 },
          ),
          criticality: fc.double({ min: 0, max: 1, noNaN: true }),
          buffer: fc.constantFrom(0, 0, 2, 5),
        }),
        { maxLength: 14 },
      ),
    }),
  );

// Full cover: the first provider of every dependency is always in use.
const toModel = (n: number, deps: GenDep[], fullCover: boolean): Model =>
  modelFromSpec(
    n,
    deps.map((d) => ({
      ...d,
      providers: d.providers.map((p, j) => ({ ...p, lead: fullCover && j === 0 ? 0 : p.lead })),
    })),
  );

const genShocks = (n: number) =>
  fc.array(
    fc.record({
      node: fc.integer({ min: 0, max: n - 1 }),
      onset: fc.integer({ min: 0, max: 10 }),
      duration: fc.integer({ min: 1, max: 15 }),
      recovery: fc.integer({ min: 0, max: 8 }),
      floor: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { minLength: 1, maxLength: 4 },
  );

type GenShock = { node: number; onset: number; duration: number; recovery: number; floor: number };
const toPlan = (shocks: GenShock[], scale = 1) =>
  buildPlan(
    shocks.map((s): PlanShock => ({
      kind: SHOCK_KIND.node,
      points: [
        [s.onset, s.floor * scale],
        [s.onset + s.duration, s.floor * scale],
        [s.onset + s.duration + s.recovery, 1],
      ],
      targets: [s.node],
    })),
    { steps: 30, dt: 1 },
  );

describe('simulate: properties', () => {
  it('no shock: every level stays at its baseline, which is 1 when every requirement is fully covered', () => {
    fc.assert(
      fc.property(genModel(true, true), fc.boolean(), ({ n, deps }, full) => {
        const cm = compile(toModel(n, deps, full));
        const res = simulate(cm, emptyPlan(20), { outputs: 'all' });
        for (const o of res.outcomes) {
          for (const v of o.series!) expect(v).toBe(o.baseline);
          if (full) expect(o.baseline).toBeCloseTo(1, 9);
          expect(o.daysLost).toBe(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('levels stay in [0, 1] under any shocks, with substitutes, buffers and cycles', () => {
    fc.assert(
      fc.property(
        genModel(true, false).chain((m) => fc.tuple(fc.constant(m), genShocks(m.n))),
        ([{ n, deps }, shocks]) => {
          const cm = compile(toModel(n, deps, false));
          const res = simulate(cm, toPlan(shocks), { outputs: 'all' });
          for (const o of res.outcomes) for (const v of o.series!) expect(v >= 0 && v <= 1).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('more disruption (deeper floors, or an extra shock) never raises any level (no reactive substitutes)', () => {
    fc.assert(
      fc.property(
        genModel(false, false).chain((m) =>
          fc.tuple(
            fc.constant(m),
            genShocks(m.n),
            genShocks(m.n),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
        ),
        ([{ n, deps }, shocks, extra, scale]) => {
          const cm = compile(toModel(n, deps, false));
          const mild = simulate(cm, toPlan(shocks), { outputs: 'all' });
          const deeper = simulate(cm, toPlan(shocks, scale), { outputs: 'all' });
          const more = simulate(cm, toPlan([...shocks, ...extra]), { outputs: 'all' });
          mild.outcomes.forEach((o, k) =>
            o.series!.forEach((v, t) => {
              expect(deeper.outcomes[k].series![t]).toBeLessThanOrEqual(v + 1e-9);
              expect(more.outcomes[k].series![t]).toBeLessThanOrEqual(v + 1e-9);
            }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
