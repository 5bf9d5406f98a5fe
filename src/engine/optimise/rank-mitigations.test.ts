import { describe, expect, it } from 'vitest';
import { parseMitigation } from './parse-mitigation.js';
import { applyMitigation } from './apply-mitigation.js';
import { rankMitigations } from './rank-mitigations.js';
import { MULTI_TIER, modelOf } from './examples.fixture.js';
import type { Mitigation } from './mitigation-schema.js';

const model = modelOf(MULTI_TIER);

const STOCK = `
id: chassis-stock
title: Stock five more days of chassis
cost: { value: 10, unit: million USD, estimate: true }
lead_time: { value: 3, unit: months }
stockpiles:
  - { dependency: truck-chassis, buffer: { value: 5, unit: days } }
`;

const PLANT_C = `
id: plant-c
title: Qualify a third chassis plant
cost: { value: 20, unit: million USD }
entities:
  - { id: plant-c, kind: facility, name: Chassis plant C, country: RU }
adds:
  - { dependency: truck-chassis, provider: plant-c, lead_time: { value: 20, unit: days }, capacity: 2 }
`;

const MILL = `
id: mill-capacity
title: Expand the steel mill
cost: { value: 5, unit: million USD }
capacity:
  - { entity: mill, capacity: 10 }
`;

const parse = (text: string, path = 'mitigations/x.yaml'): Mitigation => {
  const r = parseMitigation(text, path, { model });
  if (!r.mitigation) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.mitigation;
};

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseMitigation', () => {
  it('normalises quantities (days, currency) and keeps the evidence', () => {
    const m = parse(STOCK);
    expect(m.cost).toMatchObject({ nominal: 10e6, unit: 'USD', estimate: true });
    expect(m.leadTime!.nominal).toBeCloseTo(91.3125, 6);
    expect(m.stockpiles).toEqual([expect.objectContaining({ dependency: 'truck-chassis' })]);
  });

  it('reports unknown ids at their line and column, with a suggestion', () => {
    const text = PLANT_C.replace('dependency: truck-chassis', 'dependency: truck-chasis');
    const r = parseMitigation(text, 'm.yaml', { model });
    expect(r.mitigation).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    const line = lineOf(text, 'truck-chasis');
    expect(r.problems[0]).toMatchObject({
      code: 'unknown-dependency',
      message: 'unknown dependency "truck-chasis" (did you mean "truck-chassis"?)',
      at: { file: 'm.yaml', line, column: text.split('\n')[line - 1].indexOf('truck-chasis') + 1 },
    });
  });

  it('reports malformed actions, units and fields, all at once', () => {
    const text = `
id: bad
title: Bad
cost: { value: 3, unit: days }
stockpiles:
  - { dependency: truck-chassis }
  - { entity: truck, inventory: 5, buffr: 2 }
`;
    const r = parseMitigation(text, 'bad.yaml', { model });
    expect(r.mitigation).toBeUndefined();
    const msgs = r.problems.map((p) => `${p.at?.line}: ${p.message}`);
    expect(msgs).toContainEqual(
      expect.stringMatching(/^7: unknown field "buffr" \(did you mean "buffer"\?\)/),
    );
    // The shape error stops the parse before the semantic checks; fix it and the rest appear.
    const r2 = parseMitigation(text.replace(', buffr: 2', ''), 'bad.yaml', { model });
    const msgs2 = r2.problems.map((p) => `${p.at?.line}: ${p.message}`);
    expect(msgs2).toContainEqual(
      expect.stringMatching(/^6: a stockpile names either "dependency" with "buffer"/),
    );
    expect(msgs2).toContainEqual(expect.stringMatching(/^4: "cost" is money/));
  });

  it('reports YAML syntax errors located', () => {
    const r = parseMitigation('id: x\ntitle: [unclosed\n', 's.yaml');
    expect(r.problems[0].code).toBe('yaml-syntax');
    expect(r.problems[0].at?.file).toBe('s.yaml');
  });

  it('refuses capacity on a node whose output is a level', () => {
    const r = parseMitigation(MILL.replace('entity: mill', 'entity: plant-b'), 'm.yaml', { model });
    expect(r.problems.map((p) => p.code)).toEqual(['no-capacity']);
  });
});

describe('applyMitigation', () => {
  it('adds without changing the original model', () => {
    const after = applyMitigation(model, parse(PLANT_C));
    expect(after.entities.map((e) => e.id)).toContain('plant-c');
    expect(model.entities.map((e) => e.id)).not.toContain('plant-c');
    expect(after.dependencies[0].providers.map((p) => p.provider)).toEqual(['plant-a', 'plant-b', 'plant-c']);
    expect(model.dependencies[0].providers).toHaveLength(2);
    const stocked = applyMitigation(model, parse(STOCK));
    expect(stocked.dependencies[0].buffer.nominal).toBe(15);
    expect(model.dependencies[0].buffer.nominal).toBe(10);
  });
});

describe('rankMitigations (hand-derived)', () => {
  // Baseline exposure: plant-a 20 + mill 10 + truck 8 + plant-b 0 = 38 (see rei.test.ts).
  // Stock +5 days: 75 chassis in stock. plant-a: 90 + 75 ≥ 160, mill: 60 + 75 ≥ 120: both 0;
  //   truck still 8. Exposure 8: cut by 30 for 10 M USD → 3 per M USD.
  // Plant C (2/day after 20 days): plant-a: 90 + 40 + 50 = 180 ≥ 160; mill: 60 + 20 + 50 = 130 ≥ 120.
  //   Exposure 8: cut by 30 for 20 M USD → 1.5 per M USD.
  // Mill capacity: the mill's own outage is what hurts; more capacity changes nothing: 0.
  it('ranks by reduction of total exposure per unit cost', async () => {
    const r = await rankMitigations(model, [parse(MILL), parse(PLANT_C), parse(STOCK)]);
    expect(r.currency).toBe('USD');
    expect(r.exposure).toBeCloseTo(38, 6);
    expect(r.mitigations.map((m) => m.id)).toEqual(['chassis-stock', 'plant-c', 'mill-capacity']);
    const [a, b, c] = r.mitigations;
    expect(a.reduction).toBeCloseTo(30, 6);
    expect(a.reductionPerCost * 1e6).toBeCloseTo(3, 9);
    expect(b.reduction).toBeCloseTo(30, 6);
    expect(b.reductionPerCost * 1e6).toBeCloseTo(1.5, 9);
    expect(c.reduction).toBeCloseTo(0, 9);
    expect(a.helped.map((h) => h.node)).toEqual(['plant-a', 'mill']);
    // The new plant is not in the scope: the same nodes are disrupted before and after.
    expect(r.scope).not.toContain('plant-c');
  });

  it('refuses to compare costs in different currencies', async () => {
    const rub = parse(STOCK.replace('million USD', 'million RUB'));
    await expect(rankMitigations(model, [rub, parse(PLANT_C)])).rejects.toThrow(/different currencies/);
  });
});
