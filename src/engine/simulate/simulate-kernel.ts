// The simulation kernel: node operability levels over discrete time steps, as defined in
// docs/methods.md ("Disruption over time"). Pure and allocation-bounded, over the compiled typed
// arrays, so the same function serves the CLI, the Monte Carlo worker threads and the server.
//
// Per step: shocks set own levels and link factors; levels are the greatest fixed point of
//   L_i = min(own_i, min_r 1 - c_r (1 - a_r)),  a_r = min(1, sum_p phi_p s_p q_p g_p L_prov(p))
// (buffers topping a_r up to its baseline while stock lasts), solved component by component in
// provider-first order and, inside a cyclic component, by iteration from above (monotone, bounded,
// hence convergent; we stop when no level moves by more than `tol`). Buffers, substitute clocks and
// stock are then updated from the step's availabilities (an explicit scheme in time).
import type { CompiledModel } from '../compile.js';
import type { EvaluationOrder } from './evaluation-order.js';
import { SHOCK_KIND, profileAt, type SimPlan } from './sim-plan.js';

/** The compiled arrays the kernel reads; Monte Carlo passes copies with sampled values. */
export type KernelModel = Pick<
  CompiledModel,
  | 'n'
  | 'reqOffsets'
  | 'reqNode'
  | 'provReq'
  | 'usedByOffsets'
  | 'usedBy'
  | 'provOffsets'
  | 'provNode'
  | 'reqCriticality'
  | 'reqBuffer'
  | 'provShare'
  | 'provQuality'
  | 'provLeadTime'
>;

export interface KernelOptions {
  /** Nodes whose results are recorded. */
  outNodes: Int32Array;
  /** Record the level of every output node at every step (outNodes.length * steps values). */
  series?: boolean;
  /** Convergence tolerance of the fixed-point iteration in cyclic components. */
  tol?: number;
  /** Iteration cap per cyclic component and step (a safety net; reported when hit). */
  maxIter?: number;
}

/** Raw kernel results for the output nodes, in outNodes order. Times in days; NaN = never. */
export interface KernelResult {
  /** Level with no shock (1 unless the model leaves a requirement under-covered). */
  baseline: Float64Array;
  min: Float64Array;
  /** Integral over the horizon of (baseline - level), in capability-days. */
  daysLost: Float64Array;
  /** Start of the first step where the level fell below baseline. */
  firstDrop: Float64Array;
  /** End of the last step below baseline, if the level was back at baseline by the horizon's end. */
  recoveredAt: Float64Array;
  /** Level at the last step. */
  final: Float64Array;
  series?: Float64Array;
  /** Largest number of sweeps any cyclic component needed in any step. */
  maxSweeps: number;
  /** Number of (component, step) pairs that hit maxIter before converging. */
  unconverged: number;
}

const EPS = 1e-9;
// Local copies of the shock kinds: read in the step loop, where a module binding costs a lookup.
const KIND_NODE = SHOCK_KIND.node;
const KIND_LINK = SHOCK_KIND.link;

/**
 * Runs one simulation of `plan` on `m`. `order` is `evaluationOrder(m)`, computed once per model.
 */
