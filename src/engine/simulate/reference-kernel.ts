// The simulation's semantics written out plainly (docs/methods.md, "Disruption over time"): at every
// step every component is solved again from above, and clocks and stock are counted up step by
// step. Much slower than simulate-kernel.ts, which re-solves only what changed; it is the oracle the
// kernel is tested against and the reference its benchmark is timed against.
import type { EvaluationOrder } from './evaluation-order.js';
import type { KernelModel, KernelOptions, KernelResult } from './simulate-kernel.js';
import { applyShocks, profileAt, type SimPlan } from './sim-plan.js';
import { outcomeRecorder } from './outcome-recorder.js';

const EPS = 1e-9;

/**
 * Runs `plan` on `m` re-solving everything from above at every step; same inputs and outputs as
 * `simulateKernel`, whose results agree with it to within the tolerance.
 */
export function referenceKernel(
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

  const level = new Float64Array(n);
  const own = new Float64Array(n).fill(1);
  const g = new Float64Array(P).fill(1); // link factor
  const xlead = new Float64Array(P); // extra lead time
  const base = new Float64Array(R); // baseline availability of in-use providers
  const clock = new Float64Array(R); // days the requirement has been short of its baseline
  const stock = Float64Array.from(reqBuffer);
  const lastInc = new Float64Array(R);
  const lastRaw = new Float64Array(R);
  let buffersOn = false;
  let maxSweeps = 0;
  let unconverged = 0;

  // Level of node i given current levels, recording each requirement's availabilities.
  const evalNode = (i: number): number => {
    let L = own[i];
    for (let r = reqOffsets[i]; r < reqOffsets[i + 1]; r++) {
      let inc = 0;
      let sub = 0;
      const S = clock[r];
      for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) {
        const lead = provLeadTime[p];
        const v = provShare[p] * provQuality[p] * g[p] * level[provNode[p]];
        if (lead <= 0) inc += v;
        else if (S > 0) {
          const due = lead + xlead[p];
          if (substituteRamp > 0) {
            const phi = (S - due) / substituteRamp;
            if (phi > 0) sub += phi >= 1 ? v : phi * v;
          } else if (S >= due) sub += v;
        }
      }
      const raw = inc + sub;
      lastInc[r] = inc;
      lastRaw[r] = raw;
      let a = raw < 1 ? raw : 1;
      if (buffersOn) {
        const b = base[r];
        if (a < b - EPS && stock[r] > 0) {
          a += stock[r] / dt;
          if (a > b) a = b;
        }
      }
      const lim = 1 - reqCriticality[r] * (1 - a);
      if (lim < L) L = lim;
    }
    return L < 0 ? 0 : L;
  };

  const { order: ord, offsets, cyclic } = order;
  const C = cyclic.length;
  const solve = () => {
    for (let c = 0; c < C; c++) {
      const a = offsets[c];
      const b = offsets[c + 1];
      if (!cyclic[c]) {
        const i = ord[a];
        level[i] = evalNode(i);
        continue;
      }
      for (let k = a; k < b; k++) level[ord[k]] = own[ord[k]];
      let sweeps = 0;
      for (;;) {
        let delta = 0;
        for (let k = a; k < b; k++) {
          const i = ord[k];
          const v = evalNode(i);
          const d = level[i] - v;
          if (d > delta) delta = d;
          if (v < level[i]) level[i] = v;
        }
        sweeps++;
        if (delta <= tol) break;
        if (sweeps >= maxIter) {
          unconverged++;
          break;
        }
      }
      if (sweeps > maxSweeps) maxSweeps = sweeps;
    }
  };

  // Baseline: no shock, no substitutes, no buffers.
  solve();
  for (let r = 0; r < R; r++) base[r] = lastInc[r] < 1 ? lastInc[r] : 1;
  const rec = outcomeRecorder(level, out, steps, dt, options.series);
  buffersOn = true;

  const S = plan.shockKind.length;
  const value = new Float64Array(S);
  for (let t = 0; t < steps; t++) {
    const time = t * dt;
    // Reset what shocks touched, then apply every shock's current value.
    for (let s = 0; s < S; s++) value[s] = profileAt(plan, s, time);
    applyShocks(plan, value, own, g, xlead);

    solve();

    for (let r = 0; r < R; r++) {
      const b = base[r];
      const inc = lastInc[r] < 1 ? lastInc[r] : 1;
      clock[r] = inc < b - EPS ? clock[r] + dt : 0;
      const raw = lastRaw[r];
      const a = raw < 1 ? raw : 1;
      if (a < b - EPS) {
        const s = stock[r] - (b - a) * dt;
        stock[r] = s > 0 ? s : 0;
      } else if (raw > b && stock[r] < reqBuffer[r]) {
        const s = stock[r] + (raw - b) * dt;
        stock[r] = s < reqBuffer[r] ? s : reqBuffer[r];
      }
    }

    rec.record(t, level);
  }

  return rec.result(maxSweeps, unconverged);
}
