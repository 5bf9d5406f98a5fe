import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../test/fixtures/engine-load.js';
import { compile, capabilityNodes } from './compile.js';

const model = loadFixture('engine-compile');

describe('compile', () => {
  it('lays out requirements and providers in CSR form, in model order', () => {
    const cm = compile(model);
    expect(cm.ids).toEqual(['cap', 'plant', 'old', 'new', 'rail']);
    expect(cm.index.plant).toBe(1);
    expect(cm.index.constructor).toBeUndefined();
    expect(Array.from(cm.reqOffsets)).toEqual([0, 2, 3, 3, 3, 3]);
    expect(cm.reqId).toEqual(['cap-needs-plant', 'cap-needs-engines', 'plant-needs-rail']);
    expect(Array.from(cm.reqNode)).toEqual([0, 0, 1]);
    expect(Array.from(cm.provOffsets)).toEqual([0, 2, 3, 4]);
    expect(Array.from(cm.provNode)).toEqual([1, 3, 2, 4]);
    expect(Array.from(cm.provReq)).toEqual([0, 0, 1, 2]);
    expect(Array.from(cm.provShare)).toEqual([0.8, 0.5, 1, 1]);
    // Nominal values: criticality range midpoint, 2 weeks = 14 days, PERT mode, 1 year in days.
    expect(cm.reqCriticality[0]).toBeCloseTo(0.8, 12);
    expect(cm.reqBuffer[0]).toBe(14);
    expect(cm.provQuality[1]).toBeCloseTo(0.6, 12);
    expect(cm.provLeadTime[1]).toBeGreaterThan(364);
    expect(cm.reqCriticality[2]).toBe(0.5);
    expect(cm.kind[4]).toBe('network');
    expect(cm.country).toEqual(['RU', 'BY', 'UA', 'RU', 'BY']);
    expect(capabilityNodes(cm)).toEqual([0]);
  });

  it('builds the reverse adjacency (who uses each node)', () => {
    const cm = compile(model);
    const usedBy = (j: number) =>
      Array.from(cm.usedBy.subarray(cm.usedByOffsets[j], cm.usedByOffsets[j + 1]));
    expect(usedBy(0)).toEqual([]);
    expect(usedBy(1)).toEqual([0]);
    expect(usedBy(2)).toEqual([2]);
    expect(usedBy(3)).toEqual([1]);
    expect(usedBy(4)).toEqual([3]);
    for (let j = 0; j < cm.n; j++) for (const p of usedBy(j)) expect(cm.provNode[p]).toBe(j);
  });

  it('indexes every uncertain quantity with its array slot', () => {
    const cm = compile(model);
    expect(cm.sampleIndex.map((s) => [s.array, s.slot, s.label])).toEqual([
      ['reqCriticality', 0, 'cap-needs-plant.criticality'],
      ['provQuality', 1, 'cap-needs-plant/new.quality'],
    ]);
  });

  it('keeps only what is valid at the as-of date', () => {
    const cm2014 = compile(model, { asOf: '2014-01-01' });
    expect(cm2014.asOf).toBe('2014-01-01');
    expect(cm2014.ids).toEqual(['cap', 'plant', 'old', 'rail']);
    // The substitute "new" does not exist yet: only the plant provides chassis.
    expect(Array.from(cm2014.provNode)).toEqual([1, 2, 3]);
    const cm2020 = compile(model, { asOf: '2020' });
    expect(cm2020.ids).toEqual(['cap', 'plant', 'new', 'rail']);
    // The engines requirement survives with no provider left: the input is simply unavailable.
    const r = cm2020.reqId.indexOf('cap-needs-engines');
    expect(cm2020.provOffsets[r + 1] - cm2020.provOffsets[r]).toBe(0);
    expect(Array.from(cm2020.relTo)).toEqual([0, 1]);
    expect(cm2020.relType).toEqual(['supplies', 'transports']);
  });
});
