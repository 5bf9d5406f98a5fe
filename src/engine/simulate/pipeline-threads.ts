// The pipelined kernel on worker threads: one thread per segment of pipelineLayout, the model shared
// through one SharedArrayBuffer, and behind each segment but the last a ring of (node, level)
// entries it writes frame by frame for the later segments. A segment waits for the frames it reads
// and for room in its ring; the operating system shares the cores among the threads not waiting.
// Each thread holds one kernel run: in one thread, two kernel runs built side by side each ran
// some 1.4 times slower than one alone (V8 compiles a function better while only one closure of it
// exists; docs/benchmarks.md).
//
// Control words (Int32, shared): TICK, bumped and notified on every publish and consume, which
// every wait watches; ABORT, set by a failing thread; STARTED, the threads running their code; then
// per segment u the frames it has published, and per pair (u, s), s > u, the frames of u that s has
// consumed.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EvaluationOrder } from './evaluation-order.js';
import {
  simulateKernel,
  type KernelModel,
  type KernelOptions,
  type KernelResult,
} from './simulate-kernel.js';
import type { SimPlan } from './sim-plan.js';
import { positions } from './segment-model.js';
import { mergeResults, pipelineLayout, type PipelineLayout, type SegmentResult } from './pipeline-kernel.js';

/** From this many nodes a run is pipelined when two or more cores are there (docs/benchmarks.md). */
export const PIPELINE_FROM = 200_000;

export const TICK = 0;
export const ABORT = 1;
/** Number of segment threads that have loaded their code. */
export const STARTED = 2;
/** Index of segment u's published-frame count. */
export const published = (u: number) => 3 + u;
/** Index of the count of segment u's frames that segment s has consumed. */
export const consumed = (D: number, u: number, s: number) => 3 + D + u * D + s;

/** A segment's ring: the end (in entries written so far) of each frame, and the entries. */
export interface RingBuffers {
  frameEnd: Float64Array;
  node: Int32Array;
  value: Float64Array;
}

/** What each segment's worker is started with. */
export interface PipelineWorkerStart {
  ctrl: Int32Array;
  segment: number;
}

/** What each segment's worker receives once the model is shared out. */
export interface PipelineWorkerInput {
  m: KernelModel;
  order: EvaluationOrder;
  pos: Int32Array;
  plan: SimPlan;
  outNodes: Int32Array;
  layout: PipelineLayout;
  options: Pick<KernelOptions, 'series' | 'tol' | 'maxIter'>;
  rings: RingBuffers[];
}

/** Where a segment's thread spent its time, and how many levels crossed into and out of it. */
export interface SegmentTiming {
  setupMs: number;
  runMs: number;
  /** Parts of runMs spent waiting for earlier segments' frames, and for room in its ring. */
  waitInputMs: number;
  waitRoomMs: number;
  feeds: number;
  exports: number;
  /** Entries read from earlier segments' rings, and written to its own, over the run. */
  read: number;
  written: number;
}

export type PipelineWorkerMessage =
  | { type: 'done'; segment: number; outIndex: Int32Array; result: KernelResult; timing: SegmentTiming }
  | { type: 'error'; message: string };

export interface PipelineOptions extends KernelOptions {
  /** Where to cut (default: pipelineLayout). */
  layout?: PipelineLayout;
  /** Called at the end with each segment's timing, in segment order (for benchmarks). */
  onTiming?: (t: SegmentTiming[]) => void;
}

const MODEL_KEYS = [
  'reqOffsets',
  'reqNode',
  'provReq',
  'usedByOffsets',
  'usedBy',
  'provOffsets',
  'provNode',
  'reqCriticality',
  'reqBuffer',
  'provShare',
  'provQuality',
  'provLeadTime',
] as const;

/** Copies of `arrays` in one SharedArrayBuffer (one external allocation, shared by every thread). */
function shareAll<T extends Int32Array | Float64Array | Uint8Array>(arrays: T[]): T[] {
  let bytes = 0;
  for (const a of arrays) bytes += (a.byteLength + 7) & ~7;
  const sab = new SharedArrayBuffer(bytes);
  let at = 0;
  return arrays.map((a) => {
    const C = a.constructor as new (b: SharedArrayBuffer, o: number, l: number) => T;
    const copy = new C(sab, at, a.length);
    copy.set(a);
    at += (a.byteLength + 7) & ~7;
    return copy;
  });
}

/**
 * Frames of a segment that moves every one of its nodes that its ring holds (in practice many more:
 * few nodes move in a step). Deep rings let an earlier segment run ahead through a later one's
 * heavy steps: at 1M nodes, rings of four frames left the loop's segment waiting 2.2 s for room
 * (docs/benchmarks.md); 12 bytes an entry.
 */
const RING_FRAMES = 16;

/**
 * Starts a segment's thread: built code runs pipeline-worker.js; from TypeScript sources, a tsx
 * bootstrap (../ts-worker.mjs, as the Monte Carlo's) loads pipeline-worker.ts.
 */
function startSegmentThread(data: PipelineWorkerStart): Worker {
  const ts = import.meta.url.endsWith('.ts');
  const entry = new URL(`./pipeline-worker.${ts ? 'ts' : 'js'}`, import.meta.url);
  return ts
    ? new Worker(new URL('../ts-worker.mjs', import.meta.url), { workerData: { ...data, entry: entry.href } })
    : new Worker(entry, { workerData: data });
}

