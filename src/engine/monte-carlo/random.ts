// Seeded, counter-based random streams: the stream of (seed, sample, quantity) is a pure function
// of those three numbers, so a Monte Carlo sample draws the same values whichever worker runs it
// and in whatever order. Mixing: MurmurHash3's 32-bit finaliser (A. Appleby, 2011); generator:
// SFC32 (C. Doty-Humphrey, PractRand, 2010), seeded from the mixed key.

/** MurmurHash3 fmix32. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a 32-bit hash of a string (to key streams by quantity label). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator of doubles uniform in [0, 1). */
export type Rng = () => number;

/** SFC32 generator seeded with four 32-bit words (warmed up as its author recommends). */
export function sfc32(a: number, b: number, c: number, d: number): Rng {
  let x = a >>> 0;
  let y = b >>> 0;
  let z = c >>> 0;
  let w = d >>> 0;
  const next = () => {
    const t = (((x + y) >>> 0) + w) >>> 0;
    w = (w + 1) >>> 0;
    x = y ^ (y >>> 9);
    y = (z + (z << 3)) >>> 0;
    z = ((z << 21) | (z >>> 11)) >>> 0;
    z = (z + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  // 53-bit doubles from two 32-bit outputs.
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

/** The stream for quantity `key` (e.g. `hashString(label)`) in sample `sample` under `seed`. */
export function stream(seed: number, sample: number, key: number): Rng {
  const s = fmix32((seed >>> 0) ^ 0x9e3779b9);
  const a = fmix32(s ^ fmix32(sample >>> 0));
  const b = fmix32(a ^ key);
  const c = fmix32(b + 0x632be5ab);
  return sfc32(a, b, c, fmix32(c ^ s));
}
