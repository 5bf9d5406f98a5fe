// Exposure: how much of each capability's requirement rests, directly or through its suppliers'
// suppliers, on nodes of one country. It is the absorption probability of a random walk down the
// supply chain (Kemeny & Snell, Finite Markov Chains, 1960, ch. III): from a node, pick one of its
// requirements with probability proportional to criticality, then one provider in use with
// probability proportional to share × quality; stop at a node of the chosen country (exposed) or at
// a node without requirements (not exposed). In the spirit of value-added trade measures that trace
// foreign content through input-output chains (Hummels, Ishii & Yi, J. Int. Econ. 54(1), 2001):
//   x(v) = 1                                        if country(v) = C
//   x(v) = Σ_r ω_r Σ_p π_p x(provider_p)            otherwise (0 for a node without requirements)
//   E(t) = Σ_r ω_r Σ_p π_p x(provider_p)            for a target t, whatever its own country
// with ω_r = c_r / Σ c (criticality-normalised) and π_p = s_p q_p / Σ s q over providers in use now.
// Loops: x is the least solution (Gauss–Seidel from 0 per strongly connected component); a walk
// that circles forever never reaches C, so a loop cannot make a node rest on itself.
import type { CompiledModel } from '../compile.js';
import type { PathStep } from './explain-path.js';
import { stronglyConnected } from './strongly-connected.js';
import { defaultTargets, resolveTargets } from './targets.js';

export interface ExposureOptions {
  /** Country code of the nodes exposure is measured on (e.g. "BY"). */
  on: string;
  /** Entity ids to report; default: capabilities (of `actor`, when given). */
  targets?: readonly string[];
  /** Keep only default targets of this country (e.g. "RU"). */
  actor?: string;
  /** Top contributing paths reported per target (default 5). */
  paths?: number;
  /** Top contributing nodes of country `on` reported per target (default 10). */
  contributors?: number;
  /** Convergence tolerance of the loop iterations (default 1e-12). */
  tolerance?: number;
}

export const EXPOSURE_DEFAULTS = { paths: 5, contributors: 10, tolerance: 1e-12 };

/** A chain from the target down to a node of the chosen country, and the share that flows along it. */
export interface ExposurePath {
  share: number;
  steps: PathStep[];
}

export interface TargetExposure {
  target: string;
  country: string | null;
  /** Share of the target's requirement resting on country `on`, 0..1. */
  exposure: number;
  /** The part of it through direct providers in `on`. */
  direct: number;
  /** Nodes of `on` it rests on, largest share first (shares sum to `exposure`, within tolerance). */
  contributors: { node: string; share: number }[];
  /** Heaviest simple paths to nodes of `on`, heaviest first. */
  paths: ExposurePath[];
}

export interface ExposureResult {
  on: string;
  actor: string | null;
  targets: TargetExposure[];
  /** Exposure of every node (x above), for colouring graphs. */
  nodeExposure: Float64Array;
}

/** Random-walk transition weights: per requirement ω_r, per provider slot π_p (0 for unused). */
export function exposureWeights(cm: CompiledModel): { omega: Float64Array; pi: Float64Array } {
  const R = cm.reqNode.length;
  const omega = new Float64Array(R);
  const pi = new Float64Array(cm.provNode.length);
  for (let v = 0; v < cm.n; v++) {
    let sc = 0;
    for (let r = cm.reqOffsets[v]; r < cm.reqOffsets[v + 1]; r++) sc += cm.reqCriticality[r];
    for (let r = cm.reqOffsets[v]; r < cm.reqOffsets[v + 1]; r++)
      omega[r] = sc > 0 ? cm.reqCriticality[r] / sc : 0;
  }
  for (let r = 0; r < R; r++) {
    const p0 = cm.provOffsets[r];
    const p1 = cm.provOffsets[r + 1];
    let inUse = 0;
    let all = 0;
    for (let p = p0; p < p1; p++) {
      const w = cm.provShare[p] * cm.provQuality[p];
      all += w;
      if (cm.provLeadTime[p] === 0) inUse += w;
    }
    // A requirement met only by substitutes rests on them.
    const onlySubs = inUse === 0;
    const total = onlySubs ? all : inUse;
    for (let p = p0; p < p1; p++)
      if (total > 0 && (onlySubs || cm.provLeadTime[p] === 0))
        pi[p] = (cm.provShare[p] * cm.provQuality[p]) / total;
  }
  return { omega, pi };
}

/**
 * Exposure of every target to the nodes of country `on`, with the nodes and paths it runs through.
 *
 * @example
 * exposure(compile(model), { on: 'BY', actor: 'RU' }).targets[0]; // { target: 'iskander', exposure: 0.42, ... }
 */
