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
//
// Only what changed is re-solved (docs/methods.md, "Incremental solving"): loops are swept over a
// worklist in provider order; after a decrease from the previous levels; after an increase by the
// lazy solve: in loops that the static bound of loop-rise-bound.ts shows unable to hold themselves
// down, one sweep both ways to a fixed point; elsewhere a clamped descent, an upward pass, and a
// search for sets of members that could still rise together (suspects, a bound on their joint
// rise, and otherwise a solve of them from above); the riser lift as fallback. Clocks and buffer
// stock are kept as start steps and trends, and checked only when a substitute's share or a
// buffer's cover can change. The reference kernel (reference-kernel.ts) re-solves everything from
// the top at every step, and the tests hold this one to it within the tolerance.
import type { CompiledModel } from '../compile.js';
import type { EvaluationOrder } from './evaluation-order.js';
import { SHOCK_KIND, applyShocks, profileAt, type SimPlan } from './sim-plan.js';
import { reorderBytes, reorderForKernel } from './reorder-for-kernel.js';
import { TypedArena } from '../typed-arena.js';
import { outcomeRecorder, type OutcomeRecorder } from './outcome-recorder.js';
import { loopsThatCannotRise, RISE_FLOOR } from './loop-rise-bound.js';

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
  /** Run on a copy numbered in evaluation order (same results; default: from 20,000 nodes). */
  reorder?: boolean;
  /** Called after each step with the steps done and the number of steps (for progress bars). */
  onStep?: (done: number, total: number) => void;
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
// Below this many nodes the kernel's arrays sit in cache anyway and renumbering costs more than
// it saves (Monte Carlo runs small models thousands of times); results are the same either way.
const REORDER_FROM = 20_000;
// Local copies of the shock kinds: read in the step loop, where a module binding costs a lookup.
const KIND_NODE = SHOCK_KIND.node;
const KIND_LINK = SHOCK_KIND.link;

/**
 * Runs one simulation of `plan` on `m`. `order` is `evaluationOrder(m)`, computed once per model.
 * The kernel works on a copy numbered in evaluation order (reorder-for-kernel.ts), for locality.
 */
export function simulateKernel(
  m: KernelModel,
  order: EvaluationOrder,
  plan: SimPlan,
  options: KernelOptions,
): KernelResult {
  // The run's working arrays, the renumbered copy's included, come from one arena (typed-arena.ts).
  const n = m.n;
  const R = m.reqOffsets[n];
  const P = m.provOffsets[R];
  const reorder = options.reorder ?? n >= REORDER_FROM;
  const bytes =
    kernelBytes(n, R, P, order.cyclic.length, plan.steps, plan.shockKind.length) +
    (reorder ? reorderBytes(n, R, P, plan.targets.length, plan.shockKind.length) : 0);
  const A = new TypedArena(bytes);
  const run = reorder
    ? (() => {
        const r = reorderForKernel(m, order, plan, options.outNodes, A);
        return kernelRun(r.m, r.order, r.plan, { ...options, outNodes: r.outNodes }, A);
      })()
    : kernelRun(m, order, plan, options, A);
  run.start();
  for (let t = 0; t < plan.steps; t++) {
    run.step(t);
    options.onStep?.(t + 1, plan.steps);
  }
  return run.result();
}

/**
 * A kernel run taken a step at a time: what `simulateKernel` drives in a loop, and what the
 * pipelined runner (pipeline-kernel.ts) drives for each segment of a model, feeding it the levels
 * of the nodes earlier segments solve.
 */
export interface KernelRun {
  /** Solves the baseline (no shock, no substitutes, no buffers). Called once, first. */
  start(): void;
  /** Runs step t; steps are run in turn from 0. */
  step(t: number): void;
  /**
   * Sets the level of feed node x (a node with no requirements whose level another run solves) for
   * the next solve: before `start`, its baseline level; before `step(t)`, its level at step t.
   */
  feed(x: number, v: number): void;
  /** The current levels (the kernel's own array: read, never written). */
  level: Float64Array;
  /** Exported nodes (options.exports) whose level moved in the last step: changed[0 .. changedCount()). */
  changed: Int32Array;
  changedCount(): number;
  result(): KernelResult;
}

/** What a segment run adds to the kernel's options (pipeline-kernel.ts). */
export interface SegmentHooks {
  /** 1 for nodes whose level later segments read: their moves are listed after each step. */
  exports?: Uint8Array;
}

/**
 * Bytes of the working arrays `kernelRun` takes from its arena: n nodes, R requirements, P slots, C
 * components, a horizon of `steps` and S shocks (an upper bound, with room for alignment).
 */
export function kernelBytes(n: number, R: number, P: number, C: number, steps: number, S: number): number {
  return 133 * n + 96 * R + 76 * P + 9 * C + 4 * steps + 24 * S + 4096;
}

/** A copy of `from` in the arena. */
function copyF64(A: TypedArena, from: Float64Array): Float64Array {
  const a = A.f64(from.length);
  a.set(from);
  return a;
}

