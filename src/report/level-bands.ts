// Level curves over time with percentile bands: re-runs the first Monte Carlo samples of each
// scenario (the same (seed, sample) streams as engine/monte-carlo, so sample i here is sample i
// there) with the level series recorded for a few capabilities, and takes percentiles per step.
import type { Model } from '../model/types.js';
import type { SampleArray } from '../engine/compile.js';
import type { Scenario } from '../engine/scenario/scenario-schema.js';
import { buildJob } from '../engine/monte-carlo/monte-carlo.js';
import { inputKeys, sampleInputs, type McJob } from '../engine/monte-carlo/mc-job.js';
import { planScenario, scenarioQuantities } from '../engine/scenario/plan-scenario.js';
import { simulateKernel, type KernelModel } from '../engine/simulate/simulate-kernel.js';
import { percentiles } from '../engine/monte-carlo/percentile.js';

export interface LevelBandsOptions {
  asOf?: string;
  seed?: number;
  /** Samples drawn (0: the nominal run only, the band collapses onto it). */
  samples?: number;
  /** Node ids to record, per scenario id (default: none for that scenario). */
  outputs?: Record<string, string[]>;
  percentiles?: [number, number, number];
}

const DEFAULTS = { seed: 1, samples: 200, percentiles: [5, 50, 95] as [number, number, number] };

export interface LevelBand {
  id: string;
  name: string;
  /** Start day of each step. */
  t: number[];
  low: number[];
  mid: number[];
  high: number[];
}

export interface LevelBandsResult {
  seed: number;
  samples: number;
  percentiles: [number, number, number];
  scenarios: { id: string; horizon: number; bands: LevelBand[] }[];
}

/** Sampled copies of the compiled arrays, as engine/monte-carlo's runSample makes them. */
function sampledParams(job: McJob, values: Float64Array | null): KernelModel[] {
  const byLabel = new Map<string, number>();
  if (values) job.inputs.forEach((x, k) => byLabel.set(x.label, values[k]));
  return job.variants.map(({ cm }) => {
    if (!values || !cm.sampleIndex.length) return cm;
    const copies: Partial<Record<SampleArray, Float64Array>> = {};
    for (const s of cm.sampleIndex) {
      const arr = (copies[s.array] ??= Float64Array.from(cm[s.array]));
      arr[s.slot] = byLabel.get(s.label) ?? s.quantity.nominal;
    }
    return { ...cm, ...copies };
  });
}

/**
 * Percentile bands of the level over time of chosen nodes under each scenario.
 *
 * @example
 * const b = levelBands(model, scenarios, { samples: 200, seed: 1, outputs: { 'rail-sabotage': ['ru-cap-logistics'] } });
 * b.scenarios[0].bands[0].mid; // P50 level per step
 */
export function levelBands(
  model: Model,
  scenarios: Scenario[],
  options: LevelBandsOptions = {},
): LevelBandsResult {
  const o = { ...DEFAULTS, ...options };
  const job = buildJob(model, scenarios, o.asOf ? { asOf: o.asOf } : {});
  const keys = inputKeys(job);
  const n = Math.max(1, o.samples);
  const wanted = job.scenarios.map((sc) => {
    const cm = job.variants[sc.variant].cm;
    return (o.outputs?.[sc.scenario.id] ?? []).filter((id) => cm.index[id] !== undefined);
  });
  // series[j][k]: samples x steps levels of output k of scenario j.
  const series: Float64Array[][] = [];
  const steps: number[] = [];
  const dts: number[] = [];
  for (let i = 0; i < n; i++) {
    const values = o.samples > 0 ? sampleInputs(job, keys, o.seed, i) : null;
    const byLabel = new Map<string, number>();
    if (values) job.inputs.forEach((x, k) => byLabel.set(x.label, values[k]));
    const params = sampledParams(job, values);
    job.scenarios.forEach((sc, j) => {
      if (!wanted[j].length) return;
      const v = job.variants[sc.variant];
      const qvals = scenarioQuantities(sc.scenario).map((q) => byLabel.get(q.label) ?? q.quantity.nominal);
      const plan = planScenario(v.cm, sc.scenario, { resolved: sc.resolved, values: qvals });
      const outNodes = Int32Array.from(wanted[j], (id) => v.cm.index[id]);
      const r = simulateKernel(params[sc.variant], v.order, plan, { outNodes, series: true });
      if (i === 0) {
        steps[j] = plan.steps;
        dts[j] = plan.dt;
        series[j] = wanted[j].map(() => new Float64Array(n * plan.steps));
      }
      for (let k = 0; k < outNodes.length; k++)
        series[j][k].set(r.series!.subarray(k * plan.steps, (k + 1) * plan.steps), i * plan.steps);
    });
  }
  return {
    seed: o.seed,
    samples: o.samples,
    percentiles: o.percentiles,
    scenarios: job.scenarios.map((sc, j) => {
      const cm = job.variants[sc.variant].cm;
      const S = steps[j] ?? 0;
      const bands: LevelBand[] = wanted[j].map((id, k) => {
        const b: LevelBand = { id, name: cm.names[cm.index[id]], t: [], low: [], mid: [], high: [] };
        const col = new Float64Array(n);
        for (let s = 0; s < S; s++) {
          for (let i = 0; i < n; i++) col[i] = series[j][k][i * S + s];
          const [lo, mid, hi] = percentiles(col, o.percentiles);
          b.t.push(s * dts[j]);
          b.low.push(lo);
          b.mid.push(mid);
          b.high.push(hi);
        }
        return b;
      });
      return { id: sc.scenario.id, horizon: sc.scenario.horizon, bands };
    }),
  };
}
