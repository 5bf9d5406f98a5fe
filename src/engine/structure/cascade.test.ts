import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateNetwork } from '../generate/generate-network.js';
import { buildCompiled } from '../generate/build-compiled.js';
import { createCascade } from './cascade.js';

describe('createCascade', () => {
  it('propagates a loss up through AND requirements but not past a surviving alternative', () => {
    const cm = buildCompiled({
      nodes: ['t', 'a', 'b', 'x'],
      requirements: [
        { node: 't', providers: [['a'], ['b']] },
        { node: 'a', providers: [['x']] },
      ],
    });
    const c = createCascade(cm);
    const st = c.run([cm.index.x]);
    expect(Array.from(st.failed)).toEqual([0, 1, 0, 1]);
    expect(Array.from(c.run([cm.index.x, cm.index.b]).failed)).toEqual([1, 1, 1, 1]);
  });

  it('runInPlace undoes the previous run: same states as fresh runs, in any sequence', () => {
    const cm = generateNetwork({ nodes: 300, tiers: 4, seed: 3, cycleRate: 0.1 });
    const c = createCascade(cm);
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: cm.n - 1 }), { maxLength: 4 }), { maxLength: 8 }),
        (runs) => {
          for (const removed of runs) {
            const fresh = c.run(removed);
            const reused = c.runInPlace(removed);
            expect(reused.failed).toEqual(fresh.failed);
            expect(reused.broken).toEqual(fresh.broken);
            expect(reused.cover).toEqual(fresh.cover);
          }
        },
      ),
      { numRuns: 50, seed: 5 },
    );
  });
});
