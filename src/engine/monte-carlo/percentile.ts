// Percentiles of a sample by linear interpolation between order statistics (Hyndman & Fan 1996,
// definition 7, the default of R and NumPy). Infinite values (never recovered) sort last.

/** The p-th percentile (0..100) of `values` (not modified). NaN for an empty sample. */
export function percentile(values: ArrayLike<number>, p: number): number {
  return percentiles(values, [p])[0];
}

/** Several percentiles at once (sorts one copy). */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return ps.map((p) => {
    if (!n) return NaN;
    const h = ((n - 1) * p) / 100;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    const a = sorted[lo];
    const b = sorted[hi];
    if (a === b || h === lo) return a;
    return a + (h - lo) * (b - a);
  });
}
