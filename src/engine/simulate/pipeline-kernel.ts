// The pipelined kernel: a model cut into segments along its evaluation order, each segment run by
// its own kernel (segment-model.ts), the levels of the nodes a segment exports handed on to the
// later segments frame by frame. A segment reads only earlier ones, so on threads an earlier
// segment runs ahead of a later one by as many steps as the ring between them holds
// (pipeline-threads.ts). The levels are the same to the bit as one kernel's over the whole model.
//
// This file holds the parts with no threads: where to cut, a segment's run with its feeds, every
// segment in one thread (the tests' reference), and putting the segments' results back together.
import type { EvaluationOrder } from './evaluation-order.js';
import {
  kernelRun,
  kernelBytes,
  type KernelModel,
  type KernelOptions,
  type KernelResult,
  type KernelRun,
} from './simulate-kernel.js';
import type { SimPlan } from './sim-plan.js';
import { positions, segmentBytes, segmentModel, segmentSize, type SegmentInput } from './segment-model.js';
import { TypedArena } from '../typed-arena.js';

/** Components [c0, c1) of the evaluation order, each run on a thread of its own. */
export interface SegmentSpec {
  c0: number;
  c1: number;
}

export interface PipelineLayout {
  /** In evaluation order: each segment reads only the ones before it. */
  segments: SegmentSpec[];
}

/** A loop at least this share of the model's nodes, requirements and slots gets a segment of its own. */
const HEAVY_LOOP = 0.05;

/**
 * Where to cut the model. The largest loop, if it holds at least 5% of the model (nodes,
 * requirements and slots counted alike), is a segment of its own, with what comes before it and
 * what comes after it as two more: a loop is swept until it settles, many times a step, and on the
 * generated networks the largest one does some 43% of the kernel's work with a fifth of the model,
 * while the segment before it, with most of the nodes, does about a fifth (docs/benchmarks.md).
 * Otherwise two segments, cut in the middle. The work of a segment depends on how far the shocks
 * reach into it, which the structure does not tell: so the cut is by loops, and the threads, one
 * per segment, share the cores as the operating system sees fit.
 */
export function pipelineLayout(
  m: Pick<KernelModel, 'reqOffsets' | 'provOffsets'>,
  order: EvaluationOrder,
): PipelineLayout {
  const { offsets, cyclic } = order;
  const C = cyclic.length;
  const size = new Float64Array(C);
  let total = 0;
  let heavy = -1;
  for (let c = 0; c < C; c++) {
    let w = 0;
    for (let k = offsets[c]; k < offsets[c + 1]; k++) {
      const i = order.order[k];
      w += 1 + (m.reqOffsets[i + 1] - m.reqOffsets[i]);
      w += m.provOffsets[m.reqOffsets[i + 1]] - m.provOffsets[m.reqOffsets[i]];
    }
    size[c] = w;
    total += w;
    if (cyclic[c] && (heavy < 0 || w > size[heavy])) heavy = c;
  }
  if (C < 2) return { segments: [{ c0: 0, c1: C }] };
  if (heavy >= 0 && size[heavy] >= HEAVY_LOOP * total) {
    const segments: SegmentSpec[] = [];
    if (heavy > 0) segments.push({ c0: 0, c1: heavy });
    segments.push({ c0: heavy, c1: heavy + 1 });
    if (heavy + 1 < C) segments.push({ c0: heavy + 1, c1: C });
    return { segments };
  }
  let cut = 1;
  for (let c = 1, before = size[0]; c < C; before += size[c++]) if (before <= total / 2) cut = c;
  return {
    segments: [
      { c0: 0, c1: cut },
      { c0: cut, c1: C },
    ],
  };
}

/** Kernel options a segment's run takes (its outputs come from the segment). */
export type SegmentOptions = Pick<KernelOptions, 'series' | 'tol' | 'maxIter'>;

/**
 * One segment's kernel run and its feeds. Frame 0 is the baseline, frame t + 1 is step t; before
 * each frame the levels earlier segments solved in that frame are fed in, after it the segment's
 * exported nodes that moved are handed on (all of them after the baseline).
 */
export class SegmentDriver {
  readonly input: SegmentInput;
  readonly run: KernelRun;
  /** Node of the whole model -> feed node, or -1. */
  private readonly feedOf: Int32Array;

