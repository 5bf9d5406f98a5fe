// Node positions for the graph view, computed once per model on the server (so the first frame in
// the browser does not wait for a layout, and nodes keep their place across as-of dates). Small graphs get a Fruchterman–Reingold force layout
// (Fruchterman & Reingold, Software: Practice and Experience 21(11), 1991) from seeded positions;
// large ones get seeded positions clustered by group, so the first frame comes fast and the layout
// is the same on every load.

import { mulberry32 } from '../engine/generate/mulberry32.js';

export interface LayoutOptions {
  seed?: number;
  iterations?: number;
  /** Above this many nodes, skip the force layout. */
  forceLimit?: number;
}
const DEFAULTS: Required<LayoutOptions> = { seed: 7, iterations: 250, forceLimit: 1500 };

/**
 * Positions `n` nodes joined by `edges` (pairs of node indices); `group[i]` clusters the start
 * positions. Returns x and y arrays.
 */
export function layout(
  n: number,
  edges: [number, number][],
  group: number[],
  options: LayoutOptions = {},
): { x: Float64Array; y: Float64Array } {
  const { seed, iterations, forceLimit } = { ...DEFAULTS, ...options };
  const r = mulberry32(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const groups = Math.max(1, ...group.map((g) => g + 1));
  const R = Math.sqrt(n) * 10;
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * group[i]) / groups;
    const rad = R * Math.sqrt(r());
    const b = 2 * Math.PI * r();
    x[i] = Math.cos(a) * R * 0.6 + Math.cos(b) * rad * 0.5;
    y[i] = Math.sin(a) * R * 0.6 + Math.sin(b) * rad * 0.5;
  }
  if (n > forceLimit || n < 2) return { x, y };
  const area = R * R * 4;
  const k = Math.sqrt(area / n);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temp = R / 2;
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const ddx = x[i] - x[j];
        const ddy = y[i] - y[j];
        const d2 = ddx * ddx + ddy * ddy + 0.01;
        const f = (k * k) / d2;
        dx[i] += ddx * f;
        dy[i] += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
    for (const [a, b] of edges) {
      if (a === b) continue;
      const ddx = x[a] - x[b];
      const ddy = y[a] - y[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) + 0.01;
      const f = d / k;
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      // A pull to the centre (growing with distance) keeps disconnected parts on screen.
      const dc = Math.sqrt(x[i] * x[i] + y[i] * y[i]);
      dx[i] -= (x[i] * dc * 0.08) / k;
      dy[i] -= (y[i] * dc * 0.08) / k;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) + 1e-9;
      const s = Math.min(d, temp) / d;
      x[i] += dx[i] * s;
      y[i] += dy[i] * s;
    }
    temp *= 0.985;
  }
  return { x, y };
}
