// Entry point of the disruption simulation: runs the kernel on a compiled model and a plan, and
// returns plain, serialisable results per output node (see docs/methods.md, "Disruption over time").
import { capabilityNodes, type CompiledModel } from '../compile.js';
import { evaluationOrder, type EvaluationOrder } from './evaluation-order.js';
import {
  simulateKernel,
  type KernelModel,
  type KernelOptions,
  type KernelResult,
} from './simulate-kernel.js';
import type { SimPlan } from './sim-plan.js';
import { simulateKernelAsync } from './pipeline-threads.js';

export interface SimulateOptions {
  /** Which nodes to report: entities of kind capability (default), every node, or these ids. */
  outputs?: 'capabilities' | 'all' | string[];
  /** Keep the level of each output at each step. */
  series?: boolean;
  /** Precomputed evaluation order (reused across runs of the same model). */
  order?: EvaluationOrder;
  /** Convergence tolerance for cyclic components. */
  tol?: number;
  /** Called after each step with the steps done and the number of steps. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Threads `simulateAsync` may use (default: the cores available): from 200,000 nodes a run is
   * pipelined over worker threads (pipeline-threads.ts), with the same results to the bit.
   */
  threads?: number;
}

const DEFAULTS = { outputs: 'capabilities' as const, series: true, tol: 1e-10 };

/** Results for one node. Times are days from the scenario start; null = never (within the horizon). */
export interface NodeOutcome {
  id: string;
  name: string;
  kind: string;
  /** Level with no shock. */
  baseline: number;
  min: number;
  /** Sum over the horizon of (baseline - level) x step, in capability-days. */
  daysLost: number;
  /** First day the level fell below its baseline. */
  timeToImpact: number | null;
  /** Day the level was back at baseline for good; null when not recovered by the horizon (or never hit). */
  recoveredAt: number | null;
  /** recoveredAt - timeToImpact; null when not recovered (or never hit). */
  timeToRecover: number | null;
  final: number;
  series?: number[];
}

export interface SimulationResult {
  asOf?: string;
  dt: number;
  steps: number;
  horizon: number;
  outcomes: NodeOutcome[];
  /** Convergence diagnostics of the fixed-point iteration. */
  maxSweeps: number;
  unconverged: number;
}

/** Node indices selected by `outputs`. Unknown ids throw. */
export function outputNodes(
  cm: CompiledModel,
  outputs: SimulateOptions['outputs'] = 'capabilities',
): Int32Array {
  if (outputs === 'all') return Int32Array.from({ length: cm.n }, (_, i) => i);
  if (outputs === 'capabilities') return Int32Array.from(capabilityNodes(cm));
  return Int32Array.from(
    outputs.map((id) => {
      const i = cm.index[id];
      if (i === undefined) throw new Error(`engine/simulate: no node "${id}" in the compiled model`);
      return i;
    }),
  );
}

const orNull = (v: number) => (Number.isNaN(v) ? null : v);

/** Turns raw kernel results into per-node outcomes. */
export function outcomes(
  cm: CompiledModel,
  outNodes: Int32Array,
  r: KernelResult,
  steps: number,
): NodeOutcome[] {
  return Array.from(outNodes, (i, k) => {
    const o: NodeOutcome = {
      id: cm.ids[i],
      name: cm.names[i],
      kind: cm.kind[i],
      baseline: r.baseline[k],
      min: r.min[k],
      daysLost: r.daysLost[k],
      timeToImpact: orNull(r.firstDrop[k]),
      recoveredAt: orNull(r.recoveredAt[k]),
      timeToRecover: Number.isNaN(r.recoveredAt[k]) ? null : r.recoveredAt[k] - r.firstDrop[k],
      final: r.final[k],
    };
    if (r.series) o.series = Array.from(r.series.subarray(k * steps, (k + 1) * steps));
    return o;
  });
}

/**
 * Simulates a plan (a compiled scenario) on a compiled model.
 *
 * @example
 * const cm = compile(model);
 * const res = simulate(cm, planScenario(cm, scenario));
 * res.outcomes.find((o) => o.id === 'air-defence')?.daysLost;
 */
export function simulate(
  cm: CompiledModel,
  plan: SimPlan,
  options: SimulateOptions = {},
  params: KernelModel = cm,
): SimulationResult {
  const { order, kernel } = kernelCall(cm, options);
  return simulationResult(cm, plan, kernel.outNodes, simulateKernel(params, order, plan, kernel));
}

/**
 * `simulate` for large models: the same results, pipelined over worker threads from 200,000 nodes
 * when two or more cores are there (see `SimulateOptions.threads`).
 */
export async function simulateAsync(
  cm: CompiledModel,
  plan: SimPlan,
  options: SimulateOptions = {},
  params: KernelModel = cm,
): Promise<SimulationResult> {
  const { order, kernel } = kernelCall(cm, options);
  const { threads } = options;
  const r = await simulateKernelAsync(params, order, plan, {
    ...kernel,
    ...(threads === undefined ? {} : { threads }),
  });
  return simulationResult(cm, plan, kernel.outNodes, r);
}

/** The evaluation order and kernel options that `options` ask for. */
function kernelCall(
  cm: CompiledModel,
  options: SimulateOptions,
): { order: EvaluationOrder; kernel: KernelOptions } {
  const { outputs, series, tol, order } = { ...DEFAULTS, ...options };
  return {
    order: order ?? evaluationOrder(cm),
    kernel: {
      outNodes: outputNodes(cm, outputs),
      series,
      tol,
      ...(options.onProgress ? { onStep: options.onProgress } : {}),
    },
  };
}

function simulationResult(
  cm: CompiledModel,
  plan: SimPlan,
  outNodes: Int32Array,
  r: KernelResult,
): SimulationResult {
  const res: SimulationResult = {
    dt: plan.dt,
    steps: plan.steps,
    horizon: plan.steps * plan.dt,
    outcomes: outcomes(cm, outNodes, r, plan.steps),
    maxSweeps: r.maxSweeps,
    unconverged: r.unconverged,
  };
  if (cm.asOf !== undefined) res.asOf = cm.asOf;
  return res;
}