/** A run of `plan` on `m` with its working arrays from `A`, started by `start()`. */
export function kernelRun(
  m: KernelModel,
  order: EvaluationOrder,
  plan: SimPlan,
  options: KernelOptions & SegmentHooks,
  A: TypedArena,
): KernelRun {
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

  const level = A.f64(n);
  const own = A.f64(n).fill(1);
  const g = A.f64(P).fill(1); // link factor
  // share x quality x link factor, kept in step with g; evaluated as ((share x quality) x g), the
  // same association as writing the product out, so the levels are the same to the bit.
  const sq = A.f64(P);
  for (let p = 0; p < P; p++) sq[p] = provShare[p] * provQuality[p];
  const w = copyF64(A, sq);
  const xlead = A.f64(P); // extra lead time
  const base = A.f64(R); // baseline availability of in-use providers
  // Step at the end of which the requirement's current shortfall began (-1: not short). Its clock,
  // the days it has been short of its baseline, is (t - shortSince) * dt during step t: kept as a
  // start rather than counted up, so a requirement in a long shortfall costs nothing per step.
  const shortSince = A.i32(R).fill(-1);
  let tNow = 0;
  const clockOf = (r: number): number => (shortSince[r] < 0 ? 0 : (tNow - shortSince[r]) * dt);
  // Stock of each requirement's buffer, as a trend from step stockT: stockVal then, changing by
  // stockRate per step (drain in a shortfall, refill above the baseline) within [0, buffer]. The
  // trend is set anew whenever the requirement is evaluated, the only time its availabilities, hence
  // its drain or refill, can change; so a draining buffer costs nothing per step.
  const stockVal = copyF64(A, reqBuffer);
  const stockT = A.i32(R);
  const stockRate = A.f64(R);
  const stockAt = (r: number, k: number): number => {
    const rate = stockRate[r];
    if (rate === 0) return stockVal[r];
    const s = stockVal[r] + rate * (k - stockT[r]);
    return s <= 0 ? 0 : s >= reqBuffer[r] ? reqBuffer[r] : s;
  };
  const lastInc = A.f64(R);
  const lastRaw = A.f64(R);
  let buffersOn = false;
  // Substitute slots (lead time > 0) of each requirement, in slot order: the only ones a clock moves.
  const subOffsets = A.i32(R + 1);
  for (let r = 0; r < R; r++) {
    let k = 0;
    for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) if (provLeadTime[p] > 0) k++;
    subOffsets[r + 1] = subOffsets[r] + k;
  }
  const subSlots = A.i32(subOffsets[R]);
  for (let r = 0, k = 0; r < R; r++)
    for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) if (provLeadTime[p] > 0) subSlots[k++] = p;
  // Requirements with a clock or stock to keep: a substitute slot or a buffer. Their availabilities
  // are recorded after each step; the others' matter only through their limits.
  const tracked = A.u8(R);
  for (let r = 0; r < R; r++) tracked[r] = subOffsets[r + 1] > subOffsets[r] || reqBuffer[r] > 0 ? 1 : 0;
  let maxSweeps = 0;
  let unconverged = 0;

  // Day each slot counts from once its requirement is short: lead time plus extra lead time,
  // updated when a shock moves the extra lead time.
  const dueOf = copyF64(A, provLeadTime);
  // Share of substitute p counted after S days of shortfall.
  const phiOf = (S: number, p: number): number => {
    if (!(S > 0)) return 0;
    const due = dueOf[p];
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

  // Tracked requirements evaluated in the current step to availabilities other than those last
  // seen, as bits with the range of indices set: the only ones whose shortfall can have begun or
  // ended (an unevaluated requirement's availabilities are what they were). They are settled after
  // the step in index order, which walks the per-requirement arrays forward.
  const evaluated = A.u32((R + 31) >>> 5);
  let evLo = R;
  let evHi = -1;
  // Availabilities each requirement had when its clock and trend were last set (a requirement
  // re-evaluated to the same ones is not listed).
  const rawSeen = A.f64(R);
  const incSeen = A.f64(R);
  // Whether requirement r's in-use providers fall short of its baseline (its clock runs).
  const isShort = (r: number): boolean => (lastInc[r] < 1 ? lastInc[r] : 1) < base[r] - EPS;

  // Limit each requirement put on its node when last evaluated, and whether an input of it (a
  // provider's level, a link factor, a lead time, its clock or stock) may have moved since.
  const limC = A.f64(R);
  const reqDirty = A.u8(R).fill(1);

  // Limit of requirement r at the current levels and state, left in limC[r], recording its
  // availabilities. (The hot evaluations leave their results in arrays rather than return them: a
  // number returned from a call V8 does not inline is boxed, one allocation per call.)
  const evalReq = (r: number): void => {
    let inc = 0;
    let sub = 0;
    const S = clockOf(r);
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
    if (tracked[r] && (raw !== rawSeen[r] || inc !== incSeen[r])) {
      evaluated[r >>> 5] |= 1 << (r & 31);
      if (r < evLo) evLo = r;
      if (r > evHi) evHi = r;
    }
    // covered(r, raw, stock), reading the stock only when the buffer is drawn on.
    let a = raw < 1 ? raw : 1;
    if (buffersOn) {
      const b = base[r];
      if (a < b - EPS) {
        const st = stockAt(r, tNow);
        if (st > 0) {
          a += st / dt;
          if (a > b) a = b;
        }
      }
    }
    limC[r] = 1 - reqCriticality[r] * (1 - a);
    reqDirty[r] = 0;
  };

  // Level of node i given current levels, left in value[0]. A requirement none of whose inputs
  // moved since it was last evaluated would give the same limit, bit for bit, so its cached limit
  // is used.
  const value = A.f64(1);
  const evalNode = (i: number): void => {
    let L = own[i];
    for (let r = reqOffsets[i]; r < reqOffsets[i + 1]; r++) {
      if (reqDirty[r]) evalReq(r);
      const lim = limC[r];
      if (lim < L) L = lim;
    }
    value[0] = L < 0 ? 0 : L;
  };

  // Dirty tracking: only components whose inputs changed are re-solved in a step. `up` marks a
  // component that received an increase, which forces a restart from above of the members that may
  // rise. Inside a cyclic component, the members to evaluate are kept as bits over their positions
  // in the evaluation order, so the worklist is swept in that order (providers before dependants,
  // apart from the loops' back edges) rather than first-come, first-served.
  const { order: ord, offsets, cyclic } = order;
  const C = cyclic.length;
  const compOf = A.i32(n);
  const pos = A.i32(n);
  for (let c = 0; c < C; c++)
    for (let k = offsets[c]; k < offsets[c + 1]; k++) {
      compOf[ord[k]] = c;
      pos[ord[k]] = k;
    }
  // Loops where no set of members can hold itself down (loop-rise-bound.ts): there any fixed point
  // the iteration reaches after an increase is within the bound's floor of the greatest.
  const cannotRise = loopsThatCannotRise(m, order, compOf, A);
  // Exported nodes (a segment run's, read by later segments) whose level moved in the step.
  const isExport = options.exports ?? A.u8(n);
  let nExports = 0;
  for (let i = 0; i < n; i++) nExports += isExport[i];
  const changed = A.i32(nExports);
  let nChanged = 0;
  // Components to solve in the current step, as bits: solved in increasing order, and a component
  // marks only later ones while it is solved.
  const dirtyComp = A.u32((C + 31) >>> 5);
  const upComp = A.u8(C);
  const pending = A.u32((n + 31) >>> 5);
  const upNode = A.u8(n);
  let lo = C;
  let hi = -1;
  const markDirty = (i: number, up: boolean) => {
    const c = compOf[i];
    dirtyComp[c >>> 5] |= 1 << (c & 31);
    if (cyclic[c]) pending[pos[i] >>> 5] |= 1 << (pos[i] & 31);
    if (up) {
      upComp[c] = 1;
      upNode[i] = 1;
    }
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  };
  // Whether an increase of requirement r's availability may raise its node: only if r held the
  // node at its level at the start of the step (its limit then within tol of the level). Its cached
  // limit is that limit, or, if it went stale in an earlier step, lies below it (a provider rose
  // without waking it) or above it by at most tol (a provider fell by at most tol). A requirement
  // above its node's level stays above it as it rises, so the node is marked for evaluation but
  // not as rising; should it rise after all, the sweep that evaluates it sees the rise and solves
  // from above (docs/methods.md, "Incremental solving").
  const mayRaise = (r: number): boolean => limC[r] <= level[reqNode[r]] + tol;
  // A level moved once its component is solved: the requirements it provides for in later
  // components must be evaluated afresh (those inside its own loop were marked as it moved).
  const propagate = (i: number, up: boolean) => {
    if (isExport[i]) changed[nChanged++] = i;
    for (let k = outUseOffsets[i]; k < outUseOffsets[i + 1]; k++) {
      const r = outUse[k];
      markDirty(reqNode[r], up && mayRaise(r));
      reqDirty[r] = 1;
    }
  };
  // Requirements that node i provides for inside its own component, in usedBy order. Levels written
  // while a loop is solved mark only these; requirements outside it are marked by propagate once
  // the component is solved, if the level then differs from what they last saw.
  const loopUseOffsets = A.i32(n + 1);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let k = usedByOffsets[i]; k < usedByOffsets[i + 1]; k++)
      if (compOf[reqNode[provReq[usedBy[k]]]] === compOf[i]) m++;
    loopUseOffsets[i + 1] = loopUseOffsets[i] + m;
  }
  const loopUse = A.i32(loopUseOffsets[n]);
  // The others, in usedBy order: requirements of nodes in later components.
  const outUseOffsets = A.i32(n + 1);
  for (let i = 0; i < n; i++)
    outUseOffsets[i + 1] =
      outUseOffsets[i] +
      (usedByOffsets[i + 1] - usedByOffsets[i]) -
      (loopUseOffsets[i + 1] - loopUseOffsets[i]);
  const outUse = A.i32(outUseOffsets[n]);
  for (let i = 0, m = 0, o = 0; i < n; i++)
    for (let k = usedByOffsets[i]; k < usedByOffsets[i + 1]; k++) {
      const r = provReq[usedBy[k]];
      if (compOf[reqNode[r]] === compOf[i]) loopUse[m++] = r;
      else outUse[o++] = r;
    }
  // A level written inside a loop: the requirements it provides for there must be evaluated afresh.
  const markUsers = (i: number) => {
    for (let k = loopUseOffsets[i]; k < loopUseOffsets[i + 1]; k++) reqDirty[loopUse[k]] = 1;
  };
  // Requirements with a provider in their own node's component (they may rise with the loop).
  const reqInLoop = A.u8(R);
  for (let r = 0; r < R; r++) {
    const c = compOf[reqNode[r]];
    for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++)
      if (compOf[provNode[p]] === c) {
        reqInLoop[r] = 1;
        break;
      }
  }
  for (let c = 0; c < C; c++) {
    dirtyComp[c >>> 5] |= 1 << (c & 31);
    upComp[c] = 1;
  }
  lo = 0;
  hi = C - 1;

  // Cyclic components: iteration from above (own levels after an increase, else the previous
  // step's levels, which lie above the new greatest fixed point when inputs only fell).
  const before = A.f64(n);
  // Members whose level was written in the current solve, with their level before it.
  const touched = A.i32(n);
  const isTouched = A.u8(n);
  let nTouched = 0;
  const touch = (i: number) => {
    if (!isTouched[i]) {
      isTouched[i] = 1;
      before[i] = level[i];
      touched[nTouched++] = i;
    }
  };

  const push = (i: number) => {
    pending[pos[i] >>> 5] |= 1 << (pos[i] & 31);
  };
  // Start member i from above (`top`, an upper bound of its new level), and evaluate it.
  const lift = (i: number, top: number) => {
    touch(i);
    const old = level[i];
    if (old !== top) {
      level[i] = top;
      markUsers(i);
      // Below its previous level (only from the top, after an input outside the loop fell): its
      // dependants in the loop must see the fall, as they would had it come down in the iteration.
      if (top < old)
        for (let k = loopUseOffsets[i]; k < loopUseOffsets[i + 1]; k++) push(reqNode[loopUse[k]]);
    }
    push(i);
  };
  // Nodes of component c that may rise after an increase. First a superset, closed over the
  // component: the members marked up, and any dependant of a member whose own level and
  // requirements from outside the component (which have not risen, or it would be marked up) leave
  // it room above its current level. Then pruning: a member can rise only if every requirement that
  // holds it at its level (limit within tol of it) rises, hence only if each such requirement has
  // a provider that may rise; members held by a requirement none of whose providers is left in the
  // set (or by their own level) are removed, and their dependants in the set checked again, until
  // none is removed. What is left is the largest set closed under this rule, which contains every
  // member that rises. The others keep their levels, which bound their new ones from above.
  const inU = A.u8(n);
  const uList = A.i32(n);
  const topOf = A.f64(n);
  const pruneQueue = A.i32(n);
  const pruneQueued = A.u8(n);
  const cappedIn = A.i32(n);
  // Solve in which each member was last evaluated.
  const evalIn = A.i32(n);
  let solveId = 0;
  let solveNo = 0;
  // Current limit of requirement r (from the cache when none of its inputs moved).
  const limNow = (r: number): number => {
    if (reqDirty[r]) evalReq(r);
    return limC[r];
  };
  // Own level and limits of requirements from outside the loop (all final when the loop is solved);
  // stops early once at or below `floor`.
  const outsideCap = (j: number, floor: number): number => {
    let cap = own[j];
    for (let r = reqOffsets[j]; r < reqOffsets[j + 1] && cap > floor; r++) {
      if (!reqInLoop[r]) {
        const lim = limNow(r);
        if (lim < cap) cap = lim;
      }
    }
    return cap;
  };
  const risers = (c: number): number => {
    solveNo++;
    let m = 0;
    for (let k = offsets[c]; k < offsets[c + 1]; k++) {
      const i = ord[k];
      if (upNode[i]) {
        upNode[i] = 0;
        inU[i] = 1;
        uList[m++] = i;
      }
    }
    for (let h = 0; h < m; h++) {
      const u = uList[h];
      for (let k = loopUseOffsets[u]; k < loopUseOffsets[u + 1]; k++) {
        const r = loopUse[k];
        const j = reqNode[r];
        if (inU[j] || cappedIn[j] === solveNo) continue;
        // Only along a requirement that holds j at its level: were j to rise, each such requirement
        // would rise, so j is reached through one of them from where the increase came in.
        if (limNow(r) > level[j] + tol) continue;
        const cap = outsideCap(j, level[j]);
        if (cap > level[j]) {
          inU[j] = 1;
          uList[m++] = j;
        } else cappedIn[j] = solveNo; // the cap does not depend on the set: no need to look again
      }
    }
    const kept = pruneSet(uList, m, inU, topOf);
    // Each riser's start value, an upper bound of its new level, was left in topOf by its last
    // check, made after the last removal of any of its providers, hence against the final set.
    return kept;
  };

  // Lazy solve after an increase (see docs/methods.md): members whose evaluation came out above
  // their level in the clamped descent, for the upward pass.
  const riseList = A.i32(n);
  const inRise = A.u8(n);
  let nRise = 0;
  // Pending bits of the component at the start of a lazy solve, restored if it falls back.
  let savedPending = new Uint32Array(64);
  // Gain below which a requirement cannot carry a joint rise of its providers one for one.
  const GAIN = 0.999;
  // Requirements that can ever be that steep: criticality times the summed share x quality of their
  // providers inside the loop reaches GAIN (link factors and substitute shares only lower it).
  const canSteep = A.u8(R);
  const nodeCanSteep = A.u8(n);
  for (let r = 0; r < R; r++) {
    if (!reqInLoop[r]) continue;
    const c = compOf[reqNode[r]];
    let sum = 0;
    for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) if (compOf[provNode[p]] === c) sum += sq[p];
    if (reqCriticality[r] * sum >= GAIN) {
      canSteep[r] = 1;
      nodeCanSteep[reqNode[r]] = 1;
    }
  }

  // How a sweep treats a member whose evaluation differs from its level (see `sweep`).
  const DOWN = 0; // after decreases: a fall is written; a rise means an increase was missed
  const FROM_TOP = 1; // from above: a fall is written; a rise (rounding) is ignored
  const CLAMPED = 2; // clamped descent: a fall is written; a rise is held back in riseList
  const UP = 3; // upward pass: a rise is written; a fall means the start was not below the map
  // Both ways: a rise, or a fall beyond rounding, is written (in a loop the static bound settles,
  // where any fixed point it converges to is within the bound's floor of the greatest).
  const MIXED = 4;

  // Evaluates the pending members of the component at positions [a, b) in position order until
  // none is pending (Gauss-Seidel over a worklist), writing the moves `mode` allows and waking the
  // dependants of every member moved by more than tol. Returns false when it meets a move the mode
  // cannot take, or when the upward pass hits the iteration cap (nothing is then left pending).
  const sweep = (a: number, b: number, mode: number): boolean => {
    const wa = a >>> 5;
    const wb = (b - 1) >>> 5;
    const tail = (b - 1) & 31;
    const lastMask = tail === 31 ? 0xffffffff : (1 << (tail + 1)) - 1;
    const cap = maxIter * (b - a);
    const up = mode === UP || mode === MIXED;
    let evals = 0;
    let again = true;
    let ok = true;
    let capped = false;
    outer: while (again) {
      again = false;
      for (let w = wa; w <= wb; w++) {
        for (;;) {
          let x = pending[w];
          if (w === wb) x &= lastMask;
          if (x === 0) break;
          const t = 31 - Math.clz32(x & -x);
          pending[w] &= ~(1 << t);
          const i = ord[(w << 5) + t];
          evalNode(i);
          const v = value[0];
          evalIn[i] = solveId;
          evals++;
          // d > 0: the move the mode writes; d < -tol: the other way, beyond rounding.
          const d = up ? v - level[i] : level[i] - v;
          if (d < -tol) {
            if (mode === CLAMPED) {
              // Held at its level for now; the upward pass takes it from there.
              if (!inRise[i]) {
                inRise[i] = 1;
                riseList[nRise++] = i;
              }
              continue;
            }
            if (mode !== FROM_TOP && mode !== MIXED) {
              ok = false;
              break outer;
            }
          }
          if (d > 0 || (d < -tol && mode === MIXED)) {
            touch(i);
            level[i] = v;
            if (d > tol || d < -tol) {
              // A member that cannot rise (outside the riser set) and has not been evaluated in
              // this solve is at its fixed point with this provider at its level before the solve
              // (or waits for its own evaluation); while the provider stays at or above that level,
              // its level stands and its cached limit is only marked stale. In the upward pass
              // every dependant may rise.
              const wake = up || mode === FROM_TOP || v < before[i];
              for (let k = loopUseOffsets[i]; k < loopUseOffsets[i + 1]; k++) {
                const r = loopUse[k];
                reqDirty[r] = 1;
                const j = reqNode[r];
                if (wake || inU[j] === 1 || evalIn[j] === solveId) {
                  pending[pos[j] >>> 5] |= 1 << (pos[j] & 31);
                  if (pos[j] >>> 5 < w) again = true;
                }
              }
            } else markUsers(i);
          }
          if (evals > cap) {
            // The safety net: give up on this component for this step (reported). The upward
            // pass has then not reached a fixed point, and its caller falls back.
            unconverged++;
            capped = true;
            if (up) ok = false;
            break outer;
          }
        }
      }
    }
    if (!ok || capped) for (let w = wa; w <= wb; w++) pending[w] &= w === wb ? ~lastMask : 0;
    const sweeps = Math.ceil(evals / (b - a));
    if (sweeps > maxSweeps) maxSweeps = sweeps;
    return ok;
  };

  // Whether member j could lie below the greatest fixed point after the lazy solve: it has room
  // under its own level, and every requirement holding it at its level (limit within tol) has a
  // gain of at least GAIN from providers in the set that may have moved (flag `moved`).
  const suspect = (j: number): boolean => {
    // A member of such a set has a binding requirement (it is at a fixed point), all of them steep.
    if (!nodeCanSteep[j]) return false;
    const cap = level[j] + tol;
    if (own[j] <= cap) return false;
    for (let r = reqOffsets[j]; r < reqOffsets[j + 1]; r++) {
      const lim = limNow(r);
      if (lim > cap) continue;
      if (!canSteep[r]) return false;
      let gain = 0;
      const S = clockOf(r);
      for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) {
        if (!moved[provNode[p]]) continue;
        gain += provLeadTime[p] <= 0 ? w[p] : phiOf(S, p) * w[p];
      }
      if (reqCriticality[r] * gain < GAIN) return false;
    }
    // Binding requirements all steep, or none binding (not at a fixed point): suspect either way.
    return true;
  };
  const moved = A.u8(n);
  const inW = A.u8(n);
  // Removes from `list` (flags in `flag`) every member held at its level by its own level or by a
  // requirement within tol of its level none of whose providers is in the set, re-checking the
  // dependants of each removed member, until none is removed: the largest set closed under the
  // rule that a member can rise only if each requirement holding it at its level has a provider in
  // the set. Returns the new length. Leaves in tops[j], for each member kept, the least of its own
  // level and the limits of its requirements with no provider in the set: an upper bound of its new
  // level (its last check came after the last removal of any of its providers, so it is against
  // the final set).
  const pruneSet = (list: Int32Array, len: number, flag: Uint8Array, tops: Float64Array): number => {
    let qh = 0;
    let qt = 0;
    let queued = 0;
    for (let h = 0; h < len; h++) {
      pruneQueue[qt++] = list[h];
      pruneQueued[list[h]] = 1;
      queued++;
    }
    if (qt === n) qt = 0;
    while (queued > 0) {
      const j = pruneQueue[qh];
      qh = qh + 1 === n ? 0 : qh + 1;
      queued--;
      pruneQueued[j] = 0;
      if (!flag[j]) continue;
      let top = own[j];
      for (let r = reqOffsets[j]; r < reqOffsets[j + 1]; r++) {
        let fed = false;
        if (reqInLoop[r])
          for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++)
            if (flag[provNode[p]]) {
              fed = true;
              break;
            }
        if (!fed) {
          const lim = limNow(r);
          if (lim < top) top = lim;
        }
      }
      tops[j] = top < 0 ? 0 : top;
      if (top > level[j] + tol) continue;
      flag[j] = 0;
      for (let k = loopUseOffsets[j]; k < loopUseOffsets[j + 1]; k++) {
        const d = reqNode[loopUse[k]];
        if (flag[d] && !pruneQueued[d]) {
          pruneQueued[d] = 1;
          pruneQueue[qt] = d;
          qt = qt + 1 === n ? 0 : qt + 1;
          queued++;
        }
      }
    }
    let kept = 0;
    for (let h = 0; h < len; h++) if (flag[list[h]]) list[kept++] = list[h];
    return kept;
  };
  const bList = A.i32(n);
  const wList = A.i32(n);
  const topW = A.f64(n);
  // Bound on each member's share of the largest joint rise of the set in wList (docs/methods.md,
  // "Incremental solving"): were the set to rise, by Delta at most M >= RISE_FLOOR x tol, then
  // delta = Delta / M would satisfy delta_j <= 1 / RISE_FLOOR + c_r sum_p w_p phi_p delta_p for
  // every requirement r holding j at its level (providers in the set; each limit's slope in a
  // provider's level is at most c_r w_p phi_p, and a fixed point's members are within tol of their
  // limits), with delta = 1 at the member that rises most. Starting from 1, each pass of that map
  // gives a smaller bound on delta that still holds; once every member's bound is below 1, no
  // member can be the one that rises most, so the set cannot rise by RISE_FLOOR x tol or more.
  const riseBound = A.f64(n);
  const RISE_SLACK = 1 / RISE_FLOOR;
  const BELOW_ONE = 1 - 1e-9;
  // Evaluations of members' bounds allowed per member before giving up (the set is then solved).
  const BOUND_WORK = 8;
  // Bound on member j's share of a joint rise of the set flagged in inW, from its providers' bounds,
  // left in value[0].
  const riseBoundOf = (j: number): void => {
    const cap = level[j] + tol;
    if (own[j] <= cap) {
      value[0] = RISE_SLACK;
      return;
    }
    let bound = 1;
    for (let r = reqOffsets[j]; r < reqOffsets[j + 1]; r++) {
      if (limNow(r) > cap) continue;
      let sum = 0;
      const S = clockOf(r);
      for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) {
        const q = provNode[p];
        if (!inW[q]) continue;
        const x = riseBound[q];
        if (x > 0) sum += (provLeadTime[p] <= 0 ? w[p] : phiOf(S, p) * w[p]) * x;
      }
      const b = RISE_SLACK + reqCriticality[r] * sum;
      if (b < bound) bound = b;
    }
    value[0] = bound;
  };
  // Whether the bounds show that the set in wList (len members, flags in inW) cannot rise together
  // by RISE_FLOOR x tol or more: a worklist of members whose providers' bounds fell, until every
  // bound is below 1 (shown), no bound falls any further or the work allowance is spent (not shown).
  const noJointRise = (len: number): boolean => {
    let qh = 0;
    let qt = 0;
    let queued = 0;
    for (let h = 0; h < len; h++) {
      const j = wList[h];
      riseBound[j] = 1;
      pruneQueue[qt++] = j;
      pruneQueued[j] = 1;
      queued++;
    }
    if (qt === n) qt = 0;
    let high = len;
    let budget = BOUND_WORK * len;
    while (queued > 0 && high > 0 && budget-- > 0) {
      const j = pruneQueue[qh];
      qh = qh + 1 === n ? 0 : qh + 1;
      queued--;
      pruneQueued[j] = 0;
      const was = riseBound[j];
      riseBoundOf(j);
      const now = value[0];
      if (!(now < was)) continue;
      riseBound[j] = now;
      if (was >= BELOW_ONE && now < BELOW_ONE) high--;
      // A fall too small to matter is not passed on (a bound not lowered is still a bound).
      if (was - now < 1e-6) continue;
      for (let k = loopUseOffsets[j]; k < loopUseOffsets[j + 1]; k++) {
        const d = reqNode[loopUse[k]];
        if (inW[d] && !pruneQueued[d] && riseBound[d] >= BELOW_ONE) {
          pruneQueued[d] = 1;
          pruneQueue[qt] = d;
          qt = qt + 1 === n ? 0 : qt + 1;
          queued++;
        }
      }
    }
    while (queued > 0) {
      pruneQueued[pruneQueue[qh]] = 0;
      qh = qh + 1 === n ? 0 : qh + 1;
      queued--;
    }
    return high === 0;
  };

  // The members that received an increase, and every member they hold through a binding
  // requirement, closed over the loop (in bList, flagged in `moved`): the members that can end
  // above their present levels are among these (docs/methods.md). Returns their number.
  // (The lazy solve's loops are kept in functions of their own: a loop long enough to be compiled
  // while it runs would otherwise take the calls after it, not yet seen, into that code, and V8
  // would leave it again at each of them.)
  const increaseClosure = (a: number, b: number): number => {
    let m = 0;
    for (let k = a; k < b; k++)
      if (upNode[ord[k]]) {
        moved[ord[k]] = 1;
        bList[m++] = ord[k];
      }
    for (let q = 0; q < m; q++) {
      const u = bList[q];
      for (let k = loopUseOffsets[u]; k < loopUseOffsets[u + 1]; k++) {
        const r = loopUse[k];
        const j = reqNode[r];
        if (moved[j] || limNow(r) > level[j] + tol) continue;
        moved[j] = 1;
        bList[m++] = j;
      }
    }
    return m;
  };
  // After the upward pass, the set that could still rise (in wList, flagged in inW), given the m
  // members of the increase closure: suspects, then every member they hold up through a binding
  // requirement (among members that may have moved), pruned; empty when the bound shows that it
  // cannot rise. Clears the `moved` flags. Returns its size.
  const riseCandidates = (m: number): number => {
    for (let h = 0; h < nTouched; h++) moved[touched[h]] = 1;
    let nW = 0;
    for (let h = 0; h < m; h++)
      if (suspect(bList[h])) {
        inW[bList[h]] = 1;
        wList[nW++] = bList[h];
      }
    for (let h = 0; h < nTouched; h++) {
      const i = touched[h];
      if (!inW[i] && suspect(i)) {
        inW[i] = 1;
        wList[nW++] = i;
      }
    }
    for (let q = 0; q < nW; q++) {
      const u = wList[q];
      for (let k = loopUseOffsets[u]; k < loopUseOffsets[u + 1]; k++) {
        const r = loopUse[k];
        const j = reqNode[r];
        if (inW[j] || !moved[j] || limNow(r) > level[j] + tol) continue;
        inW[j] = 1;
        wList[nW++] = j;
      }
    }
    for (let h = 0; h < m; h++) moved[bList[h]] = 0;
    for (let h = 0; h < nTouched; h++) moved[touched[h]] = 0;
    // Pruned as the riser set is: a member that could rise has every binding requirement fed
    // by a member of the set; the largest set closed under that rule still contains them all.
    if (nW > 0) nW = pruneSet(wList, nW, inW, topW);
    // Most such sets cannot rise by more than the tolerance's reach: the bound shows it at a
    // fraction of the cost of solving them from above.
    if (nW > 0 && noJointRise(nW)) {
      for (let q = 0; q < nW; q++) inW[wList[q]] = 0;
      nW = 0;
    }
    return nW;
  };

  // After an increase, tries the cheap way. In a loop the static bound settles (cannotRise), a
  // sweep to any fixed point will do. Elsewhere: a descent with every rise held back (to the
  // greatest fixed point of min(F, current levels)), then an upward pass from there (to the least
  // fixed point above it). The result is the greatest fixed point unless a set of members could
  // rise together, carried one for one by requirements among themselves: such a set's members are
  // suspects and what they hold up, which the bound on a joint rise usually rules out, or else are
  // solved from above. Should a pass fail (a move it cannot take, or the iteration cap), the levels
  // and waiting members are put back as they were and the caller solves from above. Component c,
  // members at positions [a, b).
  const lazySolve = (c: number, a: number, b: number): boolean => {
    const wa = a >>> 5;
    const wb = (b - 1) >>> 5;
    if (savedPending.length < wb - wa + 1) savedPending = new Uint32Array(2 * (wb - wa + 1));
    for (let w = wa; w <= wb; w++) savedPending[w - wa] = pending[w];
    // In a loop that cannot hold itself down, any fixed point is within the static bound's floor
    // of the greatest: one sweep both ways, and no sets to look for. Elsewhere a clamped descent,
    // then an upward pass, then the search.
    const look = cannotRise[c] === 0;
    const m = look ? increaseClosure(a, b) : 0;
    if (look) {
      sweep(a, b, CLAMPED);
      for (let h = 0; h < nRise; h++) {
        const i = riseList[h];
        inRise[i] = 0;
        pending[pos[i] >>> 5] |= 1 << (pos[i] & 31);
      }
      nRise = 0;
    }
    let ok = sweep(a, b, look ? UP : MIXED);
    if (ok && look) {
      const nW = riseCandidates(m);
      if (nW > 0) {
        // Solve that set from above: each member from its bound left by the pruning (its own level
        // and the limits of its requirements with no provider in the set, at the levels reached,
        // which are the greatest fixed point's outside the set).
        for (let q = 0; q < nW; q++) lift(wList[q], topW[wList[q]]);
        for (let q = 0; q < nW; q++) inW[wList[q]] = 0;
        ok = sweep(a, b, DOWN);
      }
    } else {
      for (let h = 0; h < m; h++) moved[bList[h]] = 0;
    }
    if (ok) {
      if (look) for (let h = 0; h < m; h++) upNode[bList[h]] = 0;
      else for (let k = a; k < b; k++) upNode[ord[k]] = 0;
      return true;
    }
    for (let h = 0; h < nTouched; h++) {
      const i = touched[h];
      if (level[i] !== before[i]) {
        level[i] = before[i];
        markUsers(i);
      }
    }
    for (let w = wa; w <= wb; w++) pending[w] = savedPending[w - wa];
    return false;
  };

  const solveCyclic = (c: number) => {
    solveId++;
    const a = offsets[c];
    const b = offsets[c + 1];
    nTouched = 0;
    // The first solve starts every member from above; later ones only the members that may rise
    // after an increase, the others from their previous levels.
    let fromTop = upComp[c] === 1 && !buffersOn;
    let m = 0;
    let solved = false;
    if (fromTop) for (let k = a; k < b; k++) upNode[ord[k]] = 0;
    else if (upComp[c] === 1) {
      solved = lazySolve(c, a, b);
      if (!solved) {
        m = risers(c);
        for (let h = 0; h < m; h++) lift(uList[h], topOf[uList[h]]);
      }
    }
    while (!solved) {
      if (fromTop) for (let k = a; k < b; k++) lift(ord[k], own[ord[k]]);
      // A rise means an input went up after all: start again from above, the whole component.
      if (sweep(a, b, fromTop ? FROM_TOP : DOWN) || fromTop) break;
      fromTop = true;
    }
    for (let h = 0; h < m; h++) inU[uList[h]] = 0;
    for (let h = 0; h < nTouched; h++) {
      const i = touched[h];
      isTouched[i] = 0;
      if (level[i] !== before[i]) propagate(i, level[i] > before[i]);
      // Members not evaluated since this one moved (by at most tol, or while it cannot lift them)
      // still have their requirement's availabilities recorded for the clock and stock update.
      for (let k = loopUseOffsets[i]; k < loopUseOffsets[i + 1]; k++) {
        const r = loopUse[k];
        if (reqDirty[r] && tracked[r]) evalReq(r);
      }
    }
  };

  const solve = () => {
    // hi grows as components mark later ones; it is read again after each word.
    for (let w = lo >>> 5; hi >= 0 && w <= hi >>> 5; w++)
      for (;;) {
        const x = dirtyComp[w];
        if (x === 0) break;
        dirtyComp[w] = x & (x - 1);
        solveComponent((w << 5) + 31 - Math.clz32(x & -x));
      }
    lo = C;
    hi = -1;
  };
  const solveComponent = (c: number) => {
    if (cyclic[c]) solveCyclic(c);
    else {
      const i = ord[offsets[c]];
      upNode[i] = 0;
      const old = level[i];
      evalNode(i);
      const v = value[0];
      if (v !== old) {
        level[i] = v;
        propagate(i, v > old);
      }
    }
    upComp[c] = 0;
  };

  // Set by start(), from the baseline levels.
  let rec: OutcomeRecorder | undefined;

  const S = plan.shockKind.length;
  const { targetOffsets, targets, shockKind } = plan;
  // Previous values of what shocks touch, to detect changes.
  const ownPrev = A.f64(n).fill(1);
  const gPrev = A.f64(P).fill(1);
  const xPrev = A.f64(P);
  // Profile value of each shock at the previous step (1 = no effect, the state before step 0). When
  // no shock's value moved, own levels, link factors and lead times are what they were, and the
  // passes over the targets are skipped.
  const vNow = A.f64(S);
  const vPrev = A.f64(S).fill(1);
  // Checks: requirement r waits in the list of step nextCheck[r] (doubly linked through typed
  // arrays, so a check moved to another step leaves its old list) to be looked at after that step's
  // solve.
  const nextCheck = A.i32(R).fill(-1);
  const bucketHead = A.i32(steps).fill(-1);
  const nextInBucket = A.i32(R);
  const prevInBucket = A.i32(R);
  const unschedule = (r: number) => {
    const t = nextCheck[r];
    if (t < 0) return;
    const a = prevInBucket[r];
    const b = nextInBucket[r];
    if (a >= 0) nextInBucket[a] = b;
    else bucketHead[t] = b;
    if (b >= 0) prevInBucket[b] = a;
    nextCheck[r] = -1;
  };
  // Marks requirement r's node when a substitute's share or the buffer's cover will differ in step
  // t + 1 from step t, then schedules its next check: the first step after t at whose end a share
  // may change (the step its clock passes a substitute's due day, or the next one while it ramps
  // in) or its buffer's cover may (the step before the stock falls below one step's drain). An
  // early check costs a comparison; the comparison itself is of exact values.
  const check = (r: number, t: number) => {
    let changed = false;
    let up = false;
    let next = steps;
    const t0 = shortSince[r];
    if (t0 >= 0) {
      const oldClock = (t - t0) * dt;
      const newClock = (t + 1 - t0) * dt;
      for (let k = subOffsets[r]; k < subOffsets[r + 1]; k++) {
        const p = subSlots[k];
        const before = phiOf(oldClock, p);
        const after = phiOf(newClock, p);
        if (before !== after) {
          changed = true;
          if (after > before) up = true;
        }
        const due = dueOf[p];
        if (substituteRamp > 0 ? newClock >= due + substituteRamp : newClock > due) continue;
        let when = t0 + Math.floor(due / dt) - 1;
        if (when <= t) when = t + 1;
        if (when < next) next = when;
      }
    }
    const rate = stockRate[r];
    if (rate !== 0) {
      const raw = lastRaw[r];
      const sNow = stockAt(r, t);
      const sNext = stockAt(r, t + 1);
      const before = covered(r, raw, sNow);
      const after = covered(r, raw, sNext);
      if (before !== after) {
        changed = true;
        if (after > before) up = true;
      }
      if (rate < 0 && sNext > 0) {
        let when = t + Math.floor(sNext / -rate) - 1;
        if (when <= t) when = t + 1;
        if (when < next) next = when;
      }
    }
    if (changed) {
      markDirty(reqNode[r], up && mayRaise(r));
      reqDirty[r] = 1;
    }
    if (nextCheck[r] !== next) {
      unschedule(r);
      if (next < steps) {
        nextCheck[r] = next;
        const h = bucketHead[next];
        nextInBucket[r] = h;
        prevInBucket[r] = -1;
        if (h >= 0) prevInBucket[h] = r;
        bucketHead[next] = r;
      }
    }
  };
  // Shocks none of whose targets another shock of the same kind also acts on: while such a shock's
  // value holds, its targets keep theirs, and the passes over targets skip it (flag `skip`, set
  // each step).
  const skip = A.u8(S);
  const solo = A.u8(S).fill(1);
  {
    const byNode = A.i32(n).fill(-1);
    const bySlot = [A.i32(P).fill(-1), A.i32(P).fill(-1)];
    for (let s = 0; s < S; s++) {
      const seen = shockKind[s] === KIND_NODE ? byNode : bySlot[shockKind[s] === KIND_LINK ? 0 : 1];
      for (let k = targetOffsets[s]; k < targetOffsets[s + 1]; k++) {
        const x = targets[k];
        if (seen[x] >= 0 && seen[x] !== s) {
          solo[s] = 0;
          solo[seen[x]] = 0;
        } else seen[x] = s;
      }
    }
  }
  // Sets the clock and buffer trend of requirement r, evaluated in step t to availabilities other
  // than those last seen, and checks it, unless nothing a check reads moved: a clock that neither
  // started nor stopped, due days as they were and no trend before or after leave its schedule as
  // the last check set it (a share cannot change before the scheduled step, whose check is then
  // made from the step's list).
  const settle = (r: number, t: number) => {
    // Re-evaluated to the same availabilities: its clock, trend and checks stand as they are.
    if (lastRaw[r] === rawSeen[r] && lastInc[r] === incSeen[r]) return;
    // A shock moved a due day of r (marked by a NaN): it must be rescheduled.
    let reschedule = rawSeen[r] !== rawSeen[r];
    rawSeen[r] = lastRaw[r];
    incSeen[r] = lastInc[r];
    if (isShort(r)) {
      if (shortSince[r] < 0) {
        shortSince[r] = t;
        reschedule = true;
      }
    } else if (shortSince[r] >= 0) {
      // The clock goes back to 0: substitutes that counted stop counting.
      const S = clockOf(r);
      shortSince[r] = -1;
      reschedule = true;
      for (let k = subOffsets[r]; k < subOffsets[r + 1]; k++)
        if (phiOf(S, subSlots[k]) !== 0) {
          markDirty(reqNode[r], false);
          reqDirty[r] = 1;
          break;
        }
    }
    const st = stockAt(r, t);
    const b = base[r];
    const raw = lastRaw[r];
    const a = raw < 1 ? raw : 1;
    const rate =
      a < b - EPS ? (st > 0 ? -(b - a) * dt : 0) : raw > b && st < reqBuffer[r] ? (raw - b) * dt : 0;
    if (rate === 0 && stockRate[r] === 0 && !reschedule) return;
    stockVal[r] = st;
    stockT[r] = t;
    stockRate[r] = rate;
    check(r, t);
  };
  // Baseline: no shock, no substitutes, no buffers; every component solved from above.
  const start = () => {
    nChanged = 0;
    solve();
    for (let r = 0; r < R; r++) base[r] = lastInc[r] < 1 ? lastInc[r] : 1;
    rec = outcomeRecorder(level, out, steps, dt, options.series);
    buffersOn = true;
    rawSeen.set(lastRaw);
    incSeen.set(lastInc);
    evaluated.fill(0);
    evLo = R;
    evHi = -1;
    started = true;
  };
  // A feed node's level is its own level (it has no requirements): set like a node shock's.
  let started = false;
  const feed = (x: number, v: number) => {
    if (!started) own[x] = v;
    else if (v !== own[x]) {
      markDirty(x, v > own[x]);
      own[x] = v;
    }
  };
  const step = (t: number) => {
    nChanged = 0;
    const time = t * dt;
    let anyMoved = false;
    for (let s = 0; s < S; s++) {
      const v = profileAt(plan, s, time);
      vNow[s] = v >= 1 ? 1 : v;
      const moved = vNow[s] !== vPrev[s];
      if (moved) anyMoved = true;
      skip[s] = solo[s] && !moved ? 1 : 0;
      vPrev[s] = vNow[s];
    }
    // Reset what shocks touched, apply every shock's current value, then mark what changed.
    if (anyMoved) {
      applyShocks(plan, vNow, own, g, xlead, skip);
      for (let s = 0; s < S; s++) {
        if (skip[s]) continue;
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
              markDirty(reqNode[provReq[x]], g[x] > gPrev[x] && mayRaise(provReq[x]));
              reqDirty[provReq[x]] = 1;
              gPrev[x] = g[x];
              w[x] = sq[x] * g[x];
            }
          } else if (xlead[x] !== xPrev[x]) {
            markDirty(reqNode[provReq[x]], xlead[x] < xPrev[x] && mayRaise(provReq[x]));
            reqDirty[provReq[x]] = 1;
            // The due day moved: have the requirement listed after the step, to reschedule its
            // checks, even if its availabilities come out the same.
            rawSeen[provReq[x]] = NaN;
            xPrev[x] = xlead[x];
            dueOf[x] = provLeadTime[x] + xlead[x];
          }
        }
      }
    }

    solve();

    // Clocks and stock move; a requirement whose cover will differ next step marks its node.
    // Shortfalls begin and end, and buffers start or stop draining, only where a requirement was
    // evaluated. Otherwise a running clock matters only when it brings a substitute in (its due
    // day, then each step of its ramp), and a draining buffer only when it runs low; both are
    // scheduled.
    for (let w = evLo >>> 5; evHi >= 0 && w <= evHi >>> 5; w++) {
      let x = evaluated[w];
      if (x === 0) continue;
      evaluated[w] = 0;
      for (; x !== 0; x &= x - 1) settle((w << 5) + 31 - Math.clz32(x & -x), t);
    }
    evLo = R;
    evHi = -1;
    // What is left in step t's list was not checked above (a check moves it on or off the list).
    for (let r = bucketHead[t]; r >= 0;) {
      const after = nextInBucket[r];
      check(r, t);
      r = after;
    }
    tNow = t + 1;

    rec!.record(t, level);
  };

  return {
    start,
    step,
    feed,
    level,
    changed,
    changedCount: () => nChanged,
    result: () => rec!.result(maxSweeps, unconverged),
  };
}