  constructor(
    m: KernelModel,
    order: EvaluationOrder,
    pos: Int32Array,
    plan: SimPlan,
    outNodes: Int32Array,
    spec: SegmentSpec,
    options: SegmentOptions,
  ) {
    const { offsets } = order;
    if (!(
      Number.isInteger(spec.c0) &&
      Number.isInteger(spec.c1) &&
      0 <= spec.c0 &&
      spec.c0 < spec.c1 &&
      spec.c1 < offsets.length
    ))
      throw new RangeError(
        `segment [${spec.c0}, ${spec.c1}) is not a range of the ${offsets.length - 1} components`,
      );
    const lo = offsets[spec.c0];
    const hi = offsets[spec.c1];
    const { R, P } = segmentSize(m, order, spec.c0, spec.c1);
    const n = hi - lo + Math.min(P, lo) + 32;
    const C = spec.c1 - spec.c0 + Math.min(P, lo) + 32;
    const T = plan.targets.length;
    const S = plan.shockKind.length;
    const A = new TypedArena(segmentBytes(n, lo, R, P, T, S) + kernelBytes(n, R, P, C, plan.steps, S));
    this.input = segmentModel(m, order, pos, plan, outNodes, spec.c0, spec.c1, A);
    const s = this.input;
    this.run = kernelRun(s.m, s.order, s.plan, { ...options, outNodes: s.outNodes, exports: s.exports }, A);
    this.feedOf = new Int32Array(m.n).fill(-1);
    for (let f = 0; f < s.feedNode.length; f++) this.feedOf[s.feedNode[f]] = f;
  }

  /** Feeds the level of node `node` of the whole model, if the segment reads it. */
  feed(node: number, value: number): void {
    const x = this.feedOf[node];
    if (x >= 0) this.run.feed(x, value);
  }

  frame(f: number): void {
    if (f === 0) this.run.start();
    else this.run.step(f - 1);
  }

  /** Hands on the exported nodes the last frame moved (`f` = 0: every one), as whole-model nodes. */
  emit(f: number, out: (node: number, value: number) => void): void {
    const { exports, wholeNode } = this.input;
    const level = this.run.level;
    if (f === 0) {
      for (let x = 0; x < exports.length; x++) if (exports[x]) out(wholeNode[x], level[x]);
      return;
    }
    const changed = this.run.changed;
    for (let k = 0, K = this.run.changedCount(); k < K; k++) out(wholeNode[changed[k]], level[changed[k]]);
  }

  /** The number of entries the segment can hand on in one frame (its exported nodes). */
  exportCount(): number {
    let e = 0;
    for (const x of this.input.exports) e += x;
    return e;
  }
}

/** One segment's results, with each output's index in the whole run's outNodes. */
export interface SegmentResult {
  outIndex: Int32Array;
  result: KernelResult;
}

/** The results of the whole run from its segments'. */
export function mergeResults(
  K: number,
  steps: number,
  parts: SegmentResult[],
  series?: boolean,
): KernelResult {
  const out: KernelResult = {
    baseline: new Float64Array(K),
    min: new Float64Array(K),
    daysLost: new Float64Array(K),
    firstDrop: new Float64Array(K),
    recoveredAt: new Float64Array(K),
    final: new Float64Array(K),
    maxSweeps: 0,
    unconverged: 0,
  };
  if (series) out.series = new Float64Array(K * steps);
  for (const { outIndex, result: r } of parts) {
    for (let j = 0; j < outIndex.length; j++) {
      const k = outIndex[j];
      out.baseline[k] = r.baseline[j];
      out.min[k] = r.min[j];
      out.daysLost[k] = r.daysLost[j];
      out.firstDrop[k] = r.firstDrop[j];
      out.recoveredAt[k] = r.recoveredAt[j];
      out.final[k] = r.final[j];
      if (out.series && r.series) out.series.set(r.series.subarray(j * steps, (j + 1) * steps), k * steps);
    }
    if (r.maxSweeps > out.maxSweeps) out.maxSweeps = r.maxSweeps;
    out.unconverged += r.unconverged;
  }
  return out;
}

/**
 * Every segment of `layout` in this thread, frame by frame: the same results as the threads give,
 * and as one kernel over the whole model. For tests: in one thread the segments' kernels run
 * slower than one kernel over the whole model (V8 compiles a function better while only one
 * closure of it exists).
 */
export function runPipelineInThread(
  m: KernelModel,
  order: EvaluationOrder,
  plan: SimPlan,
  options: KernelOptions,
  layout: PipelineLayout,
): KernelResult {
  const pos = positions(order);
  const drivers = layout.segments.map(
    (spec) => new SegmentDriver(m, order, pos, plan, options.outNodes, spec, options),
  );
  const D = drivers.length;
  for (let f = 0; f <= plan.steps; f++) {
    for (let s = 0; s < D; s++) {
      drivers[s].frame(f);
      drivers[s].emit(f, (node, value) => {
        for (let u = s + 1; u < D; u++) drivers[u].feed(node, value);
      });
    }
    if (f > 0) options.onStep?.(f, plan.steps);
  }
  return mergeResults(
    options.outNodes.length,
    plan.steps,
    drivers.map((d) => ({ outIndex: d.input.outIndex, result: d.run.result() })),
    options.series,
  );
}
