// Families of small node sets (cut-set algebra): union, product and absorption of minimal sets,
// truncated at a maximum order. Truncation commutes with both operations (a set of size ≤ K in a
// product only arises from members of size ≤ K), so working on truncated families is exact.
// Cf. the Boolean reduction step of MOCUS (Fussell & Vesely, Trans. ANS 15, 1972).

/** A family of sets of node indices, each sorted ascending; `[[]]` is "always true" (fails already). */
export type SetFamily = number[][];

/** Sorted union of two sorted sets, or null when it exceeds `maxOrder`. */
export function unionSets(a: readonly number[], b: readonly number[], maxOrder: number): number[] | null {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let x: number;
    if (j >= b.length || (i < a.length && a[i] < b[j])) x = a[i++];
    else if (i >= a.length || b[j] < a[i]) x = b[j++];
    else {
      x = a[i++];
      j++;
    }
    out.push(x);
    if (out.length > maxOrder) return null;
  }
  return out;
}

/** Compares sets by size, then lexicographically: the canonical order of a family. */
export function compareSets(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

const key = (s: readonly number[]) => s.join(',');

/**
 * The minimal sets of a family (absorption: drop duplicates and every set with a proper subset in
 * the family), in canonical order. Works for any set size; cost grows as 2^size per set.
 */
export function minimize(family: SetFamily): SetFamily {
  const sorted = family.slice().sort(compareSets);
  if (sorted.length && sorted[0].length === 0) return [[]];
  const kept = new Set<string>();
  const out: SetFamily = [];
  for (const s of sorted) {
    const k = key(s);
    if (kept.has(k)) continue;
    let absorbed = false;
    const m = s.length;
    // Proper non-empty subsets, by bit mask.
    for (let mask = 1; mask < (1 << m) - 1 && !absorbed; mask++) {
      const sub: number[] = [];
      for (let b = 0; b < m; b++) if (mask & (1 << b)) sub.push(s[b]);
      if (kept.has(key(sub))) absorbed = true;
    }
    if (absorbed) continue;
    kept.add(k);
    out.push(s);
  }
  return out;
}

/** The minimal sets of the conjunction of families (every combination of one set from each), ≤ maxOrder. */
export function productFamilies(families: readonly SetFamily[], maxOrder: number): SetFamily {
  let acc: SetFamily = [[]];
  for (const f of families) {
    const next: SetFamily = [];
    for (const a of acc)
      for (const b of f) {
        const u = unionSets(a, b, maxOrder);
        if (u) next.push(u);
      }
    acc = minimize(next);
    if (acc.length === 0) break;
  }
  return acc;
}

/** Canonical text of a family, to detect change during fixed-point iteration. */
export function familyKey(family: SetFamily): string {
  return family.map(key).join(';');
}
