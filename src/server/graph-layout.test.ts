import { describe, expect, it } from 'vitest';
import { layout } from './graph-layout.js';
import { mulberry32 } from '../engine/generate/mulberry32.js';

const dist = (p: { x: Float64Array; y: Float64Array }, a: number, b: number) =>
  Math.hypot(p.x[a] - p.x[b], p.y[a] - p.y[b]);

describe('graph layout', () => {
  it('is deterministic for a seed and changes with it', () => {
    const edges: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 3],
    ];
    const a = layout(4, edges, [0, 0, 1, 1], { seed: 3 });
    const b = layout(4, edges, [0, 0, 1, 1], { seed: 3 });
    const c = layout(4, edges, [0, 0, 1, 1], { seed: 4 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    expect(mulberry32(1)()).toBe(mulberry32(1)());
  });

  it('pulls linked nodes together: in two disjoint cliques, linked pairs are closer than unlinked ones', () => {
    const edges: [number, number][] = [];
    for (const base of [0, 6])
      for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) edges.push([base + i, base + j]);
    const p = layout(12, edges, new Array(12).fill(0), { seed: 1 });
    let within = 0;
    let across = 0;
    for (let i = 0; i < 6; i++)
      for (let j = 6; j < 12; j++) {
        across += dist(p, i, j) / 36;
        within += (dist(p, i, (i + 1) % 6) + dist(p, j, 6 + ((j + 1) % 6))) / 72;
      }
    expect(within).toBeLessThan(across / 2);
    for (let i = 0; i < 12; i++) expect(Number.isFinite(p.x[i]) && Number.isFinite(p.y[i])).toBe(true);
  });

  it('places large graphs without the force layout (seeded positions only)', () => {
    const p = layout(3000, [[0, 1]], new Array(3000).fill(0), { seed: 1, forceLimit: 1500 });
    expect(p.x).toHaveLength(3000);
    expect(new Set(Array.from(p.x)).size).toBeGreaterThan(2990);
  });
});
