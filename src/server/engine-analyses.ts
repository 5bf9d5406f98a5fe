// Wires the engine's exported analyses (src/engine) into the server's Analyses interface: the
// scenario library of a model folder (parseScenario, extendScenario), structural analysis
// (cutSets, exposure, betweenness, riskExposureIndex) and scenario runs (monteCarlo for the outcome
// percentiles; the same seeded sample streams through planScenario + simulateKernel for the level
// series and their bands). The server never re-implements engine logic; it only adapts inputs and
// results to the API contract.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compile, type SampleArray } from '../engine/compile.js';
import { buildJob, monteCarlo } from '../engine/monte-carlo/monte-carlo.js';
import { inputKeys, sampleInputs } from '../engine/monte-carlo/mc-job.js';
import { riskExposureIndex } from '../engine/optimise/rei.js';
import { buildFlowModel } from '../engine/optimise/flow-model.js';
import { parseScenario } from '../engine/scenario/parse-scenario.js';
import { extendScenario, planScenario, scenarioQuantities } from '../engine/scenario/plan-scenario.js';
import type { Scenario } from '../engine/scenario/scenario-schema.js';
import { simulateKernel, type KernelModel } from '../engine/simulate/simulate-kernel.js';
import { simulate } from '../engine/simulate/simulate.js';
import { betweenness } from '../engine/structure/betweenness.js';
import { cutSets } from '../engine/structure/cut-sets.js';
import { exposure } from '../engine/structure/exposure.js';
import { resolveCountry } from '../engine/structure/resolve-country.js';
import { formatProblem, UserError } from '../model/problem.js';
import type { Model } from '../model/types.js';
import type { Analyses } from './app.js';
import type { RunResult, StructureData } from './contract.js';
import { percentiles } from '../engine/monte-carlo/percentile.js';

export interface EngineAnalysesOptions {
  /** Samples whose level series make the P5–P95 bands (the outcome table uses every sample). */
  bandSamples?: number;
  /** Compute the risk exposure index (LP per node) in structural analysis. */
  rei?: boolean;
  /** Above this many nodes the REI (one LP per node) is left to `tyl rei`, not computed per request. */
  reiMaxNodes?: number;
}
const DEFAULTS: Required<EngineAnalysesOptions> = { bandSamples: 200, rei: true, reiMaxNodes: 2000 };

/** The scenarios/ folder of a model folder (or of the folder holding a model file). */
function scenarioDir(modelPath: string): string {
  const base = existsSync(modelPath) && statSync(modelPath).isFile() ? dirname(modelPath) : modelPath;
  return join(base, 'scenarios');
}

