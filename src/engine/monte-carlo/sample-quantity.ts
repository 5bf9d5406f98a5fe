// Draws a value of an uncertain quantity: uniform (range), triangular (inverse CDF), PERT (a scaled
// Beta with shape 1 + 4(mode - min)/(max - min), cf. Malcolm et al., Operations Research 7(5), 1959;
// Beta from two Gamma draws, Marsaglia & Tsang, ACM TOMS 26(3), 2000) and lognormal (median x
// exp(sigma Z), Z by Box-Muller).
import type { Quantity } from '../../model/types.js';
import type { Rng } from './random.js';

function normal(rng: Rng): number {
  let u = rng();
  while (u <= 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function gamma(shape: number, rng: Rng): number {
  if (shape < 1) {
    let u = rng();
    while (u <= 0) u = rng();
    return gamma(shape + 1, rng) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One draw of `q` (its nominal value when it is a point). */
export function sampleQuantity(q: Quantity, rng: Rng): number {
  const { min, max } = q;
  const w = max - min;
  switch (q.dist) {
    case 'point':
      return q.nominal;
    case 'range':
    case 'uniform':
      return min + w * rng();
    case 'triangular': {
      if (w <= 0) return min;
      const mode = q.mode ?? q.nominal;
      const f = (mode - min) / w;
      const u = rng();
      return u < f ? min + Math.sqrt(u * w * (mode - min)) : max - Math.sqrt((1 - u) * w * (max - mode));
    }
    case 'pert': {
      if (w <= 0) return min;
      const mode = q.mode ?? q.nominal;
      const a = 1 + (4 * (mode - min)) / w;
      const b = 1 + (4 * (max - mode)) / w;
      const x = gamma(a, rng);
      const y = gamma(b, rng);
      return min + (w * x) / (x + y);
    }
    case 'lognormal':
      return (q.median ?? q.nominal) * Math.exp((q.sigma ?? 0) * normal(rng));
  }
}
