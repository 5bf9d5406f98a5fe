// Renumbers a kernel model so that node k is the k-th node of the evaluation order (and requirements
// and provider slots follow their nodes), for memory locality: the kernel sweeps nodes in that order,
// so their requirements, providers and levels are then read front to back rather than scattered
// over arrays of millions of entries. Slot order inside each requirement is kept, so every sum is
// taken in the same order and the levels are the same to the bit. This is the whole model as one
// segment (segment-model.ts): no feeds, no padding.
import type { EvaluationOrder } from './evaluation-order.js';
import type { KernelModel } from './simulate-kernel.js';
import type { SimPlan } from './sim-plan.js';
import { positions, segmentBytes, segmentModel } from './segment-model.js';
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
  const R = m.reqOffsets[m.n];
  const P = m.provOffsets[R];
  const a = arena ?? new TypedArena(reorderBytes(m.n, R, P, plan.targets.length, plan.shockKind.length));
  const s = segmentModel(m, order, positions(order, a), plan, outNodes, 0, order.cyclic.length, a);
  return { m: s.m, order: s.order, plan: s.plan, outNodes: s.outNodes };
}

/**
 * Bytes of the arrays `reorderForKernel` takes from its arena: n nodes, R requirements, P slots, T
 * shock targets, S shocks (with room for alignment).
 */
export function reorderBytes(n: number, R: number, P: number, T: number, S: number): number {
  return 4 * n + segmentBytes(n, 0, R, P, T, S);
}