/** The analyses available for the model at `modelPath`. */
export function engineAnalyses(modelPath: string, options: EngineAnalysesOptions = {}): Analyses {
  const { bandSamples, rei, reiMaxNodes } = { ...DEFAULTS, ...options };
  const dir = scenarioDir(modelPath);
  const files = (): Map<string, string> => {
    const out = new Map<string, string>();
    if (!existsSync(dir)) return out;
    for (const f of readdirSync(dir).sort())
      if (/\.ya?ml$/.test(f)) out.set(basename(f).replace(/\.ya?ml$/, ''), join(dir, f));
    return out;
  };
  const text = (name: string): string | undefined => {
    const f = files().get(name);
    return f ? readFileSync(f, 'utf8') : undefined;
  };

  /** Parses scenario YAML, resolving `extends` against the library; throws a UserError with every problem. */
  const load = (model: Model, yaml: string, path: string, seen: string[] = []): Scenario => {
    const r = parseScenario(yaml, path, { model });
    if (!r.scenario)
      throw new UserError(`scenario/parse: ${path}\n${r.problems.map(formatProblem).join('\n')}`, r.problems);
    const s = r.scenario;
    if (!s.extends) return s;
    if (seen.includes(s.extends))
      throw new UserError(
        `scenario/parse: ${path}: "extends" loops through ${[...seen, s.extends].join(' -> ')}`,
      );
    const baseText = text(s.extends);
    if (baseText === undefined)
      throw new UserError(`scenario/parse: ${path}: extends "${s.extends}", which is not in ${dir}`);
    return extendScenario(load(model, baseText, `scenarios/${s.extends}.yaml`, [...seen, s.id]), s);
  };

  const structureCache = new Map<string, StructureData>();

  return {
    scenarios() {
      return [...files().entries()].map(([name, f]) => {
        // Title and description for the list; a file that does not parse is still listed by name.
        const t = readFileSync(f, 'utf8');
        const title = /^title:\s*(.+)$/m.exec(t)?.[1]?.replace(/^["']|["']$/g, '');
        const description = /^description:\s*(?:>-?\s*\n((?:\s{2,}.+\n?)+)|(.+))$/m.exec(t);
        const desc = (description?.[1] ?? description?.[2])?.replace(/\s+/g, ' ').trim();
        return { name, ...(title ? { title } : {}), ...(desc ? { description: desc } : {}) };
      });
    },
    scenarioText: text,

    async structure(model, { asOf, on, maxOrder }) {
      const at = asOf ?? model.meta.as_of;
      const onArg = on ?? model.meta.focus?.on;
      const key = `${at}|${onArg}|${maxOrder}`;
      const hit = structureCache.get(key);
      if (hit) return hit;
      const cm = compile(model, at ? { asOf: at } : {});
      const cs = cutSets(cm, { maxOrder });
      const country = onArg ? resolveCountry(model, onArg) : undefined;
      const actor = model.meta.focus?.actor ? resolveCountry(model, model.meta.focus.actor) : undefined;
      const ex = country
        ? exposure(cm, { on: country, targets: cs.targets.map((t) => t.target) })
        : undefined;
      const exBy = new Map(ex?.targets.map((t) => [t.target, t.exposure]));
      const name = (id: string) => cm.names[cm.index[id]] ?? id;
      let reiBy = new Map<string, number>();
      const measures = new Map<string, Record<string, number>>();
      if (rei && cm.n <= reiMaxNodes) {
        try {
          const r = await riskExposureIndex(buildFlowModel(model, at ? { asOf: at } : {}));
          reiBy = new Map(r.nodes.map((x) => [x.node, x.rei]));
          for (const x of r.nodes)
            if (x.rei > 0)
              measures.set(x.node, {
                REI: x.rei,
                'impact (weighted demand)': x.impact,
                'time to recover (days)': x.ttr,
              });
        } catch {
          reiBy = new Map();
        }
      }
      for (const b of betweenness(cm).centrality)
        if (b.betweenness > 0)
          measures.set(b.node, { ...measures.get(b.node), 'rail/transit betweenness': b.betweenness });
      if (ex)
        for (let i = 0; i < cm.n; i++)
          if (ex.nodeExposure[i] > 0 && measures.has(cm.ids[i]))
            measures.get(cm.ids[i])!['exposure'] = ex.nodeExposure[i];
      const data: StructureData = {
        ...(at ? { asOf: at } : {}),
        ...(country ? { on: country } : {}),
        rows: cs.targets.map((t) => ({
          target: t.target,
          targetName: name(t.target),
          exposure: exBy.get(t.target) ?? null,
          spofs: t.cutSets
            .filter((c) => c.order === 1)
            .map((c) => ({
              node: c.nodes[0],
              name: name(c.nodes[0]),
              // The explaining chain: target, then each failed provider down to the lost node.
              path: [t.target, ...(c.paths?.[0]?.steps ?? []).map((s) => s.provider)],
            })),
          cutSets: t.cutSets.filter((c) => c.order > 1).map((c) => ({ nodes: c.nodes, order: c.order })),
          rei: reiBy.get(t.target) ?? null,
        })),
        nodes: [...measures.entries()].map(([id, m]) => ({ id, name: name(id), measures: m })),
      };
      void actor;
      structureCache.set(key, data);
      return data;
    },

    async simulate(model, input, ctx) {
      const yaml = input.yaml ?? text(input.scenario!);
      if (yaml === undefined) throw new UserError(`scenario/load: no scenario "${input.scenario}" in ${dir}`);
      const scenario = load(
        model,
        yaml,
        input.scenario ? `scenarios/${input.scenario}.yaml` : 'scenario (edited)',
      );
      const asOf = input.asOf;
      // Outcome percentiles over every sample, from the engine's Monte Carlo (worker threads for large runs).
      const mc = await monteCarlo(model, [scenario], {
        samples: input.samples,
        seed: input.seed,
        ...(asOf ? { asOf } : {}),
        onProgress: (done, total) => ctx.progress((0.8 * done) / total),
      });
      ctx.signal.throwIfAborted();
      // Level series of the first samples (the same seeded streams as the Monte Carlo's), for the bands.
      const job = buildJob(model, [scenario], asOf ? { asOf } : {});
      const keys = inputKeys(job);
      const v = job.variants[0];
      const sc = job.scenarios[0];
      const k = Math.min(bandSamples, input.samples);
      const steps = planScenario(v.cm, sc.scenario, { resolved: sc.resolved }).steps;
      const dt = scenario.horizon / steps;
      const outs = v.outNodes.length;
      const series = new Float64Array(k * outs * steps);
      for (let i = 0; i < k; i++) {
        const values = sampleInputs(job, keys, input.seed, i);
        const byLabel = new Map(job.inputs.map((x, j) => [x.label, values[j]]));
        const copies: Partial<Record<SampleArray, Float64Array>> = {};
        for (const s of v.cm.sampleIndex)
          (copies[s.array] ??= Float64Array.from(v.cm[s.array]))[s.slot] =
            byLabel.get(s.label) ?? s.quantity.nominal;
        const params: KernelModel = { ...v.cm, ...copies };
        const qvals = scenarioQuantities(sc.scenario).map((q) => byLabel.get(q.label) ?? q.quantity.nominal);
        const plan = planScenario(v.cm, sc.scenario, { resolved: sc.resolved, values: qvals });
        const r = simulateKernel(params, v.order, plan, { outNodes: v.outNodes, series: true });
        series.set(r.series!.subarray(0, outs * plan.steps), i * outs * steps);
        if (i % 10 === 9) {
          ctx.progress(0.8 + (0.2 * (i + 1)) / k);
          await new Promise((res) => setImmediate(res));
          ctx.signal.throwIfAborted();
        }
      }
      const outcomes = new Map(mc.scenarios[0].outcomes.map((x) => [x.id, x]));
      const col = new Float64Array(k);
      const result: RunResult = {
        scenario: scenario.id,
        samples: mc.samples,
        seed: mc.seed,
        horizon: scenario.horizon,
        series: v.outputs.map((id, o) => {
          const p5: number[] = [];
          const p50: number[] = [];
          const p95: number[] = [];
          const t: number[] = [];
          for (let s = 0; s < steps; s++) {
            for (let i = 0; i < k; i++) col[i] = series[i * outs * steps + o * steps + s];
            t.push(s * dt);
            const [a, b, c] = percentiles(col, [5, 50, 95]);
            p5.push(a);
            p50.push(b);
            p95.push(c);
          }
          const oc = outcomes.get(id)!;
          const m = oc.metrics;
          return {
            id,
            name: oc.name,
            t,
            p5,
            p50,
            p95,
            min: m.min.p['50'] ?? 0,
            lost: m.daysLost.p['50'] ?? 0,
            recover: m.timeToRecover.p['50'],
          };
        }),
      };
      // Impact on every node (nominal run), for the graph's and the map's impact colours.
      const nominal = simulate(v.cm, planScenario(v.cm, sc.scenario, { resolved: sc.resolved }), {
        outputs: 'all',
        series: false,
        order: v.order,
      });
      result.nodes = nominal.outcomes
        .filter((x) => x.min < x.baseline - 1e-9)
        .map((x) => ({ id: x.id, min: x.min }));
      return result;
    },
  };
}
