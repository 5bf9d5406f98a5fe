// Risk exposure index (REI): each node is taken down for its time-to-recover in turn, the least
// weighted lost demand is found by LP (its performance impact), and impacts are normalised to the
// worst one. Simchi-Levi, Schmidt, Wei, Zhang, Combs, Ge, Gusikhin, Sanders & Zhang (2015),
// Interfaces 45(5):375-390; Simchi-Levi, Schmidt & Wei (2014), HBR 92(1/2). See docs/methods.md,
// "Optimisation".
import type { FlowModel } from './flow-model.js';
import { ImpactSession } from './impact-session.js';
import { describeFailure } from './performance-impact.js';
import type { LpStatus } from './solve-lp.js';

export interface ReiNode {
  node: string;
  name: string;
  kind: string;
  country: string | null;
  /** Days the node is down (its time-to-recover). */
  ttr: number;
  /** False when the time-to-recover is the analysis default, not a value in the model. */
  ttrGiven: boolean;
  status: LpStatus;
  loss: number;
  baselineLoss: number;
  /** Performance impact: loss − baselineLoss, weighted units of demand. */
  impact: number;
  /** impact / the largest impact (0 when no node has any). */
  rei: number;
  /** 1 = highest REI; ties share a rank. */
  rank: number;
  message?: string;
}

export interface ReiResult {
  /** One entry per assessed node, highest REI first (ties in model order). */
  nodes: ReiNode[];
  maxImpact: number;
  /** Total exposure: the sum of all impacts. */
  totalExposure: number;
  /** Where the demand came from (explicit flow data, or the defaults). */
  demandSource: FlowModel['demandSource'];
  /** LP solves and simplex iterations used. */
  solves: number;
  iterations: number;
  /** Nodes whose impact is 0 without a solve: the least busy optimal baseline plan does not use them. */
  unused: number;
}

export interface ReiOptions {
  /** Nodes to assess (ids or indices; default all). */
  nodes?: readonly (string | number)[];
  /** Override every node's time-to-recover, in days. */
  ttr?: number;
  /** Called after each node. */
  onProgress?: (done: number, total: number) => void;
  /** Reuse an open session of the same flow model. */
  session?: ImpactSession;
}

/**
 * Risk exposure index of every node (or of `options.nodes`).
 *
 * Nodes are solved in order of their time-to-recover, so consecutive solves differ by as few bounds
 * as possible and HiGHS re-starts from the previous basis.
 *
 * @example
 * const r = await riskExposureIndex(buildFlowModel(model));
 * r.nodes[0]; // the node whose loss hurts most, with rei = 1
 */
export async function riskExposureIndex(fm: FlowModel, options: ReiOptions = {}): Promise<ReiResult> {
  const cm = fm.compiled;
  const targets = (options.nodes ?? Array.from({ length: fm.n }, (_, i) => i)).map((x) => {
    const i = typeof x === 'number' ? x : cm.index[x];
    if (i === undefined || !(i >= 0 && i < fm.n))
      throw new RangeError(`optimise/rei: unknown node ${JSON.stringify(x)}`);
    return i;
  });
  if (options.ttr !== undefined && !(options.ttr >= 0))
    throw new RangeError(`optimise/rei: ttr must be >= 0 days, got ${options.ttr}`);
  const ttrOf = (i: number) => options.ttr ?? fm.ttr[i];
  const order = targets.map((_, k) => k).sort((a, b) => ttrOf(targets[a]) - ttrOf(targets[b]) || a - b);

  const session = options.session ?? (await ImpactSession.open(fm));
  const startSolves = session.solves;
  const startIter = session.iterations;
  // Per window: the baseline loss and the least busy optimal baseline plan. A node that plan does
  // not use at all can be taken down without changing the optimum (the plan stays feasible and
  // optimal), so its impact is exactly 0 with no solve.
  const baseline = new Map<
    number,
    { loss: number; status: LpStatus; highsStatus: string; plan: Float64Array }
  >();
  let skipped = 0;
  const entries: ReiNode[] = new Array(targets.length);
  try {
    order.forEach((k, done) => {
      const i = targets[k];
      const tau = ttrOf(i);
      let base = baseline.get(tau);
      if (!base) {
        const b = session.planAt(tau, []);
        base = { loss: b.loss, status: b.status, highsStatus: b.highsStatus, plan: b.colValue };
        baseline.set(tau, base);
      }
      const unused =
        base.status === 'optimal' && base.plan[fm.colY + i] <= 1e-9 * Math.max(1, fm.capacity[i] * tau);
      if (unused) skipped++;
      const hit = unused
        ? { loss: base.loss, status: base.status, highsStatus: base.highsStatus }
        : session.lossAt(tau, [{ node: i, fraction: 1, duration: tau }]);
      const status = base.status !== 'optimal' ? base.status : hit.status;
      const e: ReiNode = {
        node: cm.ids[i],
        name: cm.names[i],
        kind: cm.kind[i],
        country: cm.country[i],
        ttr: tau,
        ttrGiven: options.ttr !== undefined || fm.ttrGiven[i] === 1,
        status,
        loss: hit.loss,
        baselineLoss: base.loss,
        impact: status === 'optimal' ? Math.max(0, hit.loss - base.loss) : NaN,
        rei: 0,
        rank: 0,
      };
      if (status !== 'optimal')
        e.message = describeFailure(base.status !== 'optimal' ? base : hit, `optimise/rei: ${cm.ids[i]}`);
      entries[k] = e;
      options.onProgress?.(done + 1, targets.length);
    });
  } finally {
    if (!options.session) session.dispose();
  }

  let maxImpact = 0;
  let totalExposure = 0;
  for (const e of entries)
    if (Number.isFinite(e.impact)) {
      maxImpact = Math.max(maxImpact, e.impact);
      totalExposure += e.impact;
    }
  for (const e of entries) e.rei = maxImpact > 0 && Number.isFinite(e.impact) ? e.impact / maxImpact : 0;
  const ranked = entries
    .map((e, k) => ({ e, k }))
    .sort((a, b) => b.e.rei - a.e.rei || a.k - b.k)
    .map(({ e }) => e);
  ranked.forEach((e, k) => (e.rank = k > 0 && ranked[k - 1].rei === e.rei ? ranked[k - 1].rank : k + 1));
  return {
    nodes: ranked,
    maxImpact,
    totalExposure,
    demandSource: fm.demandSource,
    solves: session.solves - startSolves,
    iterations: session.iterations - startIter,
    unused: skipped,
  };
}
