// The main job: what the focus actor's capabilities rest on, which single nodes and small sets of
// nodes would stop them, and how scenarios play out over time with their uncertainty. Everything
// here is computed from the model and the scenarios; the findings are templated sentences over the
// numbers, so they can disagree with any source the model was built from.
import type { Citation, Model, Quantity } from '../model/types.js';
import { compile, type CompiledModel } from './compile.js';
import { exposure } from './structure/exposure.js';
import { cutSets } from './structure/cut-sets.js';
import { singlePointsOfFailure } from './structure/single-points-of-failure.js';
import { resolveCountry } from './structure/resolve-country.js';
import type { PathStep } from './structure/explain-path.js';
import type { Scenario } from './scenario/scenario-schema.js';
import { METRICS, runWithValues, type Metric } from './monte-carlo/mc-job.js';
import { buildJob, monteCarlo, type Summary } from './monte-carlo/monte-carlo.js';
import { percentiles } from './monte-carlo/percentile.js';
import { unitInfo } from '../model/units.js';
// optimisation (issue 5): REI and TTS for the focus actor's capabilities
import { optimisationSummary, type OptimisationSummary } from './optimise/optimisation-summary.js';

export interface AnalyzeOptions {
  /** As-of date (default: the model's `as_of`); a scenario's own `as_of` wins for that scenario. */
  asOf?: string;
  /** Monte Carlo samples per scenario (0 = nominal values only). */
  samples?: number;
  seed?: number;
  workers?: number;
  /** Actor whose capabilities are analysed and the actor (or country) exposure is measured on; default model.meta.focus. */
  actor?: string;
  on?: string;
  /** Largest cut sets searched (default 2). */
  maxOrder?: number;
  /** Items per list in the findings (default 5). */
  top?: number;
  onProgress?: (done: number, total: number) => void;
}

const DEFAULTS = { samples: 1000, seed: 1, maxOrder: 2, top: 5 };

/** A step of an explaining path, with names and the citations that support it. */
export interface CitedStep extends PathStep {
  nodeName: string;
  providerName: string;
  input: string;
  cite: Citation[];
}

export interface ExposureFinding {
  id: string;
  name: string;
  exposure: number;
  direct: number;
  contributors: { node: string; name: string; share: number }[];
  /** The heaviest path down to a node of the exposed country. */
  path: CitedStep[];
  pathShare: number;
}

export interface SinglePointFinding {
  node: string;
  name: string;
  country: string | null;
  stops: { target: string; name: string; path: CitedStep[] }[];
}

export interface CutSetFinding {
  target: string;
  name: string;
  /** Order of its smallest cut sets (null: none up to maxOrder). */
  smallest: number | null;
  sets: { nodes: string[]; names: string[]; paths: { member: string; steps: CitedStep[] }[] }[];
  truncated: boolean;
}

export interface ImpactRow {
  scenario: string;
  id: string;
  name: string;
  country: string | null;
  baseline: number;
  /** Values with every uncertain quantity at its nominal value. */
  nominal: Record<Metric, number | null>;
  /** Monte Carlo summaries (absent when samples = 0). */
  mc?: Record<Metric, Summary>;
  hitRate?: number;
}

export interface ScenarioReport {
  id: string;
  title: string;
  description?: string;
  file?: string;
  asOf?: string;
  horizon: number;
  step: number;
  cite: Citation[];
  /** Shocks whose selectors match nothing at this as-of date. */
  emptyShocks: string[];
  /** Every capability's outcome, most capability-days lost first (P50, or nominal). */
  impacts: ImpactRow[];
  /** Capabilities below baseline in the nominal run. */
  hitNominal: number;
}

export interface MitigationReport {
  scenario: string;
  title: string;
  against: string;
  cost?: Quantity;
  leadTime?: Quantity;
  /** Capability-days saved over all capabilities, per sample paired with the scenario it mitigates. */
  saved: { nominal: number; p: Record<string, number | null> | null };
  /** Saved capability-days per unit of cost as written (e.g. per billion RUB; P50 or nominal saving). */
  savedPerCost: number | null;
}

