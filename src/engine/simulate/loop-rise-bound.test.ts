// The static bound on loops that could hold themselves down, on small loops whose answer follows by
// hand from the joint-rise inequalities delta_j <= c_r sum_p s_p q_p delta_p (docs/methods.md).
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { modelFromSpec, type SpecDependency } from '../generate/model-from-spec.js';
import { evaluationOrder } from './evaluation-order.js';
import { loopsThatCannotRise } from './loop-rise-bound.js';

const need = (node: number, criticality: number, ...providers: [number, number][]): SpecDependency => ({
  node,
  criticality,
  providers: providers.map(([p, share]) => ({ node: p, share, quality: 1 })),
});

/** The bound's verdict for the loop containing node n0, and the loop's size. */
function verdict(n: number, deps: SpecDependency[]): { cannotRise: boolean; size: number } {
  const cm = compile(modelFromSpec(n, deps));
  const order = evaluationOrder(cm);
  const compOf = new Int32Array(cm.n);
  for (let c = 0; c < order.cyclic.length; c++)
    for (let k = order.offsets[c]; k < order.offsets[c + 1]; k++) compOf[order.order[k]] = c;
  const c = compOf[cm.index.n0];
  expect(order.cyclic[c]).toBe(1);
  return {
    cannotRise: loopsThatCannotRise(cm, order, compOf)[c] === 1,
    size: order.offsets[c + 1] - order.offsets[c],
  };
}

describe('loopsThatCannotRise', () => {
  it('cannot rule out two nodes that each need all of the other (any common level is a fixed point)', () => {
    expect(verdict(2, [need(0, 1, [1, 1]), need(1, 1, [0, 1])])).toEqual({ cannotRise: false, size: 2 });
  });

  it('rules out a pair carried at 90%: delta_0 <= 0.9 delta_1 <= 0.81 delta_0', () => {
    expect(verdict(2, [need(0, 1, [1, 0.9]), need(1, 1, [0, 1])]).cannotRise).toBe(true);
  });

  it('rules out a pair whose needs are half critical: delta_0 <= 0.5 delta_1', () => {
    expect(verdict(2, [need(0, 0.5, [1, 1]), need(1, 1, [0, 1])]).cannotRise).toBe(true);
  });

  it('rules out alternatives that together over-cover when one leg is weak: delta_0 <= 0.6 + 0.3 = 0.9 delta_0', () => {
    // n0 draws 60% each from n1 and n2; n1 needs all of n0, n2 half of it.
    const deps = [need(0, 1, [1, 0.6], [2, 0.6]), need(1, 1, [0, 1]), need(2, 1, [0, 0.5])];
    expect(verdict(3, deps)).toEqual({ cannotRise: true, size: 3 });
  });

  it('cannot rule out the same alternatives when both legs carry n0 in full (gain 1.2)', () => {
    const deps = [need(0, 1, [1, 0.6], [2, 0.6]), need(1, 1, [0, 1]), need(2, 1, [0, 1])];
    expect(verdict(3, deps).cannotRise).toBe(false);
  });

  it('takes the steepest of a node’s requirements, not knowing which will hold it', () => {
    // n0's second requirement alone could carry a joint rise with n1.
    const deps = [need(0, 1, [1, 0.3]), need(0, 1, [1, 1]), need(1, 1, [0, 1])];
    expect(verdict(2, deps).cannotRise).toBe(false);
  });
});
