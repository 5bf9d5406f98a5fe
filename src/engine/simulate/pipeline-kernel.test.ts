// The pipelined kernel against one kernel over the whole model: the same levels to the bit,
// wherever the model is cut, in one thread and on worker threads.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile } from '../compile.js';
import { generateModel } from '../generate/generate-model.js';
import { syntheticPlan } from '../generate/synthetic-plan.js';
import { evaluationOrder } from './evaluation-order.js';
import { simulateKernel, type KernelResult } from './simulate-kernel.js';
import { buildPlan, SHOCK_KIND } from './sim-plan.js';
import { pipelineLayout, runPipelineInThread, type PipelineLayout } from './pipeline-kernel.js';
import { simulateKernelAsync, simulatePipelined } from './pipeline-threads.js';
import { simulate, simulateAsync } from './simulate.js';

const cm = compile(generateModel({ nodes: 3000, seed: 5 }));
const order = evaluationOrder(cm);
const C = order.cyclic.length;
// The synthetic outage and cut, plus a shock that delays substitutes: every kind of shock.
const base = syntheticPlan(cm, { steps: 120 });
const leadSlots = Array.from(base.targets.subarray(base.targetOffsets[1], base.targetOffsets[2])).slice(
  0,
  200,
);
const plan = buildPlan(
  [
    {
      kind: SHOCK_KIND.node,
      points: [
        [10, 0],
        [40, 0],
        [70, 1],
      ],
      targets: base.targets.subarray(base.targetOffsets[0], base.targetOffsets[1]),
    },
    { kind: SHOCK_KIND.link, points: [[60, 0.5]], targets: leadSlots.concat([0, 1, 2]) },
    {
      kind: SHOCK_KIND.lead,
      points: [
        [30, 0],
        [50, 1],
      ],
      targets: leadSlots,
      extra: 20,
    },
  ],
  { steps: 120, dt: 1, substituteRamp: 7 },
);
const outNodes = Int32Array.from({ length: cm.n }, (_, i) => i);
const whole = simulateKernel(cm, order, plan, { outNodes, series: true });

/** Indices where two results differ at all (series and every summary). */
function differences(a: KernelResult, b: KernelResult): number {
  let d = 0;
  for (const k of ['baseline', 'min', 'daysLost', 'firstDrop', 'recoveredAt', 'final', 'series'] as const) {
    const x = a[k]!;
    const y = b[k]!;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) d++;
  }
  return d;
}

/** Segments cut at `cuts` (component indices). */
const layoutAt = (cuts: number[]): PipelineLayout => {
  const at = [0, ...[...new Set(cuts)].sort((a, b) => a - b), C];
  return {
    segments: at.slice(1).map((c1, k) => ({ c0: at[k], c1 })),
  };
};

describe('pipelineLayout', () => {
  it('gives the largest loop a segment of its own, between what comes before and after it', () => {
    const layout = pipelineLayout(cm, order);
    let heavy = -1;
    for (let c = 0; c < C; c++)
      if (
        order.cyclic[c] &&
        (heavy < 0 ||
          order.offsets[c + 1] - order.offsets[c] > order.offsets[heavy + 1] - order.offsets[heavy])
      )
        heavy = c;
    expect(layout.segments).toEqual([
      { c0: 0, c1: heavy },
      { c0: heavy, c1: heavy + 1 },
      { c0: heavy + 1, c1: C },
    ]);
  });

  it('cuts a model with no loop in two', () => {
    const chain = compile(generateModel({ nodes: 400, seed: 2, cycleRate: 0 }));
    const o = evaluationOrder(chain);
    expect(o.cyclic.every((x) => x === 0)).toBe(true);
    const { segments } = pipelineLayout(chain, o);
    expect(segments).toHaveLength(2);
    expect(segments[0].c0).toBe(0);
    expect(segments[0].c1).toBe(segments[1].c0);
    expect(segments[1].c1).toBe(o.cyclic.length);
  });
});

describe('the pipelined kernel', () => {
  it('gives the same levels to the bit as one kernel, wherever the model is cut', () => {
    expect(whole.daysLost.some((x) => x > 0)).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: C - 1 }), { minLength: 1, maxLength: 4 }), (cuts) => {
        const r = runPipelineInThread(cm, order, plan, { outNodes, series: true }, layoutAt(cuts));
        expect(differences(whole, r)).toBe(0);
        expect(r.maxSweeps).toBe(whole.maxSweeps);
      }),
      { numRuns: 12 },
    );
  });

  it('gives the same levels on worker threads, and reports steps as the last segment runs them', async () => {
    const steps: number[] = [];
    const r = await simulatePipelined(cm, order, plan, {
      outNodes,
      series: true,
      onStep: (done) => steps.push(done),
    });
    expect(differences(whole, r)).toBe(0);
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.at(-1)).toBe(plan.steps);
    expect(steps.every((s, k) => k === 0 || s > steps[k - 1])).toBe(true);
  });

  it('runs in this thread below the size where it pays, with the same results', async () => {
    const r = await simulateKernelAsync(cm, order, plan, { outNodes, series: true, threads: 2 });
    expect(differences(whole, r)).toBe(0);
  });

  it("gives simulate's outcomes through simulateAsync (in this thread below 200,000 nodes)", async () => {
    const sync = simulate(cm, plan, { outputs: 'all' });
    for (const threads of [1, 2])
      expect(await simulateAsync(cm, plan, { outputs: 'all', threads })).toEqual(sync);
    expect(sync.outcomes.some((o) => o.daysLost > 0)).toBe(true);
  });

  it('rejects, and does not hang, when a segment thread fails', async () => {
    const broken: PipelineLayout = {
      segments: [
        { c0: 0, c1: 10 },
        { c0: 10, c1: 5 },
      ],
    };
    await expect(simulatePipelined(cm, order, plan, { outNodes, layout: broken })).rejects.toThrow(
      /engine\/pipeline: segment \[10, 5\) is not a range/,
    );
  });
});
