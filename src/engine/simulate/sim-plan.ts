// The compiled form of a scenario that the simulation kernel runs: time grid, and shocks as
// piecewise-linear profiles over absolute days with the nodes or provider slots they act on.
// Plain typed arrays, so a plan crosses to a worker thread by structured clone.

/** How a shock acts on its targets. */
export const SHOCK_KIND = {
  /** Caps the own level of target nodes at the profile value. */
  node: 0,
  /** Multiplies what target provider slots deliver by the profile value. */
  link: 1,
  /** While the profile is below 1, adds `extra` days to the lead time of target provider slots. */
  lead: 2,
} as const;

export interface SimPlan {
  /** Step length in days. */
  dt: number;
  /** Number of steps; step k covers days [k*dt, (k+1)*dt). */
  steps: number;
  /** Days over which a substitute ramps from nothing to its full share once its lead time has passed (0 = at once). */
  substituteRamp: number;
  /** Per shock: a SHOCK_KIND value. */
  shockKind: Uint8Array;
  /** Per shock: extra lead time in days (kind `lead`). */
  shockExtra: Float64Array;
  /** Profile of shock s: points (profTime[k], profValue[k]) for k in [profOffsets[s], profOffsets[s+1]); value 1 before the first point, the last value after the last. */
  profOffsets: Int32Array;
  profTime: Float64Array;
  profValue: Float64Array;
  /** Targets of shock s: node indices (kind `node`) or provider slots (kinds `link`, `lead`). */
  targetOffsets: Int32Array;
  targets: Int32Array;
}

/** A plan with no shock: the baseline run. */
export function emptyPlan(steps: number, dt = 1): SimPlan {
  return {
    dt,
    steps,
    substituteRamp: 0,
    shockKind: new Uint8Array(0),
    shockExtra: new Float64Array(0),
    profOffsets: new Int32Array(1),
    profTime: new Float64Array(0),
    profValue: new Float64Array(0),
    targetOffsets: new Int32Array(1),
    targets: new Int32Array(0),
  };
}

/** Value of shock `s`'s profile at day `t` (1 before the first point; linear between points; jumps where two points share a time). */
export function profileAt(plan: SimPlan, s: number, t: number): number {
  const a = plan.profOffsets[s];
  const b = plan.profOffsets[s + 1];
  if (a === b || t < plan.profTime[a]) return 1;
  let k = a;
  while (k + 1 < b && plan.profTime[k + 1] <= t) k++;
  if (k + 1 === b) return plan.profValue[k];
  const t0 = plan.profTime[k];
  const t1 = plan.profTime[k + 1];
  const v0 = plan.profValue[k];
  return v0 + ((plan.profValue[k + 1] - v0) * (t - t0)) / (t1 - t0);
}

/**
 * Sets what shocks act on from their current values (`value[s]` for shock s, 1 = no effect): the
 * own levels of target nodes, and the link factors and extra lead times of target provider slots.
 * Each shock's targets are reset (1, 1, 0), then every value below 1 applied; where shocks overlap,
 * the lowest value and the longest extra lead time hold. Shocks with `skip[s]` set are passed over
 * (the kernel skips those whose value did not move and whose targets no other shock shares).
 */
export function applyShocks(
  plan: Pick<SimPlan, 'shockKind' | 'shockExtra' | 'targetOffsets' | 'targets'>,
  value: ArrayLike<number>,
  own: Float64Array,
  g: Float64Array,
  xlead: Float64Array,
  skip?: Uint8Array,
): void {
  const { shockKind, shockExtra, targetOffsets, targets } = plan;
  const S = shockKind.length;
  for (let s = 0; s < S; s++) {
    if (skip?.[s]) continue;
    const kind = shockKind[s];
    for (let k = targetOffsets[s]; k < targetOffsets[s + 1]; k++) {
      const x = targets[k];
      if (kind === KIND_NODE) own[x] = 1;
      else if (kind === KIND_LINK) g[x] = 1;
      else xlead[x] = 0;
    }
  }
  for (let s = 0; s < S; s++) {
    if (skip?.[s]) continue;
    const v = value[s];
    if (v >= 1) continue;
    const kind = shockKind[s];
    for (let k = targetOffsets[s]; k < targetOffsets[s + 1]; k++) {
      const x = targets[k];
      if (kind === KIND_NODE) {
        if (v < own[x]) own[x] = v;
      } else if (kind === KIND_LINK) {
        if (v < g[x]) g[x] = v;
      } else if (shockExtra[s] > xlead[x]) xlead[x] = shockExtra[s];
    }
  }
}
const KIND_NODE = SHOCK_KIND.node;
const KIND_LINK = SHOCK_KIND.link;

/** A shock before compilation into a plan: kind, profile points (absolute days), targets. */
export interface PlanShock {
  kind: (typeof SHOCK_KIND)[keyof typeof SHOCK_KIND];
  points: [number, number][];
  targets: ArrayLike<number>;
  extra?: number;
}

/** Packs shocks into a plan's flat arrays. */
export function buildPlan(
  shocks: PlanShock[],
  grid: { steps: number; dt: number; substituteRamp?: number },
): SimPlan {
  const P = shocks.reduce((s, x) => s + x.points.length, 0);
  const T = shocks.reduce((s, x) => s + x.targets.length, 0);
  const plan: SimPlan = {
    dt: grid.dt,
    steps: grid.steps,
    substituteRamp: grid.substituteRamp ?? 0,
    shockKind: new Uint8Array(shocks.length),
    shockExtra: new Float64Array(shocks.length),
    profOffsets: new Int32Array(shocks.length + 1),
    profTime: new Float64Array(P),
    profValue: new Float64Array(P),
    targetOffsets: new Int32Array(shocks.length + 1),
    targets: new Int32Array(T),
  };
  let pp = 0;
  let tp = 0;
  shocks.forEach((s, i) => {
    plan.shockKind[i] = s.kind;
    plan.shockExtra[i] = s.extra ?? 0;
    for (const [t, v] of s.points) {
      plan.profTime[pp] = t;
      plan.profValue[pp++] = Math.min(1, Math.max(0, v));
    }
    plan.profOffsets[i + 1] = pp;
    for (let k = 0; k < s.targets.length; k++) plan.targets[tp++] = s.targets[k];
    plan.targetOffsets[i + 1] = tp;
  });
  return plan;
}
