// What a simulation kernel reports for its output nodes, accumulated step by step: the level with
// no shock (baseline), the minimum, capability-days lost, the first step below the baseline and the
// end of the last one, the final level and, on request, the whole series. Shared by the kernel and
// the reference kernel, which differ in how they solve a step, not in what they report of it.
import type { KernelResult } from './simulate-kernel.js';

// A level counts as below its baseline only by more than this (rounding in the fixed point).
const EPS = 1e-9;

export interface OutcomeRecorder {
  /** Records the levels of the output nodes at the end of step t. */
  record(t: number, level: Float64Array): void;
  /** The results, with the solver's sweep counts. */
  result(maxSweeps: number, unconverged: number): KernelResult;
}

/**
 * A recorder for the output nodes `out` over `steps` steps of `dt` days; `level` holds the levels
 * with no shock (the baseline) when it is called.
 */
export function outcomeRecorder(
  level: Float64Array,
  out: Int32Array,
  steps: number,
  dt: number,
  withSeries = false,
): OutcomeRecorder {
  const K = out.length;
  const baseline = new Float64Array(K);
  for (let k = 0; k < K; k++) baseline[k] = level[out[k]];
  const min = Float64Array.from(baseline);
  const daysLost = new Float64Array(K);
  const firstDrop = new Float64Array(K).fill(NaN);
  const lastBelow = new Int32Array(K).fill(-1);
  const final = new Float64Array(K);
  const series = withSeries ? new Float64Array(K * steps) : undefined;
  return {
    record(t, lv) {
      for (let k = 0; k < K; k++) {
        const L = lv[out[k]];
        if (series) series[k * steps + t] = L;
        if (L < min[k]) min[k] = L;
        const gap = baseline[k] - L;
        if (gap > EPS) {
          daysLost[k] += gap * dt;
          if (Number.isNaN(firstDrop[k])) firstDrop[k] = t * dt;
          lastBelow[k] = t;
        }
        if (t === steps - 1) final[k] = L;
      }
    },
    result(maxSweeps, unconverged) {
      const recoveredAt = new Float64Array(K).fill(NaN);
      for (let k = 0; k < K; k++)
        if (lastBelow[k] >= 0 && lastBelow[k] < steps - 1) recoveredAt[k] = (lastBelow[k] + 1) * dt;
      const res: KernelResult = {
        baseline,
        min,
        daysLost,
        firstDrop,
        recoveredAt,
        final,
        maxSweeps,
        unconverged,
      };
      if (series) res.series = series;
      return res;
    },
  };
}
