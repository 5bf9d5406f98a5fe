import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { stronglyConnected } from '../structure/strongly-connected.js';
import { generateModel } from './generate-model.js';
import { generateNetwork, tierSizes } from './generate-network.js';

describe('generateNetwork', () => {
  const cm = generateNetwork({ nodes: 2000, tiers: 5, seed: 11 });

  it('is deterministic for a seed and changes with it', () => {
    const again = generateNetwork({ nodes: 2000, tiers: 5, seed: 11 });
    expect(again.provNode).toEqual(cm.provNode);
    expect(again.provShare).toEqual(cm.provShare);
    expect(again.country).toEqual(cm.country);
    const other = generateNetwork({ nodes: 2000, tiers: 5, seed: 12 });
    expect(other.provNode).not.toEqual(cm.provNode);
  });

  it('lays out tiers: capabilities on top, leaves without requirements at the bottom', () => {
    const sizes = tierSizes(2000, 5, 20);
    expect(sizes.reduce((s, x) => s + x, 0)).toBe(2000);
    expect(sizes[0]).toBe(20);
    for (let t = 1; t < 4; t++) expect(sizes[t + 1]).toBeGreaterThan(sizes[t]);
    const leafStart = 2000 - sizes[4];
    for (let i = 0; i < 2000; i++) {
      const reqs = cm.reqOffsets[i + 1] - cm.reqOffsets[i];
      if (i < 20) expect(cm.kind[i]).toBe('capability');
      if (i >= leafStart) {
        expect(cm.kind[i]).toBe('product');
        expect(reqs).toBe(0);
      } else {
        expect(reqs).toBeGreaterThanOrEqual(2);
        expect(reqs).toBeLessThanOrEqual(4);
      }
    }
    // Nothing ever provides to a capability.
    for (let p = 0; p < cm.provNode.length; p++) expect(cm.provNode[p]).toBeGreaterThanOrEqual(20);
  });

  it('splits each requirement among providers in use (shares summing to about 1) plus substitutes', () => {
    let substitutes = 0;
    for (let r = 0; r < cm.reqId.length; r++) {
      let inUse = 0;
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) {
        if (cm.provLeadTime[p] === 0) inUse += cm.provShare[p];
        else {
          substitutes++;
          expect(cm.provLeadTime[p]).toBeGreaterThanOrEqual(30);
        }
      }
      expect(Math.abs(inUse - 1)).toBeLessThanOrEqual(0.03);
    }
    expect(substitutes).toBeGreaterThan(0);
  });

  it('closes dependency loops when cycleRate > 0, and none without', () => {
    const edges = (g: typeof cm) => (u: number, visit: (v: number) => void) => {
      for (let r = g.reqOffsets[u]; r < g.reqOffsets[u + 1]; r++)
        for (let p = g.provOffsets[r]; p < g.provOffsets[r + 1]; p++) visit(g.provNode[p]);
    };
    const all = Array.from({ length: cm.n }, (_, i) => i);
    expect(stronglyConnected(cm.n, all, edges(cm)).some((c) => c.length > 1)).toBe(true);
    const acyclic = generateNetwork({ nodes: 2000, tiers: 5, seed: 11, cycleRate: 0 });
    expect(stronglyConnected(acyclic.n, all, edges(acyclic)).every((c) => c.length === 1)).toBe(true);
  });

  it('rejects impossible sizes with a located message', () => {
    expect(() => generateNetwork({ nodes: 1 })).toThrow(/engine\/generate: nodes/);
    expect(() => generateNetwork({ nodes: 10, tiers: 1 })).toThrow(/tiers/);
  });
});

describe('generateModel', () => {
  it('compiles back to the generated arrays', () => {
    const opts = { nodes: 500, seed: 5 };
    const direct = generateNetwork(opts);
    const viaModel = compile(generateModel(opts));
    for (const k of [
      'reqOffsets',
      'provOffsets',
      'provNode',
      'provShare',
      'provQuality',
      'provLeadTime',
      'reqCriticality',
      'reqBuffer',
      'usedByOffsets',
      'usedBy',
    ] as const)
      expect(viaModel[k]).toEqual(direct[k]);
    expect(viaModel.ids).toEqual(direct.ids);
    expect(viaModel.country).toEqual(direct.country);
  });
});