export function simulateKernel(
  m: KernelModel,
  order: EvaluationOrder,
  plan: SimPlan,
  options: KernelOptions,
): KernelResult {
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 100_000;
  const {
    n,
    reqOffsets,
    reqNode,
    provReq,
    usedByOffsets,
    usedBy,
    provOffsets,
    provNode,
    reqCriticality,
    reqBuffer,
    provShare,
    provQuality,
    provLeadTime,
  } = m;
  const R = reqOffsets[n];
  const P = provOffsets[R];
  const { dt, steps, substituteRamp } = plan;
  const out = options.outNodes;
  const K = out.length;

  const level = new Float64Array(n);
  const own = new Float64Array(n).fill(1);
  const g = new Float64Array(P).fill(1); // link factor
  // share x quality x link factor, kept in step with g; evaluated as ((share x quality) x g), the
  // same association as writing the product out, so the levels are the same to the bit.
  const sq = new Float64Array(P);
  for (let p = 0; p < P; p++) sq[p] = provShare[p] * provQuality[p];
  const w = Float64Array.from(sq);
  const xlead = new Float64Array(P); // extra lead time
  const base = new Float64Array(R); // baseline availability of in-use providers
  const clock = new Float64Array(R); // days the requirement has been short of its baseline
  const stock = Float64Array.from(reqBuffer);
  const lastInc = new Float64Array(R);
  const lastRaw = new Float64Array(R);
  let buffersOn = false;
  // Substitute slots (lead time > 0) of each requirement, in slot order: the only ones a clock moves.
  const subOffsets = new Int32Array(R + 1);
  for (let r = 0; r < R; r++) {
    let k = 0;
    for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) if (provLeadTime[p] > 0) k++;
    subOffsets[r + 1] = subOffsets[r] + k;
  }
  const subSlots = new Int32Array(subOffsets[R]);
  for (let r = 0, k = 0; r < R; r++)
    for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) if (provLeadTime[p] > 0) subSlots[k++] = p;
  let maxSweeps = 0;
  let unconverged = 0;

  // Share of substitute p counted after S days of shortfall.
  const phiOf = (S: number, p: number): number => {
    if (!(S > 0)) return 0;
    const due = provLeadTime[p] + xlead[p];
    if (substituteRamp > 0) {
      const phi = (S - due) / substituteRamp;
      return phi <= 0 ? 0 : phi >= 1 ? 1 : phi;
    }
    return S >= due ? 1 : 0;
  };
  // Availability of a requirement after its buffer, given raw availability `raw`.
  const covered = (r: number, raw: number, st: number): number => {
    let a = raw < 1 ? raw : 1;
    if (buffersOn) {
      const b = base[r];
      if (a < b - EPS && st > 0) {
        a += st / dt;
        if (a > b) a = b;
      }
    }
    return a;
  };

  // Requirements whose clock or stock is moving (in shortfall, draining, refilling or resetting).
  const active = new Int32Array(R);
  let nActive = 0;
  const isActive = new Uint8Array(R);
  const needsState = (r: number): boolean => {
    const b = base[r];
    const raw = lastRaw[r];
    return clock[r] > 0 || lastInc[r] < b - EPS || raw < b - EPS || (raw > b && stock[r] < reqBuffer[r]);
  };

  // Limit requirement r puts on its node at the current levels and state (no side effects).
  const limitOf = (r: number): number => {
    let raw = 0;
    const S = clock[r];
    for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) {
      const v = w[p] * level[provNode[p]];
      if (provLeadTime[p] <= 0) raw += v;
      else if (S > 0) {
        const phi = phiOf(S, p);
        if (phi > 0) raw += phi * v;
      }
    }
    return 1 - reqCriticality[r] * (1 - covered(r, raw, stock[r]));
  };

  // Limit each requirement put on its node when last evaluated, and whether an input of it (a
  // provider's level, a link factor, a lead time, its clock or stock) may have moved since.
  const limC = new Float64Array(R);
  const reqDirty = new Uint8Array(R).fill(1);

  // Limit of requirement r at the current levels and state, recording its availabilities.
  const evalReq = (r: number): number => {
    let inc = 0;
    let sub = 0;
    const S = clock[r];
    for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) {
      const v = w[p] * level[provNode[p]];
      if (provLeadTime[p] <= 0) inc += v;
      else if (S > 0) {
        const phi = phiOf(S, p);
        if (phi > 0) sub += phi * v;
      }
    }
    const raw = inc + sub;
    lastInc[r] = inc;
    lastRaw[r] = raw;
    if (buffersOn && !isActive[r] && needsState(r)) {
      isActive[r] = 1;
      active[nActive++] = r;
    }
    const lim = 1 - reqCriticality[r] * (1 - covered(r, raw, stock[r]));
    limC[r] = lim;
    reqDirty[r] = 0;
    return lim;
  };

  // Level of node i given current levels. A requirement none of whose inputs moved since it was
  // last evaluated would give the same limit, bit for bit, so its cached limit is used.
  const evalNode = (i: number): number => {
    let L = own[i];
    for (let r = reqOffsets[i]; r < reqOffsets[i + 1]; r++) {
      const lim = reqDirty[r] ? evalReq(r) : limC[r];
      if (lim < L) L = lim;
    }
    return L < 0 ? 0 : L;
  };

  // Dirty tracking: only components whose inputs changed are re-solved in a step. `up` marks a
  // component that received an increase, which forces a restart from above for a cyclic one.
  const { order: ord, offsets, cyclic } = order;
  const C = cyclic.length;
  const compOf = new Int32Array(n);
  for (let c = 0; c < C; c++) for (let k = offsets[c]; k < offsets[c + 1]; k++) compOf[ord[k]] = c;
  const dirtyComp = new Uint8Array(C);
  const upComp = new Uint8Array(C);
  const dirtyNode = new Uint8Array(n);
  const upNode = new Uint8Array(n);
  let lo = C;
  let hi = -1;
  const markDirty = (i: number, up: boolean) => {
    const c = compOf[i];
    dirtyComp[c] = 1;
    dirtyNode[i] = 1;
    if (up) {
      upComp[c] = 1;
      upNode[i] = 1;
    }
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  };
  const propagate = (i: number, up: boolean, skipComp: number) => {
    for (let k = usedByOffsets[i]; k < usedByOffsets[i + 1]; k++) {
      const r = provReq[usedBy[k]];
      reqDirty[r] = 1;
      const d = reqNode[r];
      if (compOf[d] !== skipComp) markDirty(d, up);
    }
  };
  // Requirements that node i provides for inside its own component, in usedBy order. Levels written
  // while a loop is solved mark only these; requirements outside it are marked by propagate once
  // the component is solved, if the level then differs from what they last saw.
  const loopUseOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let k = usedByOffsets[i]; k < usedByOffsets[i + 1]; k++)
      if (compOf[reqNode[provReq[usedBy[k]]]] === compOf[i]) m++;
    loopUseOffsets[i + 1] = loopUseOffsets[i] + m;
  }
  const loopUse = new Int32Array(loopUseOffsets[n]);
  for (let i = 0, m = 0; i < n; i++)
    for (let k = usedByOffsets[i]; k < usedByOffsets[i + 1]; k++) {
      const r = provReq[usedBy[k]];
      if (compOf[reqNode[r]] === compOf[i]) loopUse[m++] = r;
    }
  // A level written inside a loop: the requirements it provides for there must be evaluated afresh.
  const markUsers = (i: number) => {
    for (let k = loopUseOffsets[i]; k < loopUseOffsets[i + 1]; k++) reqDirty[loopUse[k]] = 1;
  };
  // Requirements with a provider in their own node's component (they may rise with the loop).
  const reqInLoop = new Uint8Array(R);
  for (let r = 0; r < R; r++) {
    const c = compOf[reqNode[r]];
    for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++)
      if (compOf[provNode[p]] === c) {
        reqInLoop[r] = 1;
        break;
      }
  }
  for (let c = 0; c < C; c++) {
    dirtyComp[c] = 1;
    upComp[c] = 1;
  }
  lo = 0;
  hi = C - 1;

  // Cyclic components: worklist iteration from above (own levels after an increase, else the
  // previous step's levels, which lie above the new greatest fixed point when inputs only fell).
  const queue = new Int32Array(n);
  const queued = new Uint8Array(n);
  const before = new Float64Array(n);
  // Nodes of component c that may rise after an increase: those marked up, and, closing over the
  // component from them, any dependant whose own level and requirements from outside the component
  // (which have not risen, or it would be marked up) leave it room above its current level. A member
  // held at or below such a cap cannot rise however its loop-mates move, so it keeps its level,
  // which is still an upper bound of the new greatest fixed point.
  const inU = new Uint8Array(n);
  const uList = new Int32Array(n);
  const risers = (c: number): number => {
    let m = 0;
    for (let k = offsets[c]; k < offsets[c + 1]; k++) {
      const i = ord[k];
      if (upNode[i]) {
        inU[i] = 1;
        uList[m++] = i;
      }
    }
    for (let h = 0; h < m; h++) {
      const u = uList[h];
      for (let k = loopUseOffsets[u]; k < loopUseOffsets[u + 1]; k++) {
        const j = reqNode[loopUse[k]];
        if (inU[j]) continue;
        let cap = own[j];
        for (let r = reqOffsets[j]; r < reqOffsets[j + 1] && cap > level[j]; r++) {
          if (!reqInLoop[r]) {
            const lim = limitOf(r);
            if (lim < cap) cap = lim;
          }
        }
        if (cap > level[j]) {
          inU[j] = 1;
          uList[m++] = j;
        }
      }
    }
    return m;
  };

  const solveCyclic = (c: number) => {
    const a = offsets[c];
    const b = offsets[c + 1];
    let restart = upComp[c] === 1;
    // After the first solve, restart from above only the members that may rise.
    let partial = restart && buffersOn;
    if (partial) risers(c);
    for (;;) {
      let head = 0;
      let tail = 0;
      for (let k = a; k < b; k++) {
        const i = ord[k];
        before[i] = level[i];
        const top = restart && (!partial || inU[i] === 1);
        if (top && level[i] !== own[i]) {
          level[i] = own[i];
          markUsers(i);
        }
        // Every member is evaluated once after an increase (its cached availabilities must see the
        // new levels of its providers); only the risers start from above.
        if (restart || dirtyNode[i]) {
          queue[tail++ % n] = i;
          queued[i] = 1;
        }
        dirtyNode[i] = 0;
      }
      let evals = 0;
      let raised = false;
      const cap = maxIter * (b - a);
      while (head !== tail) {
        const i = queue[head++ % n];
        queued[i] = 0;
        const v = evalNode(i);
        evals++;
        const d = level[i] - v;
        if (d < -tol) {
          raised = true;
          break;
        }
        if (d > 0) {
          level[i] = v;
          if (d > tol)
            for (let k = loopUseOffsets[i]; k < loopUseOffsets[i + 1]; k++) {
              const r = loopUse[k];
              reqDirty[r] = 1;
              const j = reqNode[r];
              if (!queued[j]) {
                queued[j] = 1;
                queue[tail++ % n] = j;
              }
            }
          else markUsers(i);
        }
        if (evals > cap) {
          unconverged++;
          break;
        }
      }
      // A rise means an input went up after all: start again from above, the whole component.
      if (raised && (!restart || partial)) {
        while (head !== tail) queued[queue[head++ % n]] = 0;
        for (let k = a; k < b; k++) {
          const i = ord[k];
          if (level[i] !== before[i]) {
            level[i] = before[i];
            markUsers(i);
          }
          dirtyNode[i] = 1;
        }
        restart = true;
        partial = false;
        continue;
      }
      const sweeps = Math.ceil(evals / (b - a));
      if (sweeps > maxSweeps) maxSweeps = sweeps;
      break;
    }
    for (let k = a; k < b; k++) {
      const i = ord[k];
      inU[i] = 0;
      upNode[i] = 0;
      if (level[i] !== before[i]) propagate(i, level[i] > before[i], c);
    }
  };

  const solve = () => {
    for (let c = lo; c <= hi; c++) {
      if (!dirtyComp[c]) continue;
      dirtyComp[c] = 0;
      if (cyclic[c]) solveCyclic(c);
      else {
        const i = ord[offsets[c]];
        dirtyNode[i] = 0;
        upNode[i] = 0;
        const old = level[i];
        const v = evalNode(i);
        if (v !== old) {
          level[i] = v;
          propagate(i, v > old, -1);
        }
      }
      upComp[c] = 0;
    }
    lo = C;
    hi = -1;
  };

  // Baseline: no shock, no substitutes, no buffers; every component solved from above.
  solve();
  for (let r = 0; r < R; r++) base[r] = lastInc[r] < 1 ? lastInc[r] : 1;
  const baseline = new Float64Array(K);
  for (let k = 0; k < K; k++) baseline[k] = level[out[k]];
  buffersOn = true;

  const min = Float64Array.from(baseline);
  const daysLost = new Float64Array(K);
  const firstDrop = new Float64Array(K).fill(NaN);
  const lastBelow = new Int32Array(K).fill(-1);
  const final = new Float64Array(K);
  const series = options.series ? new Float64Array(K * steps) : undefined;

  const S = plan.shockKind.length;
  const { targetOffsets, targets, shockKind, shockExtra } = plan;
  // Previous values of what shocks touch, to detect changes.
  const ownPrev = new Float64Array(n).fill(1);
  const gPrev = new Float64Array(P).fill(1);
  const xPrev = new Float64Array(P);
  // Profile value of each shock at the previous step (1 = no effect, the state before step 0). When
  // no shock's value moved, own levels, link factors and lead times are what they were, and the
  // passes over the targets are skipped.
  const vNow = new Float64Array(S);
  const vPrev = new Float64Array(S).fill(1);
  for (let t = 0; t < steps; t++) {
    const time = t * dt;
    let moved = false;
    for (let s = 0; s < S; s++) {
      const v = profileAt(plan, s, time);
      vNow[s] = v >= 1 ? 1 : v;
      if (!(vNow[s] === vPrev[s])) moved = true;
      vPrev[s] = vNow[s];
    }
    // Reset what shocks touched, apply every shock's current value, then mark what changed.
    if (moved) {
      for (let s = 0; s < S; s++) {
        const kind = shockKind[s];
        for (let k = targetOffsets[s]; k < targetOffsets[s + 1]; k++) {
          const x = targets[k];
          if (kind === KIND_NODE) own[x] = 1;
          else if (kind === KIND_LINK) g[x] = 1;
          else xlead[x] = 0;
        }
      }
      for (let s = 0; s < S; s++) {
        const v = vNow[s];
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
      for (let s = 0; s < S; s++) {
        const kind = shockKind[s];
        for (let k = targetOffsets[s]; k < targetOffsets[s + 1]; k++) {
          const x = targets[k];
          if (kind === KIND_NODE) {
            if (own[x] !== ownPrev[x]) {
              markDirty(x, own[x] > ownPrev[x]);
              ownPrev[x] = own[x];
            }
          } else if (kind === KIND_LINK) {
            if (g[x] !== gPrev[x]) {
              markDirty(reqNode[provReq[x]], g[x] > gPrev[x]);
              reqDirty[provReq[x]] = 1;
              gPrev[x] = g[x];
              w[x] = sq[x] * g[x];
            }
          } else if (xlead[x] !== xPrev[x]) {
            markDirty(reqNode[provReq[x]], xlead[x] < xPrev[x]);
            reqDirty[provReq[x]] = 1;
            xPrev[x] = xlead[x];
          }
        }
      }
    }

    solve();

    // Clocks and stock move; a requirement whose cover will differ next step marks its node.
    let kept = 0;
    for (let q = 0; q < nActive; q++) {
      const r = active[q];
      const b = base[r];
      const inc = lastInc[r] < 1 ? lastInc[r] : 1;
      const oldClock = clock[r];
      const newClock = inc < b - EPS ? oldClock + dt : 0;
      clock[r] = newClock;
      const raw = lastRaw[r];
      const a = raw < 1 ? raw : 1;
      const oldStock = stock[r];
      if (a < b - EPS) {
        const s = oldStock - (b - a) * dt;
        stock[r] = s > 0 ? s : 0;
      } else if (raw > b && oldStock < reqBuffer[r]) {
        const s = oldStock + (raw - b) * dt;
        stock[r] = s < reqBuffer[r] ? s : reqBuffer[r];
      }
      let changed = false;
      let up = false;
      if (newClock !== oldClock)
        for (let k = subOffsets[r]; k < subOffsets[r + 1]; k++) {
          const p = subSlots[k];
          const before = phiOf(oldClock, p);
          const after = phiOf(newClock, p);
          if (before !== after) {
            changed = true;
            if (after > before) up = true;
          }
        }
      if (stock[r] !== oldStock) {
        const before = covered(r, raw, oldStock);
        const after = covered(r, raw, stock[r]);
        if (before !== after) {
          changed = true;
          if (after > before) up = true;
        }
      }
      if (changed) {
        markDirty(reqNode[r], up);
        reqDirty[r] = 1;
      }
      if (needsState(r)) active[kept++] = r;
      else isActive[r] = 0;
    }
    nActive = kept;

    for (let k = 0; k < K; k++) {
      const L = level[out[k]];
      if (series) series[k * steps + t] = L;
      if (L < min[k]) min[k] = L;
      const gap = baseline[k] - L;
      if (gap > EPS) {
        daysLost[k] += gap * dt;
        if (Number.isNaN(firstDrop[k])) firstDrop[k] = time;
        lastBelow[k] = t;
      }
      if (t === steps - 1) final[k] = L;
    }
  }

  const recoveredAt = new Float64Array(K).fill(NaN);
  for (let k = 0; k < K; k++)
    if (lastBelow[k] >= 0 && lastBelow[k] < steps - 1) recoveredAt[k] = (lastBelow[k] + 1) * dt;
  const res: KernelResult = {
    baseline,
    min,
    daysLost,
    firstDrop,
    recoveredAt,
    final,
    maxSweeps,
    unconverged,
  };
  if (series) res.series = series;
  return res;
}
