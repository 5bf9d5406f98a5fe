import { describe, expect, it } from 'vitest';
import { createJobs } from './jobs.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('createJobs', () => {
  it('runs a job to done with its progress and result', async () => {
    const jobs = createJobs();
    const j = jobs.start('simulate', 'test', async ({ progress }) => {
      for (let i = 1; i <= 4; i++) {
        progress(i / 4);
        await tick();
      }
      return 'run-1';
    });
    expect(j.state).toBe('queued');
    const done = await jobs.settled(j.id);
    expect(done).toMatchObject({ state: 'done', progress: 1, run: 'run-1' });
    expect(done!.finishedAt).toBeDefined();
  });

  it('cancels a running job through its signal', async () => {
    const jobs = createJobs();
    let sawAbort = false;
    const j = jobs.start('simulate', 'long', async ({ signal, progress }) => {
      for (let i = 0; i < 1000; i++) {
        if (signal.aborted) {
          sawAbort = true;
          throw new Error('aborted');
        }
        progress(i / 1000);
        await tick();
      }
      return 'never';
    });
    await tick();
    await tick();
    expect(jobs.get(j.id)!.state).toBe('running');
    expect(jobs.cancel(j.id)!.state).toBe('cancelled');
    const after = await jobs.settled(j.id);
    expect(after!.state).toBe('cancelled');
    expect(after!.run).toBeUndefined();
    expect(sawAbort).toBe(true);
  });

  it('reports failures as JSON errors', async () => {
    const jobs = createJobs();
    const j = jobs.start('simulate', 'bad', async () => {
      throw new Error('simulate: no such scenario');
    });
    expect(await jobs.settled(j.id)).toMatchObject({
      state: 'failed',
      error: { code: 'job-failed', message: 'simulate: no such scenario' },
    });
  });

  it('queues jobs beyond the concurrency limit and runs them in order', async () => {
    const jobs = createJobs({ concurrency: 1 });
    const order: string[] = [];
    const mk = (name: string) =>
      jobs.start('simulate', name, async () => {
        order.push(`start ${name}`);
        for (let i = 0; i < 4; i++) await tick();
        order.push(`end ${name}`);
        return name;
      });
    const a = mk('a');
    const b = mk('b');
    await tick();
    expect(jobs.get(b.id)!.state).toBe('queued');
    await jobs.settled(a.id);
    await jobs.settled(b.id);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(jobs.list().map((x) => x.label)).toEqual(['b', 'a']);
  });

  it('keeps progress within [0, 1] and never moving backwards', async () => {
    const jobs = createJobs();
    const seen: number[] = [];
    const j = jobs.start('simulate', 'p', async ({ progress }) => {
      for (const f of [0.5, 0.2, 1.7, -1]) {
        progress(f);
        seen.push(jobs.get(j.id)!.progress);
        await tick();
      }
      return 'r';
    });
    await jobs.settled(j.id);
    expect(seen).toEqual([0.5, 0.5, 1, 1]);
  });
});