export function exposure(cm: CompiledModel, options: ExposureOptions): ExposureResult {
  const o = { ...EXPOSURE_DEFAULTS, ...options };
  if (!o.on) throw new RangeError('engine/exposure: option "on" (a country code) is required');
  let targets = options.targets ? resolveTargets(cm, options.targets, 'engine/exposure') : defaultTargets(cm);
  if (!options.targets && o.actor) targets = targets.filter((t) => cm.country[t] === o.actor);
  const { omega, pi } = exposureWeights(cm);
  const inC = (v: number) => cm.country[v] === o.on;

  // x for every node, component by component, providers first.
  const x = new Float64Array(cm.n);
  const value = (v: number) => {
    if (inC(v)) return 1;
    let s = 0;
    for (let r = cm.reqOffsets[v]; r < cm.reqOffsets[v + 1]; r++) {
      if (omega[r] === 0) continue;
      let a = 0;
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) a += pi[p] * x[cm.provNode[p]];
      s += omega[r] * a;
    }
    return s;
  };
  const all = Array.from({ length: cm.n }, (_, i) => i);
  const edges = (u: number, visit: (v: number) => void) => {
    if (inC(u)) return;
    for (let r = cm.reqOffsets[u]; r < cm.reqOffsets[u + 1]; r++)
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++)
        if (pi[p] > 0 && omega[r] > 0) visit(cm.provNode[p]);
  };
  for (const comp of stronglyConnected(cm.n, all, edges)) {
    if (comp.length === 1) {
      let self = false;
      edges(comp[0], (v) => (self ||= v === comp[0]));
      if (!self) {
        x[comp[0]] = value(comp[0]);
        continue;
      }
    }
    // Gauss–Seidel from 0: increases monotonically to the least solution.
    for (let it = 0; it < 100_000; it++) {
      let delta = 0;
      for (const v of comp) {
        const nv = value(v);
        delta = Math.max(delta, Math.abs(nv - x[v]));
        x[v] = nv;
      }
      if (delta <= o.tolerance) break;
    }
  }

  const result = targets.map((t): TargetExposure => {
    let e = 0;
    let direct = 0;
    for (let r = cm.reqOffsets[t]; r < cm.reqOffsets[t + 1]; r++)
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) {
        const f = omega[r] * pi[p];
        e += f * x[cm.provNode[p]];
        if (inC(cm.provNode[p])) direct += f;
      }
    return {
      target: cm.ids[t],
      country: cm.country[t],
      exposure: e,
      direct,
      contributors: contributors(cm, t, omega, pi, inC, x, o.tolerance).slice(0, o.contributors),
      paths: topPaths(cm, t, omega, pi, inC, o.paths),
    };
  });
  return { on: o.on, actor: o.actor ?? null, targets: result, nodeExposure: x };
}

/** Where the target's walk is absorbed: push its mass down until what is left is below tolerance. */
function contributors(
  cm: CompiledModel,
  t: number,
  omega: Float64Array,
  pi: Float64Array,
  inC: (v: number) => boolean,
  x: Float64Array,
  tolerance: number,
): { node: string; share: number }[] {
  const residual = new Map<number, number>();
  const absorbed = new Map<number, number>();
  const queue: number[] = [];
  const push = (v: number, m: number) => {
    if (x[v] === 0) return; // rests on nothing in C: the walk never gets there
    if (inC(v)) {
      absorbed.set(v, (absorbed.get(v) ?? 0) + m);
      return;
    }
    const before = residual.get(v) ?? 0;
    residual.set(v, before + m);
    if (before === 0) queue.push(v);
  };
  const spread = (v: number, m: number) => {
    for (let r = cm.reqOffsets[v]; r < cm.reqOffsets[v + 1]; r++)
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) {
        const f = omega[r] * pi[p];
        if (f > 0) push(cm.provNode[p], m * f);
      }
  };
  spread(t, 1);
  const floor = tolerance * 1e-3;
  for (let h = 0, budget = 5_000_000; h < queue.length && budget > 0; h++, budget--) {
    const v = queue[h];
    const m = residual.get(v)!;
    residual.set(v, 0);
    if (m > floor) spread(v, m);
  }
  return [...absorbed]
    .map(([v, share]) => ({ v, share }))
    .sort((a, b) => b.share - a.share || a.v - b.v)
    .map(({ v, share }) => ({ node: cm.ids[v], share }));
}

interface Partial {
  node: number;
  weight: number;
  slot: number;
  parent: Partial | null;
}

/** The k heaviest simple paths from t to nodes in C (best-first: weights only shrink along a path). */
function topPaths(
  cm: CompiledModel,
  t: number,
  omega: Float64Array,
  pi: Float64Array,
  inC: (v: number) => boolean,
  k: number,
): ExposurePath[] {
  const out: ExposurePath[] = [];
  if (k <= 0) return out;
  const heap: Partial[] = [{ node: t, weight: 1, slot: -1, parent: null }];
  const up = (i: number) => {
    while (i > 0) {
      const j = (i - 1) >> 1;
      if (heap[j].weight >= heap[i].weight) break;
      [heap[i], heap[j]] = [heap[j], heap[i]];
      i = j;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && heap[l].weight > heap[m].weight) m = l;
      if (r < heap.length && heap[r].weight > heap[m].weight) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let expansions = 0; heap.length && out.length < k && expansions < 200_000; expansions++) {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      down(0);
    }
    if (top.node !== t && inC(top.node)) {
      const steps: PathStep[] = [];
      for (let q: Partial | null = top; q && q.parent; q = q.parent) {
        const r = cm.provReq[q.slot];
        steps.push({ node: cm.ids[cm.reqNode[r]], dependency: cm.reqId[r], provider: cm.ids[q.node] });
      }
      out.push({ share: top.weight, steps: steps.reverse() });
      continue;
    }
    for (let r = cm.reqOffsets[top.node]; r < cm.reqOffsets[top.node + 1]; r++)
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) {
        const f = omega[r] * pi[p];
        const v = cm.provNode[p];
        if (f === 0) continue;
        let onPath = false;
        for (let q: Partial | null = top; q; q = q.parent) if (q.node === v) onPath = true;
        if (onPath) continue;
        heap.push({ node: v, weight: top.weight * f, slot: p, parent: top });
        up(heap.length - 1);
      }
  }
  return out;
}
