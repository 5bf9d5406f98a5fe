// Ranks candidate mitigations by how much they cut total exposure (the sum of performance impacts,
// Simchi-Levi et al. 2015) per unit of cost. Each mitigation is an overlay on the model; the same
// set of nodes is disrupted, each for its time-to-recover, before and after.
import { compile } from '../compile.js';
import type { Model } from '../../model/types.js';
import { UserError } from '../../model/problem.js';
import { flowData } from './flow-data.js';
import { flowModel } from './flow-model.js';
import { riskExposureIndex, type ReiResult } from './rei.js';
import { applyMitigation } from './apply-mitigation.js';
import type { Mitigation } from './mitigation-schema.js';

export interface MitigationRank {
  id: string;
  title: string;
  /** Cost in `currency` (nominal value), and whether it is an estimate. */
  cost: number;
  costEstimate: boolean;
  /** Days to put in place, when given (reported, not modelled). */
  leadTime: number | null;
  exposureBefore: number;
  exposureAfter: number;
  /** exposureBefore − exposureAfter (weighted units of demand). */
  reduction: number;
  /** reduction / cost (0 when the cost is 0 and nothing is gained; Infinity for a free gain). */
  reductionPerCost: number;
  rank: number;
  /** Nodes whose impact fell the most. */
  helped: { node: string; before: number; after: number }[];
  file?: string;
}

export interface RankMitigationsResult {
  currency: string | null;
  /** Nodes disrupted in turn (before and after). */
  scope: string[];
  exposure: number;
  /** Baseline REI over the scope. */
  baseline: ReiResult;
  mitigations: MitigationRank[];
}

export interface RankMitigationsOptions {
  asOf?: string;
  /** Nodes to disrupt (default: every node of the model). */
  nodes?: readonly string[];
  /** Override every node's time-to-recover, in days. */
  ttr?: number;
  defaultTtr?: number;
  /** Demand only this country's capabilities when the model gives no demand. */
  demandCountry?: string;
  /** Called after each model evaluated (the baseline, then each mitigation). */
  onProgress?: (done: number, total: number, label: string) => void;
}

/**
 * Evaluates and ranks `mitigations` on `model`.
 *
 * @example
 * const r = await rankMitigations(model, [domesticChassis, repairCapacity], { nodes: belarusianNodes });
 * r.mitigations[0].reductionPerCost;
 */
export async function rankMitigations(
  model: Model,
  mitigations: readonly Mitigation[],
  options: RankMitigationsOptions = {},
): Promise<RankMitigationsResult> {
  const currencies = new Set(mitigations.map((m) => m.cost.unit ?? null));
  if (currencies.size > 1)
    throw new UserError(
      `optimise/mitigate: mitigation costs are in different currencies (${[...currencies].map((c) => c ?? 'no unit').join(', ')}); give every cost in one currency so they can be compared`,
    );
  const currency = currencies.size ? [...currencies][0] : null;
  const evalModel = async (m: Model, scope: readonly string[] | undefined) => {
    const cm = compile(m, options.asOf === undefined ? {} : { asOf: options.asOf });
    const fm = flowModel(cm, flowData(m, cm), {
      ...(options.defaultTtr === undefined ? {} : { defaultTtr: options.defaultTtr }),
      ...(options.demandCountry === undefined ? {} : { demandCountry: options.demandCountry }),
    });
    const nodes = scope?.filter((id) => cm.index[id] !== undefined);
    return riskExposureIndex(fm, {
      ...(nodes ? { nodes } : {}),
      ...(options.ttr === undefined ? {} : { ttr: options.ttr }),
    });
  };
  const total = mitigations.length + 1;
  const baseline = await evalModel(model, options.nodes);
  options.onProgress?.(1, total, 'baseline');
  const scope = baseline.nodes.map((e) => e.node);
  const before = new Map(baseline.nodes.map((e) => [e.node, e.impact]));

  const ranks: MitigationRank[] = [];
  for (const [k, m] of mitigations.entries()) {
    const after = await evalModel(applyMitigation(model, m), scope);
    const diff = baseline.totalExposure - after.totalExposure;
    const reduction = Math.abs(diff) <= 1e-9 * Math.max(1, baseline.totalExposure) ? 0 : diff;
    const cost = m.cost.nominal;
    const helped = after.nodes
      .map((e) => ({ node: e.node, before: before.get(e.node) ?? 0, after: e.impact }))
      .filter((h) => h.before - h.after > 1e-9)
      .sort((a, b) => b.before - b.after - (a.before - a.after))
      .slice(0, 5);
    const r: MitigationRank = {
      id: m.id,
      title: m.title,
      cost,
      costEstimate: m.cost.estimate,
      leadTime: m.leadTime ? m.leadTime.nominal : null,
      exposureBefore: baseline.totalExposure,
      exposureAfter: after.totalExposure,
      reduction,
      reductionPerCost: cost > 0 ? reduction / cost : reduction > 0 ? Infinity : 0,
      rank: 0,
      helped,
    };
    if (m.file) r.file = m.file;
    ranks.push(r);
    options.onProgress?.(k + 2, total, m.id);
  }
  ranks.sort(
    (a, b) =>
      b.reductionPerCost - a.reductionPerCost || b.reduction - a.reduction || a.id.localeCompare(b.id),
  );
  ranks.forEach((r, k) => (r.rank = k + 1));
  return { currency, scope, exposure: baseline.totalExposure, baseline, mitigations: ranks };
}
