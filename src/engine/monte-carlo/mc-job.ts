// A Monte Carlo job: compiled model variants, the scenarios to run on them, and the uncertain
// inputs. `runSample` computes one sample from (job, seed, index) alone: the main thread and every
// worker thread run this same function, so results do not depend on how samples are shared out.
import type { CompiledModel, SampleArray } from '../compile.js';
import type { Quantity } from '../../model/types.js';
import type { EvaluationOrder } from '../simulate/evaluation-order.js';
import { simulateKernel, type KernelModel } from '../simulate/simulate-kernel.js';
import { planScenario, scenarioQuantities, type ResolvedScenario } from '../scenario/plan-scenario.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import { hashString, stream } from './random.js';
import { sampleQuantity } from './sample-quantity.js';

/** A compiled model (the base model, or one with a mitigation's providers added). */
export interface McVariant {
  cm: CompiledModel;
  order: EvaluationOrder;
  /** Output nodes of this variant and their ids. */
  outNodes: Int32Array;
  outputs: string[];
}

export interface McScenario {
  variant: number;
  scenario: Scenario;
  resolved: ResolvedScenario;
}

/** An uncertain input: a label (its stream key) and the quantity it is drawn from. */
export interface McInput {
  label: string;
  quantity: Quantity;
  lo: number;
  hi: number;
}

export interface McJob {
  variants: McVariant[];
  scenarios: McScenario[];
  /** Start of each scenario's block in a sample's output row (length scenarios + 1). */
  blocks: Int32Array;
  /** Every uncertain input, deduplicated by label (a model quantity shared by variants is drawn once). */
  inputs: McInput[];
}

/** Metrics recorded per (scenario, output node, sample). */
export const METRICS = ['daysLost', 'min', 'timeToImpact', 'timeToRecover', 'final', 'baseline'] as const;
export type Metric = (typeof METRICS)[number];

/** Collects the uncertain inputs of every variant and scenario. */
export function jobInputs(variants: McVariant[], scenarios: McScenario[]): McInput[] {
  const seen = new Map<string, McInput>();
  for (const v of variants)
    for (const s of v.cm.sampleIndex)
      if (!seen.has(s.label)) seen.set(s.label, { label: s.label, quantity: s.quantity, lo: s.lo, hi: s.hi });
  for (const sc of scenarios)
    for (const q of scenarioQuantities(sc.scenario))
      if (q.quantity.dist !== 'point' && q.quantity.min !== q.quantity.max && !seen.has(q.label))
        seen.set(q.label, { label: q.label, quantity: q.quantity, lo: q.lo, hi: q.hi });
  return [...seen.values()];
}

/** Keys of the inputs' streams, computed once per job. */
export function inputKeys(job: McJob): Uint32Array {
  return Uint32Array.from(job.inputs, (x) => hashString(x.label));
}

/** Values of every input in sample `i`. */
export function sampleInputs(job: McJob, keys: Uint32Array, seed: number, i: number): Float64Array {
  const out = new Float64Array(job.inputs.length);
  job.inputs.forEach((x, k) => {
    const v = sampleQuantity(x.quantity, stream(seed, i, keys[k]));
    out[k] = v < x.lo ? x.lo : v > x.hi ? x.hi : v;
  });
  return out;
}

/** Block starts of each scenario in an output row: its variant's outputs x metrics values. */
export function outputBlocks(variants: McVariant[], scenarios: McScenario[]): Int32Array {
  const b = new Int32Array(scenarios.length + 1);
  scenarios.forEach((s, j) => (b[j + 1] = b[j] + variants[s.variant].outNodes.length * METRICS.length));
  return b;
}

/** Number of output values per sample. */
export function outputWidth(job: McJob): number {
  return job.blocks[job.scenarios.length];
}

/** Offset of (scenario, output, metric) within one sample's output row. */
export function outputOffset(job: McJob, scenario: number, output: number, metric: number): number {
  return job.blocks[scenario] + output * METRICS.length + metric;
}

/** Runs sample `i`: draws inputs, writes them into copies of the compiled arrays, runs every scenario. */
export function runSample(
  job: McJob,
  keys: Uint32Array,
  seed: number,
  i: number,
): { inputs: Float64Array; outputs: Float64Array } {
  const values = sampleInputs(job, keys, seed, i);
  const byLabel = new Map<string, number>();
  job.inputs.forEach((x, k) => byLabel.set(x.label, values[k]));
  const params: KernelModel[] = job.variants.map(({ cm }) => {
    if (!cm.sampleIndex.length) return cm;
    const copies: Partial<Record<SampleArray, Float64Array>> = {};
    for (const s of cm.sampleIndex) {
      const arr = (copies[s.array] ??= Float64Array.from(cm[s.array]));
      arr[s.slot] = byLabel.get(s.label) ?? s.quantity.nominal;
    }
    return { ...cm, ...copies };
  });
  const outputs = new Float64Array(outputWidth(job));
  const M = METRICS.length;
  job.scenarios.forEach((sc, j) => {
    const v = job.variants[sc.variant];
    const qvals = scenarioQuantities(sc.scenario).map((q) => byLabel.get(q.label) ?? q.quantity.nominal);
    const plan = planScenario(v.cm, sc.scenario, { resolved: sc.resolved, values: qvals });
    const r = simulateKernel(params[sc.variant], v.order, plan, { outNodes: v.outNodes });
    for (let k = 0; k < v.outNodes.length; k++) {
      const o = job.blocks[j] + k * M;
      outputs[o] = r.daysLost[k];
      outputs[o + 1] = r.min[k];
      outputs[o + 2] = Number.isNaN(r.firstDrop[k]) ? Infinity : r.firstDrop[k];
      // Never hit: 0 days to recover; hit and not back by the horizon: infinite (censored).
      outputs[o + 3] = Number.isNaN(r.firstDrop[k])
        ? 0
        : Number.isNaN(r.recoveredAt[k])
          ? Infinity
          : r.recoveredAt[k] - r.firstDrop[k];
      outputs[o + 4] = r.final[k];
      outputs[o + 5] = r.baseline[k];
    }
  });
  return { inputs: values, outputs };
}

/** Runs samples [from, to) into flat arrays (rows of inputs and outputs), reporting progress. */
export function runSamples(
  job: McJob,
  seed: number,
  from: number,
  to: number,
  onProgress?: (done: number) => void,
): { inputs: Float64Array; outputs: Float64Array } {
  const keys = inputKeys(job);
  const I = job.inputs.length;
  const W = outputWidth(job);
  const inputs = new Float64Array((to - from) * I);
  const outputs = new Float64Array((to - from) * W);
  for (let i = from; i < to; i++) {
    const r = runSample(job, keys, seed, i);
    inputs.set(r.inputs, (i - from) * I);
    outputs.set(r.outputs, (i - from) * W);
    if (onProgress && ((i - from + 1) % 50 === 0 || i === to - 1)) onProgress(i - from + 1);
  }
  return { inputs, outputs };
}

/** Runs one sample with every input at the given values (default: nominal), bypassing the draw. */
export function runWithValues(job: McJob, values?: ArrayLike<number>): Float64Array {
  const fixed: McJob = {
    ...job,
    inputs: job.inputs.map((x, k) => {
      const v = values ? values[k] : x.quantity.nominal;
      return { ...x, quantity: { ...x.quantity, dist: 'point', nominal: v, min: v, max: v } };
    }),
  };
  return runSample(fixed, inputKeys(fixed), 0, 0).outputs;
}
