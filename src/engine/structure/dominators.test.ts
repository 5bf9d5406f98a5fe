import { describe, expect, it } from 'vitest';
import { buildCompiled } from '../generate/build-compiled.js';
import { cutSets } from './cut-sets.js';
import { dominators, supportSizes } from './dominators.js';

describe('dominators and support sizes', () => {
  // t needs a AND b; a needs x; b needs x or y. Leaves: x, y.
  const cm = buildCompiled({
    nodes: [['t', 'capability'], 'a', 'b', 'x', 'y', 'z'],
    requirements: [
      { node: 't', providers: [['a']] },
      { node: 't', providers: [['b']] },
      { node: 'a', providers: [['x']] },
      { node: 'b', providers: [['x'], ['y']] },
      { node: 'z', providers: [['z']] }, // a closed loop with no raw input
    ],
  });

  it('computes immediate dominators of the supply graph (hand-derived)', () => {
    const S = cm.n;
    const idom = Array.from(dominators(cm));
    // x and y hang off the source; a only through x; b through x or y; t through a or b.
    expect(idom).toEqual([S, 3, S, S, S, -1]);
  });

  it('misses the AND of separate requirements that cut sets catch', () => {
    // Nothing but the source dominates t, yet losing a alone (or x alone) stops it.
    expect(dominators(cm)[0]).toBe(cm.n);
    expect(cutSets(cm, { targets: ['t'] }).targets[0].cutSets.map((c) => c.nodes.join('+'))).toEqual([
      'a',
      'b',
      'x',
    ]);
  });

  it('counts the nodes each target rests on', () => {
    expect(Array.from(supportSizes(cm, [0, 2, 5]))).toEqual([4, 2, 0]);
  });
});
