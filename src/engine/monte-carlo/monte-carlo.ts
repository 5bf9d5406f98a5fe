// Monte Carlo over every uncertain quantity of a model and its scenarios: each sample draws all
// inputs from streams keyed by (seed, sample index, input label), runs every scenario on the
// sampled model, and records per-capability outcomes. Samples are shared out to worker threads in
// contiguous ranges; since a sample depends only on (seed, index), the numbers are identical to the
// bit for any number of workers. Summaries are percentiles (P5, P50, P95) and means.
import { Worker } from 'node:worker_threads';
import type { Model } from '../../model/types.js';
import { compile } from '../compile.js';
import { evaluationOrder } from '../simulate/evaluation-order.js';
import { outputNodes } from '../simulate/simulate.js';
import { applyScenarioToModel, resolveScenario } from '../scenario/plan-scenario.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import {
  outputBlocks,
  jobInputs,
  METRICS,
  outputWidth,
  runSamples,
  type McJob,
  type McScenario,
  type McVariant,
  type Metric,
} from './mc-job.js';
import { percentiles } from './percentile.js';

export interface MonteCarloOptions {
  samples?: number;
  seed?: number;
  /** Worker threads; 0 runs in this thread. Default: 0 below 200 samples, else 2. */
  workers?: number;
  /** As-of date the model is compiled at (each scenario's own as_of wins). */
  asOf?: string;
  /** Output nodes: capabilities (default) or these ids. */
  outputs?: 'capabilities' | string[];
  /** Called with (samples done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Percentiles to report. */
  percentiles?: number[];
}

const DEFAULTS = {
  samples: 1000,
  seed: 1,
  outputs: 'capabilities' as const,
  percentiles: [5, 50, 95],
};

/** Percentile summary of one metric. Infinity (never recovered) is reported as null. */
export interface Summary {
  mean: number | null;
  p: Record<string, number | null>;
}

export interface ScenarioOutcome {
  id: string;
  name: string;
  metrics: Record<Metric, Summary>;
  /** Share of samples in which the output fell below its baseline. */
  hitRate: number;
  /** Share of samples in which it was back at baseline by the horizon (of those hit). */
  recoveredRate: number | null;
}

export interface MonteCarloResult {
  seed: number;
  samples: number;
  workers: number;
  percentiles: number[];
  scenarios: { id: string; title: string; asOf?: string; horizon: number; outcomes: ScenarioOutcome[] }[];
  /** Uncertain inputs (labels), in the column order of `inputs`. */
  inputLabels: string[];
  /** Samples x inputs, row-major. */
  inputs: Float64Array;
  /** Samples x (per scenario: outputs x metrics), row-major; see `metricColumn`. */
  outputs: Float64Array;
  /** Start of each scenario's block in an output row. */
  blocks: number[];
}

/** Builds the job: one compiled variant per distinct (as-of, mitigation) and the resolved scenarios. */
export function buildJob(
  model: Model,
  scenarios: Scenario[],
  options: Pick<MonteCarloOptions, 'asOf' | 'outputs'> = {},
): McJob {
  const variants: McVariant[] = [];
  const variantKey = new Map<string, number>();
  const mcScenarios: McScenario[] = scenarios.map((scenario) => {
    const asOf = scenario.asOf ?? options.asOf ?? model.meta.as_of;
    const key = `${asOf ?? ''}|${scenario.adds.length ? scenario.id : ''}`;
    let v = variantKey.get(key);
    if (v === undefined) {
      const cm = compile(applyScenarioToModel(model, scenario), asOf ? { asOf } : {});
      const sel = options.outputs ?? 'capabilities';
      // Named outputs that do not exist at this as-of date are left out of this variant.
      const outNodes =
        sel === 'capabilities'
          ? outputNodes(cm, sel)
          : Int32Array.from(sel.filter((id) => cm.index[id] !== undefined).map((id) => cm.index[id]));
      v = variants.length;
      variants.push({
        cm,
        order: evaluationOrder(cm),
        outNodes,
        outputs: Array.from(outNodes, (i) => cm.ids[i]),
      });
      variantKey.set(key, v);
    }
    return { variant: v, scenario, resolved: resolveScenario(variants[v].cm, scenario) };
  });
  return {
    variants,
    scenarios: mcScenarios,
    blocks: outputBlocks(variants, mcScenarios),
    inputs: jobInputs(variants, mcScenarios),
  };
}

/** The worker module, and how to start it: TypeScript sources go through a tsx bootstrap. */
function workerStart(): { url: URL; entry?: string } {
  const ts = import.meta.url.endsWith('.ts');
  const entry = new URL(`./mc-worker.${ts ? 'ts' : 'js'}`, import.meta.url);
  return ts ? { url: new URL('../ts-worker.mjs', import.meta.url), entry: entry.href } : { url: entry };
}

