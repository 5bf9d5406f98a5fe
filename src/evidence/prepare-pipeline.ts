// Preparing documents (hashes, anchors, mentions, claims) on a worker thread while the main thread
// writes. Documents are handed out one at a time through a shared atomic counter, to the worker and
// to the main thread whenever it has nothing ready to write, so the two cores share the work however
// it falls; results are taken back in input order. `prepareSplit` is pure, so what is stored is
// the same whichever thread prepared a document and however the timing went; if the worker fails
// to start or dies, the main thread prepares what is missing.
import { availableParallelism, loadavg } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { prepareSplit, type PrepareInput, type ReadDocument } from './prepare-split.js';
import { unpackDocument, type PackedDocument } from './pack-document.js';
import { startWorker, workerEntry, type WorkerEntry } from './bundled-worker.js';
import type { ClaimOptions } from './extract-claims.js';
import type { Gazetteer } from './gazetteer.js';
import type { PreviousAnchor } from './assign-anchors.js';
import type { DocumentInput } from '../store/store.js';

/** One document to prepare: the input of `prepareSplit`, with the stored anchors it replaces. */
export interface PrepareJob extends PrepareInput {
  read: ReadDocument;
  previous?: readonly PreviousAnchor[];
}

export interface PipelineOptions {
  gazetteer: Gazetteer;
  claims?: ClaimOptions;
  /** Worker threads besides the main thread (0: prepare everything on the main thread); default `spareCores()`. */
  workers?: number;
  /** Below this many bytes in all, or with one document, no worker is started (its start-up costs more). */
  minBytes?: number;
  /** The main thread prepares documents too while it has nothing to write (false: workers only). */
  help?: boolean;
}

export const PIPELINE_DEFAULTS: Required<Omit<PipelineOptions, 'gazetteer' | 'claims' | 'workers'>> = {
  minBytes: 256 * 1024,
  help: true,
};

/**
 * Extra threads worth starting for an ingest (the writer thread, writer-thread.ts): one per core
 * besides the main thread's, at most 3, unless other processes already keep every core busy (the
 * 1-minute load average `load`, less this process's own part of it, `own`, at or above `cores`),
 * when none. With its writer thread the ingest spends about 0.3 s more CPU for the benchmark
 * corpus (1.07 s against 0.78 s) for less wall clock on an idle machine (0.46-0.54 s against
 * 0.60-0.71 s) and about the same next to another job on one of the two cores (0.69-0.71 s against
 * 0.69-0.78 s; docs/benchmarks.md); on an oversubscribed machine it would only take CPU from others.
 */
export function spareCores(cores = availableParallelism(), load = loadavg()[0], own = ownLoad()): number {
  const others = Math.max(0, load - own);
  return others >= cores ? 0 : Math.max(0, Math.min(3, cores - 1));
}

/** A process's CPU seconds (all threads) at uptime `at`, and its estimated part of the load average. */
export interface LoadSample {
  at: number;
  cpu: number;
  load: number;
}

const LOAD_WINDOW = 60;

/**
 * The next `LoadSample`: the previous load decayed with the kernel's 60 s time constant, plus the
 * CPU used since, taken as a steady rate over the interval (a process busy on one core from time 0
 * has load 1 − e^(−t/60) at time t, as the kernel's 1-minute average would count it).
 */
export function nextLoadSample(prev: LoadSample, at: number, cpu: number): LoadSample {
  const dt = Math.max(0, at - prev.at);
  const used = Math.max(0, cpu - prev.cpu);
  const decay = Math.exp(-dt / LOAD_WINDOW);
  const added = dt > 0 ? (used / dt) * (1 - decay) : used / LOAD_WINDOW;
  return { at, cpu, load: prev.load * decay + added };
}

let ownSample: LoadSample = { at: 0, cpu: 0, load: 0 };

/** This process's part of the 1-minute load average (see `nextLoadSample`). */
export function ownLoad(): number {
  const u = process.cpuUsage();
  ownSample = nextLoadSample(ownSample, process.uptime(), (u.user + u.system) / 1e6);
  return ownSample.load;
}

/** What a worker receives when it starts (prepare-worker.ts). */
export interface WorkerInput {
  gazetteer: Gazetteer;
  claims?: ClaimOptions;
  /** Int32 next-job counter shared by every thread. */
  counter: SharedArrayBuffer;
}

/** Documents to prepare, posted to the workers as they are checked; indexes follow posting order. */
export interface JobsMessage {
  jobs: readonly PrepareJob[];
}

export type WorkerMessage = { i: number; doc: PackedDocument } | { i: number; failed: true };

export interface PreparePipeline {
  /** Workers started (0 when everything is prepared on the main thread). */
  readonly workers: number;
  /** Documents prepared so far by the main thread and by the workers. */
  readonly prepared: { main: number; workers: number };
  /**
   * Hands over one document early, while the caller still checks the others, so that the workers
   * start preparing it; the offered jobs must be the first ones later given to `start`, in order.
   */
  offer(job: PrepareJob): void;
  /** Hands over the documents to prepare (once): those offered first, then the rest. */
  start(jobs: readonly PrepareJob[]): void;
  /**
   * The next prepared documents in input order: at least one (waiting for it, or preparing work
   * meanwhile), then as many as are ready, up to `maxDocs` documents and `maxBytes` input bytes.
   * Empty when every document has been taken (or before `start`).
   */
  take(maxDocs: number, maxBytes: number): Promise<DocumentInput[]>;
  /** Stops the workers, without waiting for them (always call it, also on errors). */
  close(): Promise<void>;
}

