// Loops that cannot hold themselves down, shown once per run from the model alone (docs/methods.md,
// "Incremental solving", the static bound). After an increase, the kernel's upward pass reaches the
// least fixed point above where it starts; the greatest can lie higher only if some set of a loop's
// members can rise together, each carried by requirements on the others. Where the bound below
// rules that out for a loop, whatever the shocks, the kernel skips the search for such sets there.
import type { KernelModel } from './simulate-kernel.js';
import type { EvaluationOrder } from './evaluation-order.js';
import type { TypedArena } from '../typed-arena.js';

/** Rises below RISE_FLOOR x tol are not ruled out (the tolerance's own reach in steep loops). */
export const RISE_FLOOR = 1000;
/** The bound's slack, tol / (RISE_FLOOR x tol). */
const SLACK = 1 / RISE_FLOOR;
const BELOW_ONE = 1 - 1e-9;
const MAX_PASSES = 50;

/**
 * For each component of `order`, 1 when no set of its members can rise together by RISE_FLOOR x tol
 * or more above a fixed point of the kernel's map (within tol), under any shocks; 0 when the bound
 * does not show it (and for acyclic components, which have no such sets to look for anyway).
 *
 * Were a set to rise by Delta (largest entry M), each member j would have, for the requirement r
 * holding it (or its own level, Delta_j <= tol), Delta_j <= tol + c_r sum_p s_p q_p Delta_prov(p),
 * over providers in the loop: link factors and substitute shares are at most 1, and a limit's slope
 * in a provider's level is at most c_r s_p q_p. Not knowing which requirement holds j, take the
 * largest. With delta = Delta / M and M >= RISE_FLOOR x tol, delta_j <= SLACK + max_r (...), and
 * delta = 1 at the member that rises most; iterating that map from 1 keeps every bound above delta,
 * so once all bounds are below 1 no member can be that one.
 */
export function loopsThatCannotRise(
  m: Pick<
    KernelModel,
    'n' | 'reqOffsets' | 'provOffsets' | 'provNode' | 'provShare' | 'provQuality' | 'reqCriticality'
  >,
  order: EvaluationOrder,
  compOf: Int32Array,
  arena?: TypedArena,
): Uint8Array {
  const { reqOffsets, provOffsets, provNode, provShare, provQuality, reqCriticality } = m;
  const { order: ord, offsets, cyclic } = order;
  const C = cyclic.length;
  const result = arena ? arena.u8(C) : new Uint8Array(C);
  const bound = arena ? arena.f64(m.n) : new Float64Array(m.n);
  for (let c = 0; c < C; c++) {
    if (!cyclic[c]) continue;
    const a = offsets[c];
    const b = offsets[c + 1];
    for (let k = a; k < b; k++) bound[ord[k]] = 1;
    let high = b - a;
    for (let pass = 0; pass < MAX_PASSES && high > 0; pass++) {
      let fell = false;
      for (let k = a; k < b; k++) {
        const j = ord[k];
        let most = SLACK;
        for (let r = reqOffsets[j]; r < reqOffsets[j + 1]; r++) {
          let sum = 0;
          for (let p = provOffsets[r]; p < provOffsets[r + 1]; p++) {
            const q = provNode[p];
            if (compOf[q] === c) sum += provShare[p] * provQuality[p] * bound[q];
          }
          const x = SLACK + reqCriticality[r] * sum;
          if (x > most) most = x;
        }
        if (most < bound[j]) {
          if (bound[j] >= BELOW_ONE && most < BELOW_ONE) high--;
          if (bound[j] - most > 1e-12) fell = true;
          bound[j] = most;
        }
      }
      if (!fell) break;
    }
    if (high === 0) result[c] = 1;
  }
  return result;
}
