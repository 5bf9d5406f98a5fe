// One segment of a model for the pipelined kernel (pipeline-kernel.ts): the nodes of a range of
// components of the evaluation order, numbered in that order as reorder-for-kernel.ts numbers the
// whole model, plus a "feed" node for each provider from an earlier segment. A feed node has no
// requirements; its level is set each step to the level the earlier segment solved for it, so the
// segment's kernel sees exactly the inputs the whole model's kernel would.
//
// Same levels to the bit as the whole model's kernel: components are solved in the same order with
// members in the same order, every requirement sums its slots in the same order, and the segment's
// first node keeps its position modulo 32 (padding nodes after the feeds), because the kernel keeps
// the members waiting in a loop as bits in 32-bit words and the order in which it takes them
// depends on where the word boundaries fall.
import type { EvaluationOrder } from './evaluation-order.js';
import type { KernelModel } from './simulate-kernel.js';
import { SHOCK_KIND, type SimPlan } from './sim-plan.js';
import { reverseAdjacency } from '../reverse-adjacency.js';
import type { TypedArena } from '../typed-arena.js';

/** A segment of the whole model, ready for `kernelRun` (nodes already in evaluation order). */
export interface SegmentInput {
  m: KernelModel;
  order: EvaluationOrder;
  plan: SimPlan;
  /** Output nodes in the segment (segment numbering) and their index in the whole run's outNodes. */
  outNodes: Int32Array;
  outIndex: Int32Array;
  /** Feed nodes are 0 .. feedNode.length - 1; feedNode[f] is the node of the whole model. */
  feedNode: Int32Array;
  /** 1 for segment nodes that requirements of later segments use. */
  exports: Uint8Array;
  /** Segment node -> node of the whole model (-1 for padding). */
  wholeNode: Int32Array;
}

/** Position of every node in the evaluation order (the inverse of order.order). */
export function positions(order: EvaluationOrder, a?: TypedArena): Int32Array {
  const n = order.order.length;
  const pos = a ? a.i32(n) : new Int32Array(n);
  for (let k = 0; k < n; k++) pos[order.order[k]] = k;
  return pos;
}

/** Requirements and provider slots of the nodes in components [c0, c1) of `order`. */
export function segmentSize(
  m: Pick<KernelModel, 'reqOffsets' | 'provOffsets'>,
  order: EvaluationOrder,
  c0: number,
  c1: number,
): { R: number; P: number } {
  const { reqOffsets, provOffsets } = m;
  let R = 0;
  let P = 0;
  for (let k = order.offsets[c0]; k < order.offsets[c1]; k++) {
    const i = order.order[k];
    R += reqOffsets[i + 1] - reqOffsets[i];
    P += provOffsets[reqOffsets[i + 1]] - provOffsets[reqOffsets[i]];
  }
  return { R, P };
}

/**
 * The segment of components [c0, c1) of `order` (the whole model `m`'s), with the shocks of `plan`
 * that act on it and the outputs it holds. `pos` is `positions(order)`. Arrays come from `a`.
 */
