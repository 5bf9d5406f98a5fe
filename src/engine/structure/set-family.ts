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

/** Set algebra over nodes 0..n−1 up to `maxOrder`, with numeric set keys when they fit in a double. */
export interface FamilyAlgebra {
  key(s: readonly number[]): number | string;
  /** The minimal sets of a family (absorption), in canonical order. */
  minimize(family: SetFamily): SetFamily;
  /** The minimal sets of the conjunction of two families (one set from each, united), ≤ maxOrder. */
  product(a: SetFamily, b: SetFamily): SetFamily;
  /** True when two canonical families are equal (to detect change during iteration). */
  sameFamily(a: SetFamily, b: SetFamily): boolean;
}

/** Builds the set algebra for `n` nodes and sets of at most `maxOrder` members. */
export function familyAlgebra(n: number, maxOrder: number): FamilyAlgebra {
  const K = maxOrder;
  const radix = n + 1;
  const numeric = Math.pow(radix, K) < Number.MAX_SAFE_INTEGER;
  const key = numeric
    ? (s: readonly number[]) => {
        let k = 0;
        for (let i = 0; i < s.length; i++) k = k * radix + s[i] + 1;
        return k;
      }
    : (s: readonly number[]) => s.join(',');
  const subsetKeys = (s: readonly number[], visit: (k: number | string) => boolean): boolean => {
    const m = s.length;
    if (numeric && m === 2) return visit(s[0] + 1) || visit(s[1] + 1);
    if (numeric && m === 3) {
      const [a, b, c] = [s[0] + 1, s[1] + 1, s[2] + 1];
      return (
        visit(a) ||
        visit(b) ||
        visit(c) ||
        visit(a * radix + b) ||
        visit(a * radix + c) ||
        visit(b * radix + c)
      );
    }
    const sub: number[] = [];
    for (let mask = 1; mask < (1 << m) - 1; mask++) {
      sub.length = 0;
      for (let b = 0; b < m; b++) if (mask & (1 << b)) sub.push(s[b]);
      if (visit(key(sub))) return true;
    }
    return false;
  };
  const minimize = (family: SetFamily): SetFamily => {
    const sorted = family.slice().sort(compareSets);
    if (sorted.length && sorted[0].length === 0) return [[]];
    const kept = new Set<number | string>();
    const out: SetFamily = [];
    for (const s of sorted) {
      const k = key(s);
      if (kept.has(k)) continue;
      if (s.length > 1 && subsetKeys(s, (x) => kept.has(x))) continue;
      kept.add(k);
      out.push(s);
    }
    return out;
  };
  // Per family: index of its sets by member, for the overlapping pairs of a product.
  const byMember = new WeakMap<SetFamily, Map<number, number[][]>>();
  const memberIndex = (f: SetFamily) => {
    let m = byMember.get(f);
    if (!m) {
      m = new Map();
      for (const s of f)
        for (const x of s) {
          const l = m.get(x);
          if (l) l.push(s);
          else m.set(x, [s]);
        }
      byMember.set(f, m);
    }
    return m;
  };
  const product = (a: SetFamily, b: SetFamily): SetFamily => {
    if (a.length === 1 && a[0].length === 0) return b;
    if (b.length === 1 && b[0].length === 0) return a;
    if (a.length > b.length) [a, b] = [b, a];
    const out: SetFamily = [];
    const idx = memberIndex(b);
    for (const x of a) {
      const room = K - x.length;
      // Disjoint-size-compatible pairs: b's sets small enough (families are sorted by size).
      for (const y of b) {
        if (y.length > room) break;
        const u = unionSets(x, y, K);
        if (u) out.push(u);
      }
      // Larger sets of b fit only by sharing members with x.
      for (const e of x) {
        const l = idx.get(e);
        if (!l) continue;
        for (const y of l) {
          if (y.length <= room) continue;
          const u = unionSets(x, y, K);
          if (u) out.push(u);
        }
      }
    }
    return minimize(out);
  };
  const sameFamily = (a: SetFamily, b: SetFamily) =>
    a === b || (a.length === b.length && a.every((s, k) => compareSets(s, b[k]) === 0));
  return { key, minimize, product, sameFamily };
}
