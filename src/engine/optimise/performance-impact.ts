// Performance impact of a disruption: the least weighted demand that must be lost while a node (or
// a set of nodes) is down for its time-to-recover, when every remaining flow, stock and alternative
// provider is used as well as possible. Simchi-Levi et al. (2015), Interfaces 45(5), the TTR model;
// see docs/methods.md, "Optimisation".
import type { FlowModel } from './flow-model.js';
import { ImpactSession, resolveDisruptions, type Disruption, type LossSolve } from './impact-session.js';
import type { LpStatus } from './solve-lp.js';

/** The plan that achieves the least loss: what each node makes, what flows where, what is sold. */
export interface BestResponse {
  /** Nodes that produce, with units made over the window and the share of full output. */
  production: { node: string; units: number; level: number }[];
  /** Flows on provider links: units of `provider`'s output used by `node` for `dependency`. */
  flows: { dependency: string; node: string; provider: string; units: number }[];
  /** Every demand node: demanded, met and lost units, and the value weight of a lost unit. */
  sales: { node: string; demand: number; met: number; lost: number; weight: number }[];
}

export interface ImpactResult {
  disrupted: { node: string; fraction: number; duration: number }[];
  /** τ: the window, in days (the longest disruption unless given). */
  window: number;
  status: LpStatus;
  /** Weighted lost demand over the window with the disruption. */
  loss: number;
  /** Weighted lost demand over the same window with nothing disrupted. */
  baselineLoss: number;
  /** loss − baselineLoss: what the disruption itself costs. */
  impact: number;
  /** Plain words when the solve did not end at an optimum. */
  message?: string;
  response?: BestResponse;
}

export interface ImpactOptions {
  /** Window in days (default: the longest disruption). */
  window?: number;
  /** Report the best response (default true). */
  response?: boolean;
  /** Reuse an open session of the same flow model. */
  session?: ImpactSession;
}

const DEFAULTS = { response: true };

/** Tolerance under which flows are left out of a reported plan. */
const EPS = 1e-9;

/** Reads the plan of an optimal solve. */
export function bestResponse(fm: FlowModel, tau: number, colValue: Float64Array): BestResponse {
  const cm = fm.compiled;
  const production: BestResponse['production'] = [];
  for (let i = 0; i < fm.n; i++) {
    const u = colValue[fm.colY + i];
    if (u > EPS)
      production.push({ node: cm.ids[i], units: u, level: tau > 0 ? u / (fm.capacity[i] * tau) : 0 });
  }
  const flows: BestResponse['flows'] = [];
  for (let p = 0; p < cm.provNode.length; p++) {
    const u = colValue[fm.colX + p];
    if (u > EPS)
      flows.push({
        dependency: cm.reqId[cm.provReq[p]],
        node: cm.ids[cm.reqNode[cm.provReq[p]]],
        provider: cm.ids[cm.provNode[p]],
        units: u,
      });
  }
  const sales = Array.from(fm.demandNodes, (k) => {
    const demand = fm.demand[k] * tau;
    const met = colValue[fm.colZ[k]];
    return { node: cm.ids[k], demand, met, lost: Math.max(0, demand - met), weight: fm.weight[k] };
  });
  return { production, flows, sales };
}

/** Plain words for a solve that did not reach an optimum. */
export function describeFailure(s: Pick<LossSolve, 'status' | 'highsStatus'>, what: string): string {
  if (s.status === 'infeasible')
    return `${what}: no plan satisfies the constraints (HiGHS: ${s.highsStatus}); check for contradictory bounds`;
  if (s.status === 'unbounded')
    return `${what}: the loss has no lower bound (HiGHS: ${s.highsStatus}), which a well-formed flow model cannot produce`;
  return `${what}: the solver stopped without an answer (HiGHS: ${s.highsStatus})`;
}

/**
 * The performance impact of taking the `disrupted` nodes down: the least weighted demand lost over
 * the window, the same for the undisrupted system, their difference, and the plan that achieves it.
 *
 * @example
 * const fm = buildFlowModel(model);
 * const r = await performanceImpact(fm, [{ node: 'mzkt' }]);
 * r.impact; // weighted units of demand lost because MZKT is down for its TTR
 */
export async function performanceImpact(
  fm: FlowModel,
  disrupted: readonly Disruption[],
  options: ImpactOptions = {},
): Promise<ImpactResult> {
  const opts = { ...DEFAULTS, ...options };
  const list = resolveDisruptions(fm, disrupted);
  const window = opts.window ?? list.reduce((m, d) => Math.max(m, d.duration), 0);
  if (!(window >= 0)) throw new RangeError(`optimise/impact: window must be >= 0 days, got ${window}`);
  const session = opts.session ?? (await ImpactSession.open(fm));
  try {
    const base = session.lossAt(window, []);
    const hit = opts.response ? session.planAt(window, list) : session.lossAt(window, list);
    const out: ImpactResult = {
      disrupted: list.map((d) => ({ node: fm.ids[d.node], fraction: d.fraction, duration: d.duration })),
      window,
      status: hit.status === 'optimal' ? base.status : hit.status,
      loss: hit.loss,
      baselineLoss: base.loss,
      impact: Math.max(0, hit.loss - base.loss),
    };
    if (out.status !== 'optimal')
      out.message = describeFailure(hit.status !== 'optimal' ? hit : base, 'optimise/impact');
    else if (opts.response) out.response = bestResponse(fm, window, hit.colValue);
    return out;
  } finally {
    if (!opts.session) session.dispose();
  }
}