export function segmentModel(
  m: KernelModel,
  order: EvaluationOrder,
  pos: Int32Array,
  plan: SimPlan,
  outNodes: Int32Array,
  c0: number,
  c1: number,
  a: TypedArena,
): SegmentInput {
  const { reqOffsets, provOffsets, provNode, provReq, reqNode } = m;
  const ord = order.order;
  const lo = order.offsets[c0];
  const hi = order.offsets[c1];
  const { R, P } = segmentSize(m, order, c0, c1);
  // Feeds: providers positioned before the segment, in position order (none from the start).
  const isFeed = a.u8(lo);
  let F = 0;
  for (let k = lo; k < hi && lo > 0; k++) {
    const i = ord[k];
    for (let p = provOffsets[reqOffsets[i]]; p < provOffsets[reqOffsets[i + 1]]; p++) {
      const q = pos[provNode[p]];
      if (q < lo && !isFeed[q]) {
        isFeed[q] = 1;
        F++;
      }
    }
  }
  const pad = (((lo - F) % 32) + 32) % 32;
  const first = F + pad;
  const n = first + hi - lo;
  const wholeNode = a.i32(n).fill(-1);
  const feedNode = a.i32(F);
  // Whole-model position -> segment node, for feeds (positions < lo) and segment nodes.
  const subOfFeed = a.i32(lo);
  for (let q = 0, f = 0; q < lo; q++)
    if (isFeed[q]) {
      subOfFeed[q] = f;
      feedNode[f] = ord[q];
      wholeNode[f++] = ord[q];
    }
  const sub = (q: number) => (q < lo ? subOfFeed[q] : first + q - lo);

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
  const exports = a.u8(n);
  let r2 = 0;
  let p2 = 0;
  for (let k = lo; k < hi; k++) {
    const i = ord[k];
    const s = first + k - lo;
    wholeNode[s] = i;
    for (let r = reqOffsets[i]; r < reqOffsets[i + 1]; r++) {
      reqNode2[r2] = s;
      reqCriticality2[r2] = m.reqCriticality[r];
      reqBuffer2[r2] = m.reqBuffer[r];
      for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) {
        provNode2[p2] = sub(pos[provNode[p]]);
        provReq2[p2] = r2;
        provShare2[p2] = m.provShare[p];
        provQuality2[p2] = m.provQuality[p];
        provLeadTime2[p2] = m.provLeadTime[p];
        p2++;
      }
      provOffsets2[++r2] = p2;
    }
    reqOffsets2[s + 1] = r2;
  }
  const { usedByOffsets: usedByOffsets2, usedBy: usedBy2 } = reverseAdjacency(n, provNode2, a);
  // Exports: segment nodes that provide for a requirement further on (a scan of the later nodes'
  // slots, in order, rather than of who uses each segment node).
  for (let k = hi; k < ord.length; k++) {
    const i = ord[k];
    for (let p = provOffsets[reqOffsets[i]]; p < provOffsets[reqOffsets[i + 1]]; p++) {
      const q = pos[provNode[p]];
      if (q >= lo && q < hi) exports[first + q - lo] = 1;
    }
  }

  // Components: one per feed and padding node, then the segment's, members in the same order.
  const C = first + c1 - c0;
  const offsets = a.i32(C + 1);
  const cyclic = a.u8(C);
  for (let c = 0; c <= first; c++) offsets[c] = c;
  for (let c = c0; c <= c1; c++) offsets[first + c - c0] = first + order.offsets[c] - lo;
  for (let c = c0; c < c1; c++) cyclic[first + c - c0] = order.cyclic[c];
  const ordSub = a.i32(n);
  for (let k = 0; k < n; k++) ordSub[k] = k;

  // Shocks: the same profiles, with the targets in the segment (slots of its requirements).
  const S = plan.shockKind.length;
  const targetOffsets = a.i32(S + 1);
  let T = 0;
  const inSegment = (s: number, x: number): number => {
    if (plan.shockKind[s] === SHOCK_KIND.node) {
      const q = pos[x];
      return q >= lo && q < hi ? first + q - lo : -1;
    }
    const r = provReq[x];
    const i = reqNode[r];
    const q = pos[i];
    if (q < lo || q >= hi) return -1;
    const s2 = first + q - lo;
    return provOffsets2[reqOffsets2[s2] + r - reqOffsets[i]] + x - provOffsets[r];
  };
  // Each target mapped once (-1: outside the segment), then the kept ones packed.
  const mapped = a.i32(plan.targets.length);
  for (let s = 0; s < S; s++)
    for (let k = plan.targetOffsets[s]; k < plan.targetOffsets[s + 1]; k++) {
      mapped[k] = inSegment(s, plan.targets[k]);
      if (mapped[k] >= 0) T++;
    }
  const targets = a.i32(T);
  T = 0;
  for (let s = 0; s < S; s++) {
    for (let k = plan.targetOffsets[s]; k < plan.targetOffsets[s + 1]; k++)
      if (mapped[k] >= 0) targets[T++] = mapped[k];
    targetOffsets[s + 1] = T;
  }

  let nOut = 0;
  for (let k = 0; k < outNodes.length; k++) {
    const q = pos[outNodes[k]];
    if (q >= lo && q < hi) nOut++;
  }
  const outSub = new Int32Array(nOut);
  const outIndex = new Int32Array(nOut);
  for (let k = 0, j = 0; k < outNodes.length; k++) {
    const q = pos[outNodes[k]];
    if (q >= lo && q < hi) {
      outSub[j] = first + q - lo;
      outIndex[j++] = k;
    }
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
    order: { order: ordSub, offsets, cyclic },
    plan: { ...plan, targetOffsets, targets },
    outNodes: outSub,
    outIndex,
    feedNode,
    exports,
    wholeNode,
  };
}

/**
 * Bytes `segmentModel` takes from its arena for a segment of n nodes (feeds and padding included),
 * R requirements and P slots, out of a model whose segment starts at position lo, with T targets.
 */
export function segmentBytes(n: number, lo: number, R: number, P: number, T: number, S: number): number {
  return 5 * lo + 4 * (6 * n + 2 * R + 4 * P + 2 * T + S) + 8 * (2 * R + 3 * P) + 9 * n + 2048;
}
