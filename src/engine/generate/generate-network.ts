// Synthetic multi-tier supply networks for benchmarks and tests: capabilities at tier 0 need inputs
// from the tier below (sometimes two below), each requirement has one or more alternative providers
// with shares, some of them substitutes with a switch lead time, and a few requirements reach back
// up the tiers, closing dependency loops. Written straight into the compiled typed arrays in two
// passes (counts, then contents), so a million nodes fit in a few hundred MB.
import type { CompiledModel } from '../compile.js';
import { assembleCompiled } from './assemble-compiled.js';
import { seededRandom } from './seeded-random.js';

export interface GenerateOptions {
  /** Total number of nodes. */
  nodes: number;
  /** Number of tiers, capabilities included (default 6; at least 2). */
  tiers?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Number of tier-0 capabilities (default nodes / 100, at least 1). */
  capabilities?: number;
  /** Requirements per non-leaf node, inclusive range (default [2, 4]: 3 on average). */
  requirements?: [number, number];
  /** Providers per requirement, inclusive range (default [1, 4]: 2.5 on average; about 4.6 provider links per node overall). */
  providers?: [number, number];
  /** Probability that a provider after the first is a substitute with a lead time of 30–365 days (default 0.3). */
  substituteRate?: number;
  /** Probability that a requirement has criticality below 1 (default 0.3). */
  partialRate?: number;
  /** Probability that a requirement draws its providers from a higher tier, closing a loop (default 0.02). */
  cycleRate?: number;
  /** Probability that a requirement skips a tier (default 0.2). */
  skipRate?: number;
  /** Providers come from a window of this fraction of the providing tier around the node's position (default 0.05). */
  locality?: number;
  /** Countries and their weights; capabilities take the first (default RU 0.55, BY 0.25, CN 0.15, KZ 0.05). */
  countries?: Record<string, number>;
}

export const GENERATE_DEFAULTS = {
  tiers: 6,
  seed: 1,
  requirements: [2, 4] as [number, number],
  providers: [1, 4] as [number, number],
  substituteRate: 0.3,
  partialRate: 0.3,
  cycleRate: 0.02,
  skipRate: 0.2,
  locality: 0.05,
  countries: { RU: 0.55, BY: 0.25, CN: 0.15, KZ: 0.05 } as Record<string, number>,
};

/** Node counts per tier: tier 0 holds the capabilities, the others grow by half a tier each. */
export function tierSizes(nodes: number, tiers: number, capabilities: number): number[] {
  const rest = nodes - capabilities;
  const weights = Array.from({ length: tiers - 1 }, (_, k) => 1.5 ** k);
  const total = weights.reduce((s, w) => s + w, 0);
  const sizes = [capabilities, ...weights.map((w) => Math.max(1, Math.floor((rest * w) / total)))];
  sizes[tiers - 1] += nodes - sizes.reduce((s, x) => s + x, 0);
  return sizes;
}

/**
 * Generates a synthetic supply network directly in compiled form. Deterministic for a given seed.
 * Node ids are `n<index>`, requirement ids `r<index>`; kinds are capability (tier 0), company
 * (middle tiers) and product (the last tier, which has no requirements).
 *
 * @example
 * const cm = generateNetwork({ nodes: 10_000, tiers: 6, seed: 7 });
 */
