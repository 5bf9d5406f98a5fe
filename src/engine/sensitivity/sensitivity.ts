// Which uncertain inputs drive the spread of one output: Spearman rank correlation of each input's
// samples with the output's (global, from the Monte Carlo run), and one-at-a-time swings (each input
// set to its low and high bound with every other at its nominal value; the tornado diagram of
// decision analysis, e.g. Howard, "Decision analysis: practice and promise", Mgmt Sci. 34(6), 1988).
import type { Model } from '../../model/types.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import { METRICS, runWithValues, type Metric } from '../monte-carlo/mc-job.js';
import { buildJob, metricColumn, monteCarlo, type MonteCarloOptions } from '../monte-carlo/monte-carlo.js';
import { spearman } from './spearman.js';

export interface SensitivityOptions extends Omit<MonteCarloOptions, 'outputs'> {
  /** Output node id (default: the capability with the largest mean loss). */
  output?: string;
  metric?: Metric;
}

const DEFAULTS = { metric: 'daysLost' as Metric };

export interface SensitivityRow {
  input: string;
  /** Spearman's rho of the input with the output over the Monte Carlo samples. */
  rho: number;
  /** Output with the input at its low / high bound, every other input at its nominal value. */
  low: number;
  high: number;
  swing: number;
  bounds: [number, number];
}

export interface SensitivityResult {
  scenario: string;
  output: string;
  metric: Metric;
  seed: number;
  samples: number;
  /** Output with every input at its nominal value. */
  nominal: number;
  /** Rows sorted by swing, then |rho| (the tornado order). */
  rows: SensitivityRow[];
}

/**
 * Sensitivity of one scenario's output to every uncertain input, as a tornado table.
 *
 * @example
 * const s = await sensitivity(model, scenario, { output: 'ru-cap-military-trucks', samples: 500, seed: 1 });
 * s.rows[0]; // { input: 'mzkt-chassis/mzkt.share', rho: 0.8, low: 12, high: 90, swing: 78, ... }
 */
export async function sensitivity(
  model: Model,
  scenario: Scenario,
  options: SensitivityOptions = {},
): Promise<SensitivityResult> {
  const { metric, output: wanted, ...mcOptions } = { ...DEFAULTS, ...options };
  const mc = await monteCarlo(model, [scenario], mcOptions);
  const outcomes = mc.scenarios[0].outcomes;
  if (!outcomes.length)
    throw new Error(`engine/sensitivity: scenario "${scenario.id}" has no capability outputs`);
  let k = wanted === undefined ? -1 : outcomes.findIndex((o) => o.id === wanted);
  if (wanted !== undefined && k < 0)
    throw new Error(`engine/sensitivity: no output "${wanted}" in scenario "${scenario.id}"`);
  if (k < 0) {
    let best = -Infinity;
    outcomes.forEach((o, j) => {
      const m = o.metrics.daysLost.mean ?? Infinity;
      if (m > best) {
        best = m;
        k = j;
      }
    });
  }
  const y = metricColumn(mc, 0, k, metric);
  const job = buildJob(model, [scenario], mcOptions);
  const I = job.inputs.length;
  const off = job.blocks[0] + k * METRICS.length + METRICS.indexOf(metric);
  const nominalValues = Float64Array.from(job.inputs, (x) => x.quantity.nominal);
  const nominal = runWithValues(job, nominalValues)[off];
  const rows: SensitivityRow[] = job.inputs.map((x, j) => {
    const col = new Float64Array(mc.samples);
    for (let i = 0; i < mc.samples; i++) col[i] = mc.inputs[i * I + j];
    const lo = Math.max(x.lo, x.quantity.min);
    const hi = Math.min(x.hi, x.quantity.max);
    const v = Float64Array.from(nominalValues);
    v[j] = lo;
    const low = runWithValues(job, v)[off];
    v[j] = hi;
    const high = runWithValues(job, v)[off];
    const swing = Number.isFinite(low) && Number.isFinite(high) ? Math.abs(high - low) : Infinity;
    return { input: x.label, rho: spearman(col, y), low, high, swing, bounds: [lo, hi] };
  });
  rows.sort(
    (a, b) => b.swing - a.swing || Math.abs(b.rho) - Math.abs(a.rho) || a.input.localeCompare(b.input),
  );
  return {
    scenario: scenario.id,
    output: outcomes[k].id,
    metric,
    seed: mc.seed,
    samples: mc.samples,
    nominal,
    rows,
  };
}
