// mulberry32 (Tommy Ettinger's 32-bit generator): a small, fast, seeded PRNG. Used where a stream
// was already fixed by it (graph layouts, generated corpora, benchmark inputs), so their outputs stay
// the same; new synthetic data uses seededRandom.

/** A seeded uniform [0, 1) generator; the same seed always gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
