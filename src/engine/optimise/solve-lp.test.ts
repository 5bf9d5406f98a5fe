import { describe, expect, it } from 'vitest';
import { openLp, solveLp, type LpData } from './solve-lp.js';
import { describeFailure } from './performance-impact.js';

// max x + 2y s.t. x + y <= 4, x <= 3 (as a minimisation of -x - 2y): optimum y = 4, x = 0, -8.
const lp = (over: Partial<LpData> = {}): LpData => ({
  numCols: 2,
  numRows: 1,
  colCost: Float64Array.from([-1, -2]),
  colLo: Float64Array.from([0, 0]),
  colUp: Float64Array.from([3, Infinity]),
  rowLo: Float64Array.from([-Infinity]),
  rowUp: Float64Array.from([4]),
  starts: Int32Array.from([0, 2]),
  index: Int32Array.from([0, 1]),
  value: Float64Array.from([1, 1]),
  ...over,
});

describe('solveLp / LpSession (HiGHS, WebAssembly)', () => {
  it('solves a small LP to its hand-derived optimum', async () => {
    const r = await solveLp(lp());
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(-8, 9);
    expect(Array.from(r.colValue)).toEqual([0, 4]);
  });

  it('re-solves after bound changes from the same model', async () => {
    const s = await openLp(lp());
    try {
      expect(s.solve().objective).toBeCloseTo(-8, 9);
      // y <= 1: x = 3, y = 1 → -5.
      s.setColBounds([1], [0], [1]);
      expect(s.solve().objective).toBeCloseTo(-5, 9);
      // Row x + y >= 5 with x <= 3, y <= 1: infeasible.
      s.setRowBounds([0], [5], [Infinity]);
      const r = s.solve();
      expect(r.status).toBe('infeasible');
      expect(Number.isNaN(r.objective)).toBe(true);
      expect(describeFailure(r, 'optimise/impact')).toMatch(
        /^optimise\/impact: no plan satisfies the constraints \(HiGHS: infeasible\)/,
      );
    } finally {
      s.dispose();
    }
  });

  it('reports an unbounded LP', async () => {
    // Drop the row's upper bound: -2y can go to -∞.
    const r = await solveLp(lp({ rowUp: Float64Array.from([Infinity]) }));
    expect(r.status).toBe('unbounded');
    expect(describeFailure(r, 'x')).toMatch(/the loss has no lower bound/);
  });

  it('writes the model as LP text that reads back to the same optimum', async () => {
    const s = await openLp(lp());
    try {
      const text = s.exportLp();
      expect(text).toMatch(/^min/m);
      const { default: loader } = await import('highs');
      const highs = await (
        loader as unknown as () => Promise<{ solve(t: string): { ObjectiveValue: number; Status: string } }>
      )();
      const back = highs.solve(text);
      expect(back.Status).toBe('Optimal');
      expect(back.ObjectiveValue).toBeCloseTo(-8, 9);
    } finally {
      s.dispose();
    }
  });
});
