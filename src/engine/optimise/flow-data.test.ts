import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { UserError } from '../../model/problem.js';
import { flowData } from './flow-data.js';
import { buildFlowModel, flowModel } from './flow-model.js';
import { MULTI_TIER, SINGLE_TIER, modelOf } from './examples.fixture.js';

const thrown = (f: () => unknown): UserError => {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
};

describe('flowData', () => {
  it('reads capacity, demand, weight, inventory, TTR (in days), bills of materials and provider capacity', () => {
    const m = modelOf(MULTI_TIER);
    const cm = compile(m);
    const d = flowData(m, cm);
    const i = (id: string) => cm.index[id];
    expect(d.capacity[i('truck')]).toBe(5);
    expect(d.demand[i('truck')]).toBe(4);
    expect(Number.isNaN(d.capacity[i('plant-b')])).toBe(true);
    expect(d.ttr[i('plant-a')]).toBe(40);
    expect(Array.from(d.bom)).toEqual([1, 2]);
    expect(Array.from(d.provCapacity).map((v) => (Number.isNaN(v) ? null : v))).toEqual([null, 3, null]);
  });

  it('converts a TTR written in other time units', () => {
    const m = modelOf(
      SINGLE_TIER.replace('quantities: { ttr: 5 }', 'quantities: { ttr: { value: 2, unit: weeks } }'),
    );
    expect(buildFlowModel(m).ttr[0]).toBe(14);
  });

  it('reports a malformed bill of materials at its line and column', () => {
    const text = MULTI_TIER.replace('bom: 2', 'bom: -2');
    const e = thrown(() => buildFlowModel(modelOf(text, 'models/x/deps.yaml')));
    const line = text.split('\n').findIndex((l) => l.includes('bom: -2')) + 1;
    const col = text.split('\n')[line - 1].indexOf('-2') + 1;
    expect(e.message).toContain(`models/x/deps.yaml:${line}:${col}: error[bom]:`);
    expect(e.message).toContain('bill of materials of "chassis-steel" must be a positive number');
    expect(e.problems).toHaveLength(1);
  });

  it('rejects a bill of materials measured in time, and every other malformed value at once', () => {
    const text = MULTI_TIER.replace('bom: 2', 'bom: { value: 2, unit: days }')
      .replace('demand: 4', 'demand: -4')
      .replace('quantities: { ttr: 40 }', 'quantities: { ttr: { value: 4, unit: vehicles } }');
    const e = thrown(() => buildFlowModel(modelOf(text)));
    expect(e.problems.map((p) => p.code).sort()).toEqual(['bom', 'flow', 'ttr']);
    expect(e.message).toMatch(
      /bill of materials of "chassis-steel" counts units of input per unit of output; "days" measures time/,
    );
    expect(e.message).toMatch(/flow\.demand of "truck" must be a non-negative number, got -4/);
    expect(e.message).toMatch(/time-to-recover of "plant-a" is a time/);
    expect(e.message.startsWith('optimise/flow: 3 malformed flow values:')).toBe(true);
  });
});

describe('flowModel', () => {
  it('has one column per node, provider slot and demand node, and one row per output and requirement', () => {
    const fm = buildFlowModel(modelOf(MULTI_TIER));
    // 4 nodes + 3 provider slots + 1 demand node.
    expect(fm.lp.numCols).toBe(8);
    // Rows: out[truck], out[plant-a], lvl[truck-chassis/plant-b], out[mill], bom×2.
    expect(fm.lp.rowNames).toEqual([
      'out[truck]',
      'out[plant-a]',
      'lvl[truck-chassis/plant-b]',
      'out[mill]',
      'bom[truck-chassis]',
      'bom[chassis-steel]',
    ]);
    // Chassis stock: 10 days × 1 per truck × 5 trucks/day.
    expect(Array.from(fm.reqStock)).toEqual([50, 0]);
    // plant-b limited to 3/day, from day 10: upper bound 3·τ − 30.
    const c = fm.colX + 1;
    expect([fm.lp.colUp1[c], fm.lp.colUp0[c], fm.lp.colLead[c]]).toEqual([3, -30, 10]);
    expect(fm.lp.objTau).toBe(4);
  });

  it('rejects a negative default TTR', () => {
    const m = modelOf(MULTI_TIER);
    expect(() => flowModel(compile(m), undefined, { defaultTtr: -1 })).toThrow(/defaultTtr/);
  });
});
