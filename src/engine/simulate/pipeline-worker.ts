// Worker-thread entry of the pipelined kernel (pipeline-threads.ts): builds its segment, then runs
// it frame by frame, reading the frames of earlier segments from their rings and writing its own.
import { parentPort, workerData } from 'node:worker_threads';
import { SegmentDriver } from './pipeline-kernel.js';
import {
  ABORT,
  STARTED,
  TICK,
  consumed,
  published,
  type PipelineWorkerInput,
  type PipelineWorkerMessage,
  type PipelineWorkerStart,
} from './pipeline-threads.js';

const post = (m: PipelineWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);

const { ctrl, segment: s } = workerData as PipelineWorkerStart;

class Aborted extends Error {}

const waitMs = [0, 0];
/** Waits until `ready()` holds; every change another thread makes bumps TICK. */
function waitFor(ready: () => boolean, why: 0 | 1): void {
  const t0 = performance.now();
  for (;;) {
    const seen = Atomics.load(ctrl, TICK);
    if (Atomics.load(ctrl, ABORT)) throw new Aborted();
    if (ready()) break;
    Atomics.wait(ctrl, TICK, seen, 1000);
  }
  waitMs[why] += performance.now() - t0;
}

const signal = () => {
  Atomics.add(ctrl, TICK, 1);
  Atomics.notify(ctrl, TICK);
};

Atomics.add(ctrl, STARTED, 1);
signal();
parentPort!.once('message', run);

/** Builds the segment and runs it, every frame. */
function run(input: PipelineWorkerInput): void {
  const { rings, layout, plan } = input;
  const D = layout.segments.length;
  try {
    const t0 = performance.now();
    const driver = new SegmentDriver(
      input.m,
      input.order,
      input.pos,
      plan,
      input.outNodes,
      layout.segments[s],
      input.options,
    );
    const E = driver.exportCount();
    const own = rings[s];
    const K = own.node.length;
    const frameStart = (ring: (typeof rings)[number], f: number) => (f === 0 ? 0 : ring.frameEnd[f - 1]);
    let end = 0;
    let read = 0;
    const write = (node: number, value: number) => {
      const k = end % K;
      own.node[k] = node;
      own.value[k] = value;
      end++;
    };
    const t1 = performance.now();
    for (let f = 0; f <= plan.steps; f++) {
      // The frame of every earlier segment, fed in, then marked consumed.
      for (let u = 0; u < s; u++) {
        waitFor(() => Atomics.load(ctrl, published(u)) > f, 0);
        const ring = rings[u];
        const Ku = ring.node.length;
        const e = ring.frameEnd[f];
        read += e - frameStart(ring, f);
        for (let v = frameStart(ring, f); v < e; v++) driver.feed(ring.node[v % Ku], ring.value[v % Ku]);
        Atomics.store(ctrl, consumed(D, u, s), f + 1);
        signal();
      }
      driver.frame(f);
      if (s < D - 1) {
        // Room for a whole frame: every later segment has read far enough.
        waitFor(() => {
          for (let r = s + 1; r < D; r++)
            if (end + E > frameStart(own, Atomics.load(ctrl, consumed(D, s, r))) + K) return false;
          return true;
        }, 1);
        driver.emit(f, write);
        own.frameEnd[f] = end;
      }
      // The last segment's count is the run's progress, which the main thread reports.
      Atomics.store(ctrl, published(s), f + 1);
      signal();
    }
    const result = driver.run.result();
    const arrays = [
      result.baseline,
      result.min,
      result.daysLost,
      result.firstDrop,
      result.recoveredAt,
      result.final,
    ];
    if (result.series) arrays.push(result.series);
    const timing = {
      setupMs: t1 - t0,
      runMs: performance.now() - t1,
      waitInputMs: waitMs[0],
      waitRoomMs: waitMs[1],
      feeds: driver.input.feedNode.length,
      exports: E,
      read,
      written: end,
    };
    post(
      { type: 'done', segment: s, outIndex: driver.input.outIndex, result, timing },
      arrays.map((b) => b.buffer as ArrayBuffer),
    );
  } catch (e) {
    if (!(e instanceof Aborted)) {
      Atomics.store(ctrl, ABORT, 1);
      signal();
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }
}
