import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.js';

/** A stderr that says it is a terminal and keeps what is written to it. */
function terminal(): Writable & { isTTY: boolean; columns: number; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number; text: () => string };
  w.isTTY = true;
  w.columns = 80;
  w.text = () => chunks.join('');
  return w;
}

const io = (stderr: Writable) => ({ stdout: terminal(), stderr, cwd: '.', env: {} });

describe('progressBar', () => {
  it('draws the label, the count and the unit on a terminal', () => {
    const err = terminal();
    const bar = progressBar(io(err), 'simulate', { unit: 'steps' });
    for (let t = 1; t <= 365; t++) bar.onProgress!(t, 365);
    bar.stop();
    expect(err.text()).toContain('simulate [');
    expect(err.text()).toContain('365/365 steps');
  });

  it('draws nothing before afterMs has passed, and nothing off a terminal', () => {
    const err = terminal();
    const late = progressBar(io(err), 'simulate', { unit: 'steps', afterMs: 60_000 });
    for (let t = 1; t <= 10; t++) late.onProgress!(t, 10);
    late.stop();
    expect(err.text()).toBe('');
    const pipe = terminal();
    pipe.isTTY = false;
    const none = progressBar(io(pipe), 'simulate');
    expect(none.onProgress).toBeUndefined();
    none.update(5, 10);
    none.stop();
    expect(pipe.text()).toBe('');
  });
});
