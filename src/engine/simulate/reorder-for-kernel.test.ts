import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { generateModel } from '../generate/generate-model.js';
import { evaluationOrder } from './evaluation-order.js';
import { reorderForKernel } from './reorder-for-kernel.js';
import { buildPlan, SHOCK_KIND } from './sim-plan.js';
import { simulateKernel } from './simulate-kernel.js';
import { syntheticPlan } from '../generate/synthetic-plan.js';

describe('reorderForKernel', () => {
  const cm = compile(generateModel({ nodes: 3000, seed: 4 }));
  const order = evaluationOrder(cm);
  const plan = buildPlan(
    [
      { kind: SHOCK_KIND.node, points: [[1, 0]], targets: [5, 17, 2999] },
      { kind: SHOCK_KIND.link, points: [[2, 0.5]], targets: [0, 40, cm.provNode.length - 1] },
      { kind: SHOCK_KIND.lead, points: [[3, 0]], targets: [7], extra: 9 },
    ],
    { steps: 10, dt: 1 },
  );
  const out = Int32Array.from([0, 1234, 2999]);
  const r = reorderForKernel(cm, order, plan, out);
  const inv = new Int32Array(cm.n);
  order.order.forEach((i, k) => (inv[i] = k));

  it('numbers nodes in evaluation order, keeping components and their loops', () => {
    expect(Array.from(r.order.order)).toEqual(Array.from({ length: cm.n }, (_, k) => k));
    expect(Array.from(r.order.offsets)).toEqual(Array.from(order.offsets));
    expect(Array.from(r.order.cyclic)).toEqual(Array.from(order.cyclic));
    expect(Array.from(r.outNodes)).toEqual(Array.from(out, (i) => inv[i]));
  });

  it('keeps every requirement with its providers, in slot order, under the new numbers', () => {
    for (let k = 0; k < cm.n; k++) {
      const i = order.order[k];
      const oldReqs = cm.reqOffsets[i + 1] - cm.reqOffsets[i];
      expect(r.m.reqOffsets[k + 1] - r.m.reqOffsets[k]).toBe(oldReqs);
      for (let q = 0; q < oldReqs; q++) {
        const a = cm.reqOffsets[i] + q;
        const b = r.m.reqOffsets[k] + q;
        expect(r.m.reqNode[b]).toBe(k);
        expect(r.m.reqCriticality[b]).toBe(cm.reqCriticality[a]);
        expect(r.m.reqBuffer[b]).toBe(cm.reqBuffer[a]);
        const slots = cm.provOffsets[a + 1] - cm.provOffsets[a];
        expect(r.m.provOffsets[b + 1] - r.m.provOffsets[b]).toBe(slots);
        for (let s = 0; s < slots; s++) {
          const pa = cm.provOffsets[a] + s;
          const pb = r.m.provOffsets[b] + s;
          expect(r.m.provNode[pb]).toBe(inv[cm.provNode[pa]]);
          expect(r.m.provReq[pb]).toBe(b);
          expect([r.m.provShare[pb], r.m.provQuality[pb], r.m.provLeadTime[pb]]).toEqual([
            cm.provShare[pa],
            cm.provQuality[pa],
            cm.provLeadTime[pa],
          ]);
        }
      }
    }
  });

  it('rebuilds who uses each node and moves shock targets with their nodes and slots', () => {
    for (let j = 0; j < cm.n; j++)
      for (let k = r.m.usedByOffsets[j]; k < r.m.usedByOffsets[j + 1]; k++)
        expect(r.m.provNode[r.m.usedBy[k]]).toBe(j);
    expect(r.m.usedByOffsets[cm.n]).toBe(cm.provNode.length);
    expect(Array.from(r.plan.targets.subarray(0, 3))).toEqual([inv[5], inv[17], inv[2999]]);
    // A slot keeps its node and share: the moved targets point at the same provider link.
    for (let k = 3; k < 7; k++) {
      const old = plan.targets[k];
      const moved = r.plan.targets[k];
      expect(r.m.provNode[moved]).toBe(inv[cm.provNode[old]]);
      expect(r.m.reqNode[r.m.provReq[moved]]).toBe(inv[cm.reqNode[cm.provReq[old]]]);
    }
  });

  it('leaves every level of a year-long run the same, bit for bit', () => {
    const big = compile(generateModel({ nodes: 5000, seed: 10 }));
    const eo = evaluationOrder(big);
    const year = syntheticPlan(big);
    const outNodes = Int32Array.from({ length: big.n }, (_, i) => i);
    const plain = simulateKernel(big, eo, year, { outNodes, series: true, reorder: false });
    const renumbered = simulateKernel(big, eo, year, { outNodes, series: true, reorder: true });
    expect(renumbered.series).toEqual(plain.series);
    expect(renumbered.daysLost).toEqual(plain.daysLost);
    expect(Array.from(plain.daysLost).some((x) => x > 0)).toBe(true);
  });
});
