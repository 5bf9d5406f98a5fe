// Turns a scenario into what the simulation kernel runs: resolves selectors on the compiled model
// once, then builds the shock profiles from the scenario's quantities (their nominal values, or a
// Monte Carlo sample of them). Also applies a mitigation's added providers to the model.
import type { CompiledModel } from '../compile.js';
import type { Dependency, Model, Quantity } from '../../model/types.js';
import { buildPlan, SHOCK_KIND, type PlanShock, type SimPlan } from '../simulate/sim-plan.js';
import { NODE_SHOCKS, type Scenario, type Shock } from './scenario-schema.js';
import { selectLinks, selectNodes } from './select.js';

/** One quantity of a scenario, in a fixed order (the order of `values` in `planScenario`). */
export interface ScenarioQuantity {
  label: string;
  quantity: Quantity;
  /** Bounds a sample is clamped to. */
  lo: number;
  hi: number;
}

/** Every quantity of a scenario that shapes its plan, in a fixed order (uncertain or not). */
export function scenarioQuantities(s: Scenario): ScenarioQuantity[] {
  const out: ScenarioQuantity[] = [
    { label: `${s.id}.substitute_ramp`, quantity: s.substituteRamp, lo: 0, hi: Infinity },
  ];
  if (s.mitigation?.leadTime)
    out.push({ label: `${s.id}.mitigation.lead_time`, quantity: s.mitigation.leadTime, lo: 0, hi: Infinity });
  for (const sh of s.shocks) {
    const l = `${sh.origin ?? s.id}/${sh.id}`;
    out.push({
      label: `${l}.${sh.type === 'capacity' ? 'level' : 'severity'}`,
      quantity: sh.level,
      lo: 0,
      hi: 1,
    });
    out.push({ label: `${l}.onset`, quantity: sh.onset, lo: 0, hi: Infinity });
    if (sh.duration) out.push({ label: `${l}.duration`, quantity: sh.duration, lo: 0, hi: Infinity });
    out.push({ label: `${l}.recovery`, quantity: sh.recovery, lo: 0, hi: Infinity });
    if (sh.delay) out.push({ label: `${l}.delay`, quantity: sh.delay, lo: 0, hi: Infinity });
  }
  return out;
}

/** Shock targets on one compiled model: node indices or provider slots. */
export interface ResolvedScenario {
  targets: Int32Array[];
  /** Provider slots added by the mitigation (held back until its lead time). */
  added: Int32Array;
  /** Shocks whose selectors match nothing at this as-of date (reported, not fatal). */
  empty: string[];
}

/** Resolves every shock's selectors on `cm`. */
export function resolveScenario(cm: CompiledModel, s: Scenario): ResolvedScenario {
  const empty: string[] = [];
  const targets = s.shocks.map((sh) => {
    const t = NODE_SHOCKS.includes(sh.type) ? selectNodes(cm, sh.target ?? []) : selectLinks(cm, sh);
    if (!t.length) empty.push(sh.id);
    return t;
  });
  const added: number[] = [];
  // The added slot is the last one of that provider in the requirement.
  for (const a of s.adds)
    for (let r = 0; r < cm.reqId.length; r++) {
      if (cm.reqId[r] !== a.dependency) continue;
      let last = -1;
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++)
        if (cm.ids[cm.provNode[p]] === a.provider) last = p;
      if (last >= 0) added.push(last);
    }
  return { targets, added: Int32Array.from(added), empty };
}

export interface PlanScenarioOptions {
  /** Selectors resolved by `resolveScenario` (computed when absent). */
  resolved?: ResolvedScenario;
  /** Values of `scenarioQuantities(s)`, in order (default: their nominal values). */
  values?: ArrayLike<number>;
}

function profile(
  sh: Shock,
  level: number,
  onset: number,
  duration: number | null,
  recovery: number,
): [number, number][] {
  if (sh.curve) return sh.curve.map(([d, v]) => [onset + d, v]);
  if (duration === null) return [[onset, level]];
  return [
    [onset, level],
    [onset + duration, level],
    [onset + duration + recovery, 1],
  ];
}