function workerStart(): WorkerEntry {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return workerEntry(new URL(`./prepare-worker.${ext}`, import.meta.url));
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Starts the workers at once, so that they load while the caller reads and checks its inputs;
 * `start(jobs)` then hands over the documents, and `take` gives them back prepared, in order.
 * `expect` (how many documents, how many bytes) decides whether a worker is worth starting.
 *
 * @example
 * const p = preparePipeline({ gazetteer, expect: { documents: 100, bytes: 3e6 } });
 * try { p.start(jobs); for (let b; (b = await p.take(16, 1 << 20)).length; ) await store.putDocuments(b, who); }
 * finally { await p.close(); }
 */
export function preparePipeline(
  options: PipelineOptions & { expect: { documents: number; bytes: number } },
): PreparePipeline {
  const o = { ...PIPELINE_DEFAULTS, ...options, workers: options.workers ?? spareCores() };
  const { documents, bytes } = options.expect;
  let want = documents < 2 || bytes < o.minBytes ? 0 : Math.min(o.workers, documents - 1);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const ready = new Map<number, DocumentInput>();
  const failed = new Set<number>();
  const workers: Worker[] = [];
  const jobs: PrepareJob[] = [];
  let started = false;
  let n = 0;
  let alive = 0;
  let cursor = 0;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const prepared = { main: 0, workers: 0 };
  const here = (i: number) => {
    prepared.main++;
    return prepareSplit(jobs[i], jobs[i].read, {
      gazetteer: o.gazetteer,
      previous: jobs[i].previous,
      claims: o.claims,
    });
  };

  let start: ReturnType<typeof workerStart> | undefined;
  try {
    start = want > 0 ? workerStart() : undefined;
  } catch {
    // no way to start a worker here (tsx not found): the main thread prepares everything
    want = 0;
  }
  if (start) {
    const data: WorkerInput = {
      gazetteer: o.gazetteer,
      counter: counter.buffer as SharedArrayBuffer,
      ...(o.claims ? { claims: o.claims } : {}),
    };
    for (let k = 0; k < want; k++) {
      const w = startWorker(start, data);
      alive++;
      let gone = false;
      const end = () => {
        if (!gone) alive--;
        gone = true;
        signal();
      };
      w.on('message', (m: WorkerMessage) => {
        if ('doc' in m) {
          prepared.workers++;
          ready.set(m.i, unpackDocument(m.doc, jobs[m.i].read.split.paragraphs));
        } else failed.add(m.i);
        signal();
      });
      w.on('error', end);
      w.on('exit', end);
      workers.push(w);
    }
  }
  // a worker still loading (every document unchanged, or an input refused) is stopped in the
  // background instead of holding up the caller; after workers did prepare documents, `close`
  // waits for them to end, so their teardown is not charged to whatever the process does next
  const stop = async (wait = false) => {
    const ending = workers.map((w) => w.terminate());
    if (wait) await Promise.all(ending);
  };

  const post = (list: readonly PrepareJob[]) => {
    if (list.length) for (const w of workers) w.postMessage({ jobs: list } satisfies JobsMessage);
  };

  return {
    workers: want,
    prepared,
    offer(job) {
      if (started) throw new Error('evidence/prepare-pipeline: offer() after start()');
      jobs.push(job);
      post([job]);
    },
    start(list) {
      if (started) throw new Error('evidence/prepare-pipeline: start() called twice');
      const offered = jobs.length;
      for (let i = 0; i < offered; i++)
        if (list[i] !== jobs[i])
          throw new Error('evidence/prepare-pipeline: start() must begin with the offered jobs, in order');
      started = true;
      for (let i = offered; i < list.length; i++) jobs.push(list[i]);
      n = list.length;
      // one document left (or none): the main thread prepares it sooner than a worker would start
      if (n < 2) void stop();
      else post(list.slice(offered));
    },
    async take(maxDocs, maxBytes) {
      if (cursor >= n) return [];
      while (!ready.has(cursor)) {
        if (alive === 0 || n < 2 || failed.has(cursor)) {
          // no worker (left), or it failed on this one: prepare here what is not ready, in order
          ready.set(cursor, here(cursor));
          if (want === 0 || n < 2)
            for (let i = cursor + 1, b = jobs[cursor].bytes; i < n && i - cursor < maxDocs; i++) {
              if ((b += jobs[i].bytes) > maxBytes) break;
              ready.set(i, here(i));
            }
          break;
        }
        const j = o.help ? Atomics.add(counter, 0, 1) : n;
        if (j < n) {
          ready.set(j, here(j));
          await yieldToEvents();
        } else await new Promise<void>((resolve) => (wake = resolve));
      }
      const out: DocumentInput[] = [];
      let size = 0;
      while (cursor < n && out.length < maxDocs && ready.has(cursor)) {
        if (out.length && size + jobs[cursor].bytes > maxBytes) break;
        size += jobs[cursor].bytes;
        out.push(ready.get(cursor)!);
        ready.delete(cursor++);
      }
      return out;
    },
    close: () => stop(started && n >= 2),
  };
}
