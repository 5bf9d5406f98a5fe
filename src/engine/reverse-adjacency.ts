// Who uses each node: the provider slots p with provNode[p] === j, grouped by j, built by a counting
// sort, which is stable, so each group lists its slots in increasing p.
import type { TypedArena } from './typed-arena.js';

/**
 * usedBy[usedByOffsets[j] .. usedByOffsets[j+1]) are the slots whose provider is node j. The arrays
 * come from `arena` when one is given (working state of a kernel run).
 */
export function reverseAdjacency(
  n: number,
  provNode: Int32Array,
  arena?: TypedArena,
): { usedByOffsets: Int32Array; usedBy: Int32Array } {
  const P = provNode.length;
  const usedByOffsets = arena ? arena.i32(n + 1) : new Int32Array(n + 1);
  for (let p = 0; p < P; p++) usedByOffsets[provNode[p] + 1]++;
  for (let j = 0; j < n; j++) usedByOffsets[j + 1] += usedByOffsets[j];
  const fill = arena ? arena.i32(n) : new Int32Array(n);
  fill.set(usedByOffsets.subarray(0, n));
  const usedBy = arena ? arena.i32(P) : new Int32Array(P);
  for (let p = 0; p < P; p++) usedBy[fill[provNode[p]]++] = p;
  return { usedByOffsets, usedBy };
}