/**
 * The simulation plan of a scenario on a compiled model.
 *
 * @example
 * const plan = planScenario(cm, scenario);
 * const result = simulate(cm, plan);
 */
export function planScenario(cm: CompiledModel, s: Scenario, options: PlanScenarioOptions = {}): SimPlan {
  const resolved = options.resolved ?? resolveScenario(cm, s);
  const qs = scenarioQuantities(s);
  const values = options.values ?? qs.map((q) => q.quantity.nominal);
  let k = 0;
  const next = () => {
    const q = qs[k];
    const v = values[k++];
    return v < q.lo ? q.lo : v > q.hi ? q.hi : v;
  };
  const ramp = next();
  const programme = s.mitigation?.leadTime ? next() : 0;
  const shocks: PlanShock[] = [];
  s.shocks.forEach((sh, i) => {
    const level = next();
    const onset = next();
    const duration = sh.duration ? next() : null;
    const recovery = next();
    const delay = sh.delay ? next() : 0;
    const targets = resolved.targets[i];
    if (NODE_SHOCKS.includes(sh.type)) {
      shocks.push({ kind: SHOCK_KIND.node, points: profile(sh, level, onset, duration, recovery), targets });
    } else if (sh.type === 'slowdown') {
      const gap = duration === null ? delay : Math.min(delay, duration);
      shocks.push({
        kind: SHOCK_KIND.link,
        points: [
          [onset, 0],
          [onset + gap, 0],
          [onset + gap, 1],
        ],
        targets,
      });
      const active: [number, number][] =
        duration === null
          ? [[onset, 0]]
          : [
              [onset, 0],
              [onset + duration, 0],
              [onset + duration, 1],
            ];
      shocks.push({ kind: SHOCK_KIND.lead, points: active, targets, extra: delay });
    } else
      shocks.push({ kind: SHOCK_KIND.link, points: profile(sh, level, onset, duration, recovery), targets });
  });
  if (programme > 0 && resolved.added.length)
    shocks.push({
      kind: SHOCK_KIND.link,
      points: [
        [0, 0],
        [programme, 0],
        [programme, 1],
      ],
      targets: resolved.added,
    });
  const steps = Math.max(1, Math.ceil(s.horizon / s.step - 1e-9));
  return buildPlan(shocks, { steps, dt: s.step, substituteRamp: ramp });
}

/**
 * The model with a mitigation's providers added, each as a new provider slot of its dependency
 * (even when that provider is already listed: the slot is the programme's added capacity).
 * Returns `model` itself when the scenario adds nothing.
 */
export function applyScenarioToModel(model: Model, s: Scenario): Model {
  if (!s.adds.length) return model;
  const byDep = new Map<string, Scenario['adds']>();
  for (const a of s.adds) byDep.set(a.dependency, [...(byDep.get(a.dependency) ?? []), a]);
  const dependencies = model.dependencies.map((d): Dependency => {
    const adds = byDep.get(d.id);
    if (!adds) return d;
    const providers = [...d.providers];
    for (const a of adds) {
      const p = {
        provider: a.provider,
        share: a.share,
        quality: a.quality,
        leadTime: a.leadTime,
        cost: a.cost,
        cite: a.cite,
        estimate: true,
        ...(a.note ? { note: a.note } : {}),
        ...(a.at ? { at: a.at } : {}),
      };
      // Always a new slot: what the provider gives today (in use or as a substitute) is kept while
      // the programme is under way, and the programme's capacity comes on top once it is done.
      providers.push(p);
    }
    return { ...d, providers };
  });
  return { ...model, dependencies };
}

/** A scenario that runs `child`'s shocks on top of `base`'s (child settings win). */
export function extendScenario(base: Scenario, child: Scenario): Scenario {
  return {
    ...base,
    ...child,
    // Inherited shocks remember their origin, so they draw the same samples as in the base scenario.
    shocks: [...base.shocks.map((sh) => ({ ...sh, origin: sh.origin ?? base.id })), ...child.shocks],
    adds: [...base.adds, ...child.adds],
    cite: [...base.cite, ...child.cite],
  };
}
