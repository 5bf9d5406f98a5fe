// The contract between bench/run.ts and each bench/<name>.bench.ts: a benchmark file exports one
// function (default export, or any exported function) that takes a BenchContext and returns figures.

/** One measured figure. `target` states the goal (e.g. "< 5 s") and `met` whether it was reached. */
export interface BenchFigure {
  label: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
  note?: string;
}

export interface BenchContext {
  /** Progress and detail lines (to stderr, so stdout stays the figures). */
  log(line: string): void;
  /** True with --quick: smaller sizes, for a smoke run. */
  quick: boolean;
}

export type BenchFunction = (ctx: BenchContext) => Promise<BenchFigure[]> | BenchFigure[];

/** Median wall time in milliseconds of `runs` calls of `fn` (after one warm-up call when `warm`). */
export function timeMedian(fn: () => unknown, runs = 5, warm = true): number {
  if (warm) fn();
  const t: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

/** Mean CPU time (user + system) in milliseconds of `runs` calls of `fn`: less sensitive than wall time to other jobs. */
export function cpuMean(fn: () => unknown, runs = 3): number {
  const start = process.cpuUsage();
  for (let k = 0; k < runs; k++) fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000 / runs;
}