/** Runs samples [0, n) over `workers` threads (0 = this thread); rows in sample order. */
export async function runJob(
  job: McJob,
  n: number,
  seed: number,
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ inputs: Float64Array; outputs: Float64Array }> {
  if (workers <= 0 || n < 2) return runSamples(job, seed, 0, n, (d) => onProgress?.(d, n));
  const w = Math.min(workers, n);
  const { url, entry } = workerStart();
  const done = new Array<number>(w).fill(0);
  const bounds = Array.from({ length: w + 1 }, (_, k) => Math.round((k * n) / w));
  const parts = await Promise.all(
    Array.from(
      { length: w },
      (_, k) =>
        new Promise<{ inputs: Float64Array; outputs: Float64Array }>((resolve, reject) => {
          const worker = new Worker(url, {
            workerData: { job, seed, from: bounds[k], to: bounds[k + 1], entry },
          });
          worker.on(
            'message',
            (m: { type: string; done?: number; inputs?: Float64Array; outputs?: Float64Array }) => {
              if (m.type === 'progress') {
                done[k] = m.done!;
                onProgress?.(
                  done.reduce((a, b) => a + b, 0),
                  n,
                );
              } else {
                resolve({ inputs: m.inputs!, outputs: m.outputs! });
                void worker.terminate();
              }
            },
          );
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0 && code !== 1)
              reject(new Error(`engine/monte-carlo: worker exited with code ${code}`));
          });
        }),
    ),
  );
  const I = job.inputs.length;
  const W = outputWidth(job);
  const inputs = new Float64Array(n * I);
  const outputs = new Float64Array(n * W);
  parts.forEach((p, k) => {
    inputs.set(p.inputs, bounds[k] * I);
    outputs.set(p.outputs, bounds[k] * W);
  });
  return { inputs, outputs };
}

/** Column `(scenario, output, metric)` of the outputs matrix, as one value per sample. */
export function metricColumn(
  result: Pick<MonteCarloResult, 'outputs' | 'samples' | 'blocks'>,
  scenario: number,
  output: number,
  metric: Metric,
): Float64Array {
  const W = result.blocks[result.blocks.length - 1];
  const off = result.blocks[scenario] + output * METRICS.length + METRICS.indexOf(metric);
  const col = new Float64Array(result.samples);
  for (let i = 0; i < result.samples; i++) col[i] = result.outputs[i * W + off];
  return col;
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Monte Carlo of `scenarios` on `model`: samples every uncertain quantity, runs every scenario per
 * sample, and summarises each capability's outcomes as percentiles.
 *
 * @example
 * const mc = await monteCarlo(model, [scenario], { samples: 1000, seed: 7, workers: 2 });
 * mc.scenarios[0].outcomes[0].metrics.daysLost.p['50'];
 */
export async function monteCarlo(
  model: Model,
  scenarios: Scenario[],
  options: MonteCarloOptions = {},
): Promise<MonteCarloResult> {
  const o = { ...DEFAULTS, ...options };
  if (!Number.isInteger(o.samples) || o.samples < 1)
    throw new Error(`engine/monte-carlo: samples must be a positive integer, got ${o.samples}`);
  if (!Number.isInteger(o.seed))
    throw new Error(`engine/monte-carlo: seed must be an integer, got ${o.seed}`);
  const workers = options.workers ?? (o.samples < 200 ? 0 : 2);
  const job = buildJob(model, scenarios, o);
  const { inputs, outputs } = await runJob(job, o.samples, o.seed, workers, o.onProgress);
  const base = { outputs, samples: o.samples, blocks: Array.from(job.blocks) };
  const result: MonteCarloResult = {
    seed: o.seed,
    samples: o.samples,
    workers,
    percentiles: o.percentiles,
    scenarios: [],
    inputLabels: job.inputs.map((x) => x.label),
    inputs,
    outputs,
    blocks: Array.from(job.blocks),
  };
  job.scenarios.forEach((sc, j) => {
    const { cm, outputs: ids } = job.variants[sc.variant];
    const outcomes: ScenarioOutcome[] = ids.map((id, k) => {
      const metrics = {} as Record<Metric, Summary>;
      for (const m of METRICS) {
        const col = metricColumn(base, j, k, m);
        const ps = percentiles(col, o.percentiles);
        let sum = 0;
        for (const v of col) sum += v;
        metrics[m] = {
          mean: finite(sum / col.length),
          p: Object.fromEntries(o.percentiles.map((p, i) => [String(p), finite(ps[i])])),
        };
      }
      const hit = metricColumn(base, j, k, 'timeToImpact');
      const rec = metricColumn(base, j, k, 'timeToRecover');
      let nHit = 0;
      let nRec = 0;
      hit.forEach((v, i) => {
        if (Number.isFinite(v)) {
          nHit++;
          if (Number.isFinite(rec[i])) nRec++;
        }
      });
      return {
        id,
        name: cm.names[cm.index[id]],
        metrics,
        hitRate: nHit / o.samples,
        recoveredRate: nHit ? nRec / nHit : null,
      };
    });
    const entry: MonteCarloResult['scenarios'][number] = {
      id: sc.scenario.id,
      title: sc.scenario.title,
      horizon: sc.scenario.horizon,
      outcomes,
    };
    if (cm.asOf) entry.asOf = cm.asOf;
    result.scenarios.push(entry);
  });
  return result;
}
