// Who uses each node: the provider slots p with provNode[p] === j, grouped by j, built by a counting
// sort, which is stable, so each group lists its slots in increasing p.

/** usedBy[usedByOffsets[j] .. usedByOffsets[j+1]) are the slots whose provider is node j. */
export function reverseAdjacency(
  n: number,
  provNode: Int32Array,
): { usedByOffsets: Int32Array; usedBy: Int32Array } {
  const P = provNode.length;
  const usedByOffsets = new Int32Array(n + 1);
  for (let p = 0; p < P; p++) usedByOffsets[provNode[p] + 1]++;
  for (let j = 0; j < n; j++) usedByOffsets[j + 1] += usedByOffsets[j];
  const fill = usedByOffsets.slice(0, n);
  const usedBy = new Int32Array(P);
  for (let p = 0; p < P; p++) usedBy[fill[provNode[p]]++] = p;
  return { usedByOffsets, usedBy };
}