export function generateNetwork(options: GenerateOptions): CompiledModel {
  const o = { ...GENERATE_DEFAULTS, ...options };
  const n = o.nodes;
  if (!Number.isInteger(n) || n < 2)
    throw new RangeError(`engine/generate: nodes must be an integer >= 2, got ${n}`);
  const T = o.tiers;
  if (!Number.isInteger(T) || T < 2 || T > n)
    throw new RangeError(`engine/generate: tiers must be an integer in [2, nodes], got ${T}`);
  const caps = options.capabilities ?? Math.max(1, Math.round(n / 100));
  if (!(caps >= 1 && caps <= n - (T - 1)))
    throw new RangeError(`engine/generate: capabilities must leave a node for every tier, got ${caps}`);
  const [rMin, rMax] = o.requirements;
  const [pMin, pMax] = o.providers;
  if (!(rMin >= 1 && rMax >= rMin && pMin >= 1 && pMax >= pMin))
    throw new RangeError(
      'engine/generate: requirements and providers are [min, max] ranges with 1 <= min <= max',
    );
  const rnd = seededRandom(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const round2 = (x: number) => Math.round(x * 100) / 100;

  const sizes = tierSizes(n, T, caps);
  const start = [0];
  for (const s of sizes) start.push(start[start.length - 1] + s);
  const tierOf = new Uint8Array(n);
  for (let t = 0; t < T; t++) tierOf.fill(t, start[t], start[t + 1]);

  // Pass 1: how many requirements per node, providers per requirement.
  const reqOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) reqOffsets[i + 1] = reqOffsets[i] + (tierOf[i] === T - 1 ? 0 : int(rMin, rMax));
  const R = reqOffsets[n];
  const provOffsets = new Int32Array(R + 1);
  for (let r = 0; r < R; r++) provOffsets[r + 1] = provOffsets[r] + int(pMin, pMax);
  const P = provOffsets[R];

  // Pass 2: contents.
  const reqCriticality = new Float64Array(R);
  const reqBuffer = new Float64Array(R);
  const provNode = new Int32Array(P);
  const provShare = new Float64Array(P);
  const provQuality = new Float64Array(P);
  const provLeadTime = new Float64Array(P);
  const pick = (tier: number, pos: number) => {
    const size = sizes[tier];
    const width = Math.max(8, Math.floor(size * o.locality));
    const centre = Math.floor(pos * size);
    const k = Math.min(size - 1, Math.max(0, centre - (width >> 1) + Math.floor(rnd() * width)));
    return start[tier] + k;
  };
  for (let i = 0; i < n; i++) {
    const t = tierOf[i];
    const pos = (i - start[t] + 0.5) / sizes[t];
    for (let r = reqOffsets[i]; r < reqOffsets[i + 1]; r++) {
      reqCriticality[r] = rnd() < o.partialRate ? round2(0.2 + 0.7 * rnd()) : 1;
      reqBuffer[r] = rnd() < 0.5 ? 0 : int(5, 90);
      let tier = t + 1;
      const u = rnd();
      if (u < o.cycleRate && t >= 1)
        tier = int(1, t); // loop back up (never into the capabilities)
      else if (u < o.cycleRate + o.skipRate && t + 2 < T) tier = t + 2;
      const p0 = provOffsets[r];
      const p1 = provOffsets[r + 1];
      let inUse = 0;
      for (let p = p0; p < p1; p++) {
        let v = pick(tier, pos);
        if (v === i) v = v + 1 < start[tier + 1] ? v + 1 : v - 1; // no node supplies itself
        provNode[p] = v;
        if (p > p0 && rnd() < o.substituteRate) {
          provLeadTime[p] = int(30, 365);
          provShare[p] = round2(0.5 + 0.5 * rnd());
          provQuality[p] = round2(0.6 + 0.4 * rnd());
        } else {
          provShare[p] = 0.2 + rnd(); // normalised below
          provQuality[p] = round2(0.8 + 0.2 * rnd());
          inUse += provShare[p];
        }
      }
      for (let p = p0; p < p1; p++) if (provLeadTime[p] === 0) provShare[p] = round2(provShare[p] / inUse);
    }
  }

  const names = Object.keys(o.countries);
  const cum: number[] = [];
  let acc = 0;
  for (const c of names) cum.push((acc += o.countries[c]));
  const ids = new Array<string>(n);
  const kind = new Array<string>(n);
  const country = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    ids[i] = `n${i}`;
    const t = tierOf[i];
    kind[i] = t === 0 ? 'capability' : t === T - 1 ? 'product' : 'company';
    if (t === 0) country[i] = names[0] ?? null;
    else {
      const x = rnd() * acc;
      let k = 0;
      while (k < cum.length - 1 && x >= cum[k]) k++;
      country[i] = names[k] ?? null;
    }
  }
  const reqId = new Array<string>(R);
  for (let r = 0; r < R; r++) reqId[r] = `r${r}`;
  return assembleCompiled({
    ids,
    kind,
    country,
    reqOffsets,
    reqId,
    reqCriticality,
    reqBuffer,
    provOffsets,
    provNode,
    provShare,
    provQuality,
    provCost: new Float64Array(P).fill(1),
    provLeadTime,
  });
}
