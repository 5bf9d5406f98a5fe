// The CLI's progress bar on stderr (cli-progress), drawn only when stderr is a terminal. One helper
// for every long-running command: Monte Carlo samples, simulation steps, optimisation runs.
import cliProgress from 'cli-progress';
import type { CommandIO } from './command.js';

export interface ProgressBarOptions {
  /** What is counted, printed after the count (e.g. `samples`, `steps`; default none). */
  unit?: string;
  /** Draw nothing until the work has run this long, so quick runs print nothing (default 0). */
  afterMs?: number;
}

export interface ProgressBar {
  /** The callback to hand to the work; undefined when stderr is not a terminal. */
  onProgress?: (done: number, total: number) => void;
  /** The same, or a no-op when stderr is not a terminal. */
  update: (done: number, total: number) => void;
  /** Ends the bar (if it was drawn). */
  stop: () => void;
}

/**
 * A progress bar labelled `label` on `io.stderr`.
 *
 * @example
 * const bar = progressBar(ctx, 'simulate', { unit: 'steps', afterMs: 500 });
 * try { simulate(cm, plan, { onProgress: bar.onProgress }); } finally { bar.stop(); }
 */
export function progressBar(io: CommandIO, label: string, options: ProgressBarOptions = {}): ProgressBar {
  const { unit = '', afterMs = 0 } = options;
  if (!io.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: `${label} [{bar}] {percentage}% {value}/{total}${unit ? ` ${unit}` : ''}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const t0 = performance.now();
  let started = false;
  const update = (done: number, total: number) => {
    if (!started) {
      if (performance.now() - t0 < afterMs) return;
      bar.start(total, 0);
      started = true;
    }
    bar.update(done);
  };
  return {
    onProgress: update,
    update,
    stop: () => {
      if (started) bar.stop();
    },
  };
}