export interface AnalysisResult {
  model: { id: string; title: string; version: string | null; asOf: string | null };
  seed: number;
  samples: number;
  workers: number;
  focus: { actor: string | null; on: string | null; actorCountry: string | null; onCountry: string | null };
  counts: { nodes: number; requirements: number; providers: number; capabilities: number };
  /** Key findings as sentences computed from the results below. */
  findings: string[];
  /** Capabilities already below 1 with no shock (inputs the model leaves under-covered). */
  baselineShortfalls: { id: string; name: string; level: number }[];
  exposure: ExposureFinding[];
  singlePoints: SinglePointFinding[];
  cutSets: CutSetFinding[];
  maxOrder: number;
  scenarios: ScenarioReport[];
  mitigations: MitigationReport[];
  percentiles: number[];
  /** Optimisation (LP): risk exposure index and time-to-survive; see docs/methods.md, "Optimisation". */
  optimisation?: OptimisationSummary;
}

function citeStep(model: Model, cm: CompiledModel, s: PathStep): CitedStep {
  const dep = model.dependencies.find((d) => d.id === s.dependency);
  const prov = dep?.providers.find((p) => p.provider === s.provider);
  const seen = new Set<string>();
  const cite: Citation[] = [];
  for (const c of [...(dep?.cite ?? []), ...(prov?.cite ?? [])]) {
    const k = `${c.source}|${c.section}|${c.paragraph}`;
    if (!seen.has(k)) {
      seen.add(k);
      cite.push(c);
    }
  }
  const name = (id: string) => cm.names[cm.index[id]] ?? id;
  return { ...s, nodeName: name(s.node), providerName: name(s.provider), input: dep?.input ?? '', cite };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined ? 'never' : Number.isFinite(x) ? x.toFixed(d).replace(/\.0+$/, '') : '∞';
/** A cost in the unit its author wrote: `150 billion RUB`. */
export function costText(q: Quantity): string {
  const f = q.givenUnit ? (unitInfo(q.givenUnit)?.factor ?? 1) : 1;
  const range = q.min !== q.max ? ` (${num(q.min / f)}–${num(q.max / f)})` : '';
  return `${num(q.nominal / f)}${range} ${q.givenUnit ?? q.unit ?? ''}`.trimEnd();
}
const nameList = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/**
 * Analyses a model: exposure of the focus actor's capabilities, single points of failure and
 * smallest cut sets with explaining paths and citations, and the impact of each scenario with
 * Monte Carlo percentiles; returns plain data (write it with the CLI's --json or --out).
 *
 * @example
 * const result = await analyze(model, scenarios, { samples: 1000, seed: 7 });
 * result.findings.forEach((f) => console.log(f));
 */
export async function analyze(
  model: Model,
  scenarios: Scenario[],
  options: AnalyzeOptions = {},
): Promise<AnalysisResult> {
  const o = { ...DEFAULTS, ...options };
  const asOf = o.asOf ?? model.meta.as_of;
  const cm = compile(model, asOf ? { asOf } : {});
  const actor = o.actor ?? model.meta.focus?.actor ?? null;
  const on = o.on ?? model.meta.focus?.on ?? null;
  const actorCountry = actor ? (resolveCountry(model, actor) ?? null) : null;
  const onCountry = on ? (resolveCountry(model, on) ?? null) : null;
  const caps: number[] = [];
  for (let i = 0; i < cm.n; i++)
    if (cm.kind[i] === 'capability' && (!actorCountry || cm.country[i] === actorCountry)) caps.push(i);
  const capIds = caps.map((i) => cm.ids[i]);
  const name = (id: string) => cm.names[cm.index[id]] ?? id;

  // Structure: exposure, single points of failure, cut sets.
  const exposures: ExposureFinding[] = [];
  if (onCountry && capIds.length) {
    const ex = exposure(cm, { on: onCountry, targets: capIds });
    for (const t of ex.targets) {
      const top = t.paths[0];
      exposures.push({
        id: t.target,
        name: name(t.target),
        exposure: t.exposure,
        direct: t.direct,
        contributors: t.contributors.map((c) => ({ node: c.node, name: name(c.node), share: c.share })),
        path: top ? top.steps.map((s) => citeStep(model, cm, s)) : [],
        pathShare: top?.share ?? 0,
      });
    }
    exposures.sort((a, b) => b.exposure - a.exposure || a.id.localeCompare(b.id));
  }
  // Nodes of the exposed country first: the analysis asks what the actor rests on there.
  const singlePoints: SinglePointFinding[] = capIds.length
    ? singlePointsOfFailure(cm, { targets: capIds }).map((sp) => ({
        node: sp.node,
        name: name(sp.node),
        country: cm.country[cm.index[sp.node]],
        stops: sp.stops.map((s) => ({
          target: s.target,
          name: name(s.target),
          path: s.path.map((p) => citeStep(model, cm, p)),
        })),
      }))
    : [];
  if (onCountry)
    singlePoints.sort(
      (a, b) =>
        Number(b.country === onCountry) - Number(a.country === onCountry) || b.stops.length - a.stops.length,
    );
  const cuts: CutSetFinding[] = capIds.length
    ? cutSets(cm, { targets: capIds, maxOrder: o.maxOrder }).targets.map((t) => {
        const smallest = t.cutSets.length ? t.cutSets[0].order : null;
        return {
          target: t.target,
          name: name(t.target),
          smallest,
          sets: t.cutSets
            .filter((c) => c.order === smallest)
            .slice(0, o.top)
            .map((c) => ({
              nodes: c.nodes,
              names: c.nodes.map(name),
              paths: (c.paths ?? []).map((p) => ({
                member: p.member,
                steps: p.steps.map((s) => citeStep(model, cm, s)),
              })),
            })),
          truncated: t.truncated,
        };
      })
    : [];

  // Scenarios: nominal run, then Monte Carlo.
  const job = buildJob(model, scenarios, asOf ? { asOf } : {});
  const nominalRow = runWithValues(job);
  const mc =
    o.samples > 0 && scenarios.length
      ? await monteCarlo(model, scenarios, {
          samples: o.samples,
          seed: o.seed,
          ...(o.workers !== undefined ? { workers: o.workers } : {}),
          ...(asOf ? { asOf } : {}),
          ...(o.onProgress ? { onProgress: o.onProgress } : {}),
        })
      : undefined;
  const M = METRICS.length;
  const baselineShortfalls: AnalysisResult['baselineShortfalls'] = [];
  const reports: ScenarioReport[] = job.scenarios.map((sc, j) => {
    const v = job.variants[sc.variant];
    const s = sc.scenario;
    const impacts: ImpactRow[] = v.outputs.map((id, k) => {
      const base = job.blocks[j] + k * M;
      const nominal = Object.fromEntries(
        METRICS.map((m, q) => {
          const x = nominalRow[base + q];
          return [m, Number.isFinite(x) ? x : null];
        }),
      ) as Record<Metric, number | null>;
      const i = v.cm.index[id];
      const row: ImpactRow = {
        scenario: s.id,
        id,
        name: v.cm.names[i],
        country: v.cm.country[i],
        baseline: nominalRow[base + METRICS.indexOf('baseline')],
        nominal,
      };
      const out = mc?.scenarios[j].outcomes[k];
      if (out) {
        row.mc = out.metrics;
        row.hitRate = out.hitRate;
      }
      return row;
    });
    const key = (r: ImpactRow) => r.mc?.daysLost.p['50'] ?? r.nominal.daysLost ?? 0;
    impacts.sort(
      (a, b) =>
        key(b) - key(a) || (b.nominal.daysLost ?? 0) - (a.nominal.daysLost ?? 0) || a.id.localeCompare(b.id),
    );
    const rep: ScenarioReport = {
      id: s.id,
      title: s.title,
      horizon: s.horizon,
      step: s.step,
      cite: s.cite,
      emptyShocks: sc.resolved.empty,
      impacts,
      hitNominal: impacts.filter((r) => (r.nominal.daysLost ?? 0) > 1e-9).length,
    };
    if (s.description) rep.description = s.description;
    if (s.file) rep.file = s.file;
    if (v.cm.asOf) rep.asOf = v.cm.asOf;
    return rep;
  });

  // Baseline levels of the actor's capabilities (no shock).
  {
    const noShock: Scenario = {
      id: '__baseline__',
      title: 'baseline',
      horizon: 1,
      step: 1,
      substituteRamp: { dist: 'point', nominal: 0, min: 0, max: 0, cite: [], estimate: false },
      adds: [],
      shocks: [],
      cite: [],
    };
    const bj = buildJob(model, [noShock], asOf ? { asOf } : {});
    const row = runWithValues(bj);
    const ids = bj.variants[0].outputs;
    ids.forEach((id, k) => {
      const level = row[k * M + METRICS.indexOf('baseline')];
      if (level < 1 - 1e-9 && capIds.includes(id)) baselineShortfalls.push({ id, name: name(id), level });
    });
  }

  // Mitigations: paired savings against the scenario each extends.
  const mitigations: MitigationReport[] = [];
  job.scenarios.forEach((sc, j) => {
    const s = sc.scenario;
    if (!s.mitigation || !s.extends) return;
    const b = job.scenarios.findIndex((x) => x.scenario.id === s.extends);
    if (b < 0) return;
    const total = (row: ArrayLike<number>, jj: number, off = 0) => {
      const v = job.variants[job.scenarios[jj].variant];
      let sum = 0;
      for (let k = 0; k < v.outputs.length; k++) sum += row[off + job.blocks[jj] + k * M];
      return sum;
    };
    const nominal = total(nominalRow, b) - total(nominalRow, j);
    let p: Record<string, number | null> | null = null;
    if (mc) {
      const W = job.blocks[job.scenarios.length];
      const saved = new Float64Array(mc.samples);
      for (let i = 0; i < mc.samples; i++)
        saved[i] = total(mc.outputs, b, i * W) - total(mc.outputs, j, i * W);
      const ps = percentiles(saved, mc.percentiles);
      p = Object.fromEntries(mc.percentiles.map((q, k) => [String(q), ps[k]]));
    }
    const cost = s.mitigation.cost;
    const mid = p?.['50'] ?? nominal;
    // Cost in the unit the author wrote (e.g. billion RUB), for a readable ratio.
    const costAsWritten = cost
      ? cost.nominal / (cost.givenUnit ? (unitInfo(cost.givenUnit)?.factor ?? 1) : 1)
      : undefined;
    const rep: MitigationReport = {
      scenario: s.id,
      title: s.title,
      against: s.extends,
      saved: { nominal, p },
      savedPerCost: costAsWritten ? mid / costAsWritten : null,
    };
    if (cost) rep.cost = cost;
    if (s.mitigation.leadTime) rep.leadTime = s.mitigation.leadTime;
    mitigations.push(rep);
  });

  const result: AnalysisResult = {
    model: {
      id: model.meta.id,
      title: model.meta.title,
      version: model.meta.version ?? null,
      asOf: asOf ?? null,
    },
    seed: o.seed,
    samples: mc ? mc.samples : 0,
    workers: mc ? mc.workers : 0,
    focus: { actor, on, actorCountry, onCountry },
    counts: {
      nodes: cm.n,
      requirements: cm.reqId.length,
      providers: cm.provNode.length,
      capabilities: caps.length,
    },
    findings: [],
    baselineShortfalls,
    exposure: exposures,
    singlePoints,
    cutSets: cuts,
    maxOrder: o.maxOrder,
    scenarios: reports,
    mitigations,
    percentiles: mc?.percentiles ?? [],
  };
  result.findings = findings(result, o.top);
  // --- optimisation (issue 5): the best response with what is left, per node (LP) ---
  result.optimisation = await optimisationSummary(model, {
    ...(asOf ? { asOf } : {}),
    ...(actor ? { actor } : {}),
    ...(on ? { on } : {}),
    top: o.top,
  });
  result.findings.push(...result.optimisation.findings);
  // --- end optimisation ---
  return result;
}

/** The key findings, as sentences computed from an analysis result. */
export function findings(r: AnalysisResult, top = 5): string[] {
  const out: string[] = [];
  const who = r.focus.actorCountry ?? 'the model';
  const onC = r.focus.onCountry;
  if (onC && r.exposure.length) {
    const exposed = r.exposure.filter((e) => e.exposure > 1e-9);
    out.push(
      `${exposed.length} of ${r.exposure.length} ${who} capabilities rest in part on ${onC} nodes; the most exposed: ${nameList(
        exposed
          .slice(0, top)
          .map(
            (e) =>
              `${e.name} (${pct(e.exposure)}${e.contributors[0] ? `, mostly via ${e.contributors[0].name}` : ''})`,
          ),
      )}.`,
    );
  }
  const spofs = r.singlePoints.slice(0, top);
  if (spofs.length)
    for (const s of spofs)
      out.push(
        `Losing ${s.name}${s.country ? ` (${s.country})` : ''} alone stops ${s.stops.length} capabilit${s.stops.length === 1 ? 'y' : 'ies'}: ${nameList(s.stops.slice(0, top).map((x) => x.name))}${s.stops.length > top ? ', …' : ''}.`,
      );
  else if (r.cutSets.length)
    out.push(`No single node stops any ${who} capability on its own (cut sets up to order ${r.maxOrder}).`);
  const pairs = r.cutSets.filter((c) => c.smallest !== null && c.smallest > 1);
  if (pairs.length) {
    const c = pairs[0];
    out.push(
      `${pairs.length} capabilit${pairs.length === 1 ? 'y has' : 'ies have'} no single point of failure but fail when ${c.smallest} nodes are lost together, e.g. ${c.name}: ${nameList(c.sets[0]?.names ?? [])}.`,
    );
  }
  const unbroken = r.cutSets.filter((c) => c.smallest === null).length;
  if (unbroken)
    out.push(
      `${unbroken} capabilit${unbroken === 1 ? 'y withstands' : 'ies withstand'} the loss of any ${r.maxOrder} nodes.`,
    );
  if (r.baselineShortfalls.length)
    out.push(
      `With no shock, ${r.baselineShortfalls.length} capabilit${r.baselineShortfalls.length === 1 ? 'y runs' : 'ies run'} below full level because the model leaves inputs under-covered: ${nameList(r.baselineShortfalls.slice(0, top).map((b) => `${b.name} (${num(b.level, 2)})`))}.`,
    );
  for (const s of r.scenarios) {
    const worst = s.impacts[0];
    const lost = worst && (worst.mc?.daysLost.p['50'] ?? worst.nominal.daysLost ?? 0);
    if (!worst || !lost || lost <= 1e-9) {
      out.push(
        `Scenario "${s.title}": no capability falls below its baseline within ${num(s.horizon, 0)} days.`,
      );
      continue;
    }
    const m = worst.mc;
    const band = m
      ? ` (P${r.percentiles[0]}–P${r.percentiles[r.percentiles.length - 1]} ${num(m.daysLost.p[String(r.percentiles[0])])}–${num(m.daysLost.p[String(r.percentiles[r.percentiles.length - 1])])})`
      : '';
    const ttr = m ? m.timeToRecover.p['50'] : worst.nominal.timeToRecover;
    const hit = s.impacts.filter((x) => (x.mc?.daysLost.p['50'] ?? x.nominal.daysLost ?? 0) > 1e-9).length;
    out.push(
      `Scenario "${s.title}": ${hit} capabilit${hit === 1 ? 'y loses' : 'ies lose'} level; worst: ${worst.name}, ${num(lost)} capability-days lost over ${num(s.horizon, 0)} days${band}, lowest level ${num(m?.min.p['50'] ?? worst.nominal.min, 2)}, ${ttr === null || ttr === undefined ? 'not recovered within the horizon' : `recovered after ${num(ttr)} days`}.`,
    );
  }
  for (const m of r.mitigations) {
    const mid = m.saved.p?.['50'] ?? m.saved.nominal;
    const band = m.saved.p
      ? ` (P${r.percentiles[0]}–P${r.percentiles[r.percentiles.length - 1]} ${num(m.saved.p[String(r.percentiles[0])])}–${num(m.saved.p[String(r.percentiles[r.percentiles.length - 1])])})`
      : '';
    out.push(
      `Mitigation "${m.title}" saves ${num(mid)} capability-days against "${m.against}"${band}${m.cost ? ` at a cost of ${costText(m.cost)}` : ''}${m.leadTime ? `, taking ${num(m.leadTime.nominal, 0)} days to put in place` : ''}.`,
    );
  }
  return out;
}
