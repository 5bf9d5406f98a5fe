// Analysis jobs of the server: each runs asynchronously with progress in [0, 1], can be cancelled
// (through an AbortSignal the work must honour), and ends done (with the id of its stored run),
// failed (with a JSON error) or cancelled. Finished jobs are kept up to a limit, oldest dropped.
import type { JobStatus } from './contract.js';

export interface JobContext {
  signal: AbortSignal;
  /** Reports progress as a fraction in [0, 1]. */
  progress(fraction: number): void;
}

/** The work of a job: resolves with the id of the run it stored. */
export type JobWork = (ctx: JobContext) => Promise<string>;

export interface JobsOptions {
  /** Finished jobs kept for status queries. */
  keep?: number;
  /** Jobs allowed to run at once; later ones wait queued. */
  concurrency?: number;
}
const DEFAULTS: Required<JobsOptions> = { keep: 100, concurrency: 1 };

export interface Jobs {
  start(kind: string, label: string, work: JobWork): JobStatus;
  get(id: string): JobStatus | undefined;
  list(): JobStatus[];
  cancel(id: string): JobStatus | undefined;
  /** Resolves when the job has finished (whatever its state). */
  settled(id: string): Promise<JobStatus | undefined>;
}

/** A job error code and message from anything thrown. */
function asError(e: unknown): { code: string; message: string } {
  if (e && typeof e === 'object' && 'name' in e && (e as Error).name === 'UserError')
    return { code: 'invalid-request', message: (e as Error).message };
  if (process.env.TYL_DEBUG) console.error(e);
  return { code: 'job-failed', message: e instanceof Error ? e.message : String(e) };
}

/** Creates a job registry. */
export function createJobs(options: JobsOptions = {}): Jobs {
  const { keep, concurrency } = { ...DEFAULTS, ...options };
  const jobs = new Map<string, { status: JobStatus; ctl: AbortController; done: Promise<void> }>();
  let running = 0;
  const waiting: (() => void)[] = [];
  let seq = 0;

  const prune = () => {
    const finished = [...jobs.values()].filter((j) => j.status.finishedAt);
    for (const j of finished.slice(0, Math.max(0, finished.length - keep))) jobs.delete(j.status.id);
  };

  const start = (kind: string, label: string, work: JobWork): JobStatus => {
    const id = `j${Date.now().toString(36)}${(++seq).toString(36)}`;
    const ctl = new AbortController();
    const status: JobStatus = {
      id,
      kind,
      label,
      state: 'queued',
      progress: 0,
      startedAt: new Date().toISOString(),
    };
    const finish = (patch: Partial<JobStatus>) => {
      if (status.finishedAt) return;
      Object.assign(status, patch, { finishedAt: new Date().toISOString() });
      prune();
    };
    const done = (async () => {
      // Let start() register and return the job before its work begins.
      await Promise.resolve();
      if (running >= concurrency) await new Promise<void>((r) => waiting.push(r));
      running++;
      try {
        if (ctl.signal.aborted) return;
        status.state = 'running';
        const run = await work({
          signal: ctl.signal,
          progress: (f) => {
            if (!status.finishedAt) status.progress = Math.max(status.progress, Math.min(1, Math.max(0, f)));
          },
        });
        if (ctl.signal.aborted) finish({ state: 'cancelled' });
        else finish({ state: 'done', progress: 1, run });
      } catch (e) {
        finish(ctl.signal.aborted ? { state: 'cancelled' } : { state: 'failed', error: asError(e) });
      } finally {
        running--;
        waiting.shift()?.();
      }
    })();
    jobs.set(id, { status, ctl, done });
    return { ...status };
  };

  return {
    start,
    get: (id) => {
      const j = jobs.get(id);
      return j && { ...j.status };
    },
    list: () => [...jobs.values()].map((j) => ({ ...j.status })).reverse(),
    cancel(id) {
      const j = jobs.get(id);
      if (!j) return undefined;
      if (!j.status.finishedAt) {
        j.ctl.abort();
        Object.assign(j.status, { state: 'cancelled', finishedAt: new Date().toISOString() });
      }
      return { ...j.status };
    },
    async settled(id) {
      await jobs.get(id)?.done;
      return this.get(id);
    },
  };
}
