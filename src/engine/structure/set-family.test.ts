import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { familyAlgebra, type SetFamily } from './set-family.js';

const arbSet = (n: number, k: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: k })
    .map((s) => s.sort((a, b) => a - b));
const arbFamily = (n: number, k: number) => fc.array(arbSet(n, k), { maxLength: 12 });

/** Brute-force minimal sets: drop every set that has a proper subset (or an equal earlier copy) in the family. */
function bruteMinimize(f: SetFamily): string[] {
  const keys = [...new Set(f.map((s) => s.join(',')))];
  const sets = keys.map((k) => k.split(',').map(Number));
  return sets
    .filter((s) => !sets.some((t) => t.length < s.length && t.every((x) => s.includes(x))))
    .map((s) => s.join(','))
    .sort();
}

describe('familyAlgebra', () => {
  for (const [label, n] of [
    ['numeric keys', 12],
    ['text keys (n^K beyond 2^53)', 3_000_000],
  ] as const) {
    it(`minimizes and multiplies like brute force (${label})`, () => {
      const alg = familyAlgebra(n, 3);
      const small = Math.min(n, 12);
      fc.assert(
        fc.property(arbFamily(small, 3), arbFamily(small, 3), (a, b) => {
          expect(
            alg
              .minimize(a)
              .map((s) => s.join(','))
              .sort(),
          ).toEqual(bruteMinimize(a));
          const prod: SetFamily = [];
          for (const x of alg.minimize(a))
            for (const y of alg.minimize(b)) {
              const u = [...new Set([...x, ...y])].sort((p, q) => p - q);
              if (u.length <= 3) prod.push(u);
            }
          const got = alg.product(alg.minimize(a), alg.minimize(b));
          expect(got.map((s) => s.join(',')).sort()).toEqual(bruteMinimize(prod));
        }),
        { numRuns: 200, seed: 3 },
      );
    });
  }

  it('treats [[]] as the unit of the product and the absorbing family of minimize', () => {
    const alg = familyAlgebra(10, 2);
    expect(alg.product([[]], [[1], [2, 3]])).toEqual([[1], [2, 3]]);
    expect(alg.minimize([[4], [], [1, 2]])).toEqual([[]]);
  });
});