/**
 * Runs `plan` on `m` as the pipelined kernel, one worker thread per segment; the same results as
 * `simulateKernel`, to the bit. `onStep` reports the last segment's steps.
 */
export async function simulatePipelined(
  m: KernelModel,
  order: EvaluationOrder,
  plan: SimPlan,
  options: PipelineOptions,
): Promise<KernelResult> {
  const layout = options.layout ?? pipelineLayout(m, order);
  const D = layout.segments.length;
  const ctrl = new Int32Array(new SharedArrayBuffer(4 * (3 + D + D * D)));
  // The threads start first, and load their code while the model is shared out.
  const workers = layout.segments.map((_, segment) => startSegmentThread({ ctrl, segment }));
  const parts: SegmentResult[] = [];
  const timing: SegmentTiming[] = [];
  const finished = workers.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.on('message', (msg: PipelineWorkerMessage) => {
          if (msg.type === 'done') {
            parts.push({ outIndex: msg.outIndex, result: msg.result });
            timing[msg.segment] = msg.timing;
            resolve();
          } else reject(new Error(`engine/pipeline: ${msg.message}`));
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`engine/pipeline: a segment's thread exited with code ${code}`));
        });
      }),
  );
  // Unhandled until awaited below: a rejection now must not end the process first.
  for (const f of finished) f.catch(() => undefined);

  const n = m.n;
  const shared = shareAll([
    ...MODEL_KEYS.map((k) => m[k] as Int32Array | Float64Array),
    order.order,
    order.offsets,
    order.cyclic,
    positions(order),
  ]);
  const sm = { n } as KernelModel;
  MODEL_KEYS.forEach((k, j) => ((sm as unknown as Record<string, unknown>)[k] = shared[j]));
  const J = MODEL_KEYS.length;
  const so: EvaluationOrder = {
    order: shared[J] as Int32Array,
    offsets: shared[J + 1] as Int32Array,
    cyclic: shared[J + 2] as Uint8Array,
  };
  const pos = shared[J + 3] as Int32Array;
  // A ring holds at least RING_FRAMES frames of a segment that moves every one of its nodes.
  const rings: RingBuffers[] = layout.segments.map((sp, u) => {
    const size = u === D - 1 ? 1 : RING_FRAMES * (order.offsets[sp.c1] - order.offsets[sp.c0]) + 1024;
    return {
      frameEnd: new Float64Array(new SharedArrayBuffer(8 * (plan.steps + 1))),
      node: new Int32Array(new SharedArrayBuffer(4 * size)),
      value: new Float64Array(new SharedArrayBuffer(8 * size)),
    };
  });
  const options2 = { series: options.series, tol: options.tol, maxIter: options.maxIter };
  for (const w of workers)
    w.postMessage({
      m: sm,
      order: so,
      pos,
      plan,
      outNodes: options.outNodes,
      layout,
      options: options2,
      rings,
    } satisfies PipelineWorkerInput);
  const tPosted = performance.now();

  // The main thread waits here, blocked, until the last segment has run every frame: left idle
  // in its event loop, V8 would take the time for memory-reducing collections of its own heap,
  // about a second of a core each when a large model is loaded, taken from the segments' threads.
  // A thread that fails to load its code never counts itself started, and its error event waits
  // for the event loop: so the blocking wait begins only once every thread has started (or after
  // 20 s, when the error is then reported from the loop).
  const last = published(D - 1);
  while (Atomics.load(ctrl, STARTED) < D && performance.now() - tPosted < 20_000) {
    const seen = Atomics.load(ctrl, TICK);
    if (Atomics.load(ctrl, STARTED) < D) Atomics.wait(ctrl, TICK, seen, 100);
  }
  const started = Atomics.load(ctrl, STARTED) === D;
  for (let done = 0; started && done <= plan.steps && !Atomics.load(ctrl, ABORT);) {
    const seen = Atomics.load(ctrl, TICK);
    const now = Atomics.load(ctrl, last);
    if (now > done) {
      done = now;
      if (done > 1) options.onStep?.(done - 1, plan.steps);
      continue;
    }
    Atomics.wait(ctrl, TICK, seen, 100);
  }
  try {
    await Promise.all(finished);
  } catch (e) {
    Atomics.store(ctrl, ABORT, 1);
    Atomics.add(ctrl, TICK, 1);
    Atomics.notify(ctrl, TICK);
    throw e;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  options.onTiming?.(timing);
  return mergeResults(options.outNodes.length, plan.steps, parts, options.series);
}

/**
 * Runs `plan` on `m`: pipelined over worker threads for a model of PIPELINE_FROM nodes or more when
 * `threads` (default: the cores available) is 2 or more and the model has more than one segment,
 * else `simulateKernel` in this thread. The same results either way, to the bit.
 */
export async function simulateKernelAsync(
  m: KernelModel,
  order: EvaluationOrder,
  plan: SimPlan,
  options: PipelineOptions & { threads?: number },
): Promise<KernelResult> {
  const threads = options.threads ?? availableParallelism();
  if (threads >= 2 && m.n >= PIPELINE_FROM) {
    const layout = options.layout ?? pipelineLayout(m, order);
    if (layout.segments.length > 1) return simulatePipelined(m, order, plan, { ...options, layout });
  }
  return simulateKernel(m, order, plan, options);
}
