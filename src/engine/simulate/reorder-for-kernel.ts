// Renumbers a kernel model so that node k is the k-th node of the evaluation order (and requirements
// and provider slots follow their nodes), for memory locality: the kernel sweeps nodes in that order,
// so their requirements, providers and levels are then read front to back rather than scattered
// over arrays of millions of entries. Slot order inside each requirement is kept, so every sum is
// taken in the same order and the levels are the same to the bit.
import type { EvaluationOrder } from './evaluation-order.js';
import type { KernelModel } from './simulate-kernel.js';
import { SHOCK_KIND, type SimPlan } from './sim-plan.js';
import { reverseAdjacency } from '../reverse-adjacency.js';
import { TypedArena } from '../typed-arena.js';

export interface ReorderedKernelInput {
  m: KernelModel;
  order: EvaluationOrder;
  plan: SimPlan;
  outNodes: Int32Array;
}

/**
 * The same model, plan and outputs with nodes numbered in evaluation order (the order is then 0, 1,
 * …). The arrays come from `arena` (by default one of their own): they live as long as it does.
 */
export function reorderForKernel(
  m: KernelModel,
  order: EvaluationOrder,
  plan: SimPlan,
  outNodes: Int32Array,
  arena?: TypedArena,
): ReorderedKernelInput {
  const { n, reqOffsets, provOffsets, provNode } = m;
  const R = reqOffsets[n];
  const P = provOffsets[R];
  const a = arena ?? new TypedArena(reorderBytes(n, R, P, plan.targets.length));
  const ord = order.order;
  const inv = a.i32(n);
  for (let k = 0; k < n; k++) inv[ord[k]] = k;

  const reqOffsets2 = a.i32(n + 1);
  const reqNode2 = a.i32(R);
  const reqCriticality2 = a.f64(R);
  const reqBuffer2 = a.f64(R);
  const provOffsets2 = a.i32(R + 1);
  const provNode2 = a.i32(P);
  const provReq2 = a.i32(P);
  const provShare2 = a.f64(P);
  const provQuality2 = a.f64(P);
  const provLeadTime2 = a.f64(P);
  const slotOf = a.i32(P); // old slot -> new slot
  let r2 = 0;
  let p2 = 0;
  for (let k = 0; k < n; k++) {
    const i = ord[k];
    for (let r = reqOffsets[i]; r < reqOffsets[i + 1]; r++) {
      reqNode2[r2] = k;
      reqCriticality2[r2] = m.reqCriticality[r];
      reqBuffer2[r2] = m.reqBuffer[r];
      for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) {
        provNode2[p2] = inv[provNode[p]];
        provReq2[p2] = r2;
        provShare2[p2] = m.provShare[p];
        provQuality2[p2] = m.provQuality[p];
        provLeadTime2[p2] = m.provLeadTime[p];
        slotOf[p] = p2++;
      }
      provOffsets2[++r2] = p2;
    }
    reqOffsets2[k + 1] = r2;
  }
  const { usedByOffsets: usedByOffsets2, usedBy: usedBy2 } = reverseAdjacency(n, provNode2, a);

  const targets2 = a.i32(plan.targets.length);
  for (let s = 0; s < plan.shockKind.length; s++) {
    const node = plan.shockKind[s] === SHOCK_KIND.node;
    for (let k = plan.targetOffsets[s]; k < plan.targetOffsets[s + 1]; k++)
      targets2[k] = node ? inv[plan.targets[k]] : slotOf[plan.targets[k]];
  }
  return {
    m: {
      n,
      reqOffsets: reqOffsets2,
      reqNode: reqNode2,
      provReq: provReq2,
      usedByOffsets: usedByOffsets2,
      usedBy: usedBy2,
      provOffsets: provOffsets2,
      provNode: provNode2,
      reqCriticality: reqCriticality2,
      reqBuffer: reqBuffer2,
      provShare: provShare2,
      provQuality: provQuality2,
      provLeadTime: provLeadTime2,
    },
    order: {
      order: identity(a.i32(n)),
      offsets: order.offsets,
      cyclic: order.cyclic,
    },
    plan: { ...plan, targets: targets2 },
    outNodes: outNodes.map((i) => inv[i]),
  };
}

/**
 * Bytes of the arrays `reorderForKernel` takes from its arena: n nodes, R requirements, P slots, T
 * shock targets (with room for alignment).
 */
export function reorderBytes(n: number, R: number, P: number, T: number): number {
  return 4 * (5 * n + 2 * R + 4 * P + T) + 8 * (2 * R + 3 * P) + 1024;
}

function identity(a: Int32Array): Int32Array {
  for (let k = 0; k < a.length; k++) a[k] = k;
  return a;
}
