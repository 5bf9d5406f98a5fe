import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseModel } from './parse-model.js';
import { sliceModel } from './slice.js';
import type { Model, Quantity, Valid } from './types.js';

const file = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'slice', 'model.yaml');
const model = parseModel([{ path: 'slice/model.yaml', text: readFileSync(file, 'utf8') }]).model!;

function summary(m: Model) {
  return {
    entities: m.entities.map((e) => e.id),
    relations: m.relations.map((r) => r.id),
    dependencies: m.dependencies.map((d) => `${d.id}:${d.providers.map((p) => p.provider).join('+')}`),
    ruQuantities: Object.keys(m.entities.find((e) => e.id === 'ru')!.quantities),
  };
}

// Expected sets derived by hand from the dates written in test/fixtures/slice/model.yaml.
describe('sliceModel on the slice fixture', () => {
  it('2013: before the annexation and the new plant', () => {
    expect(summary(sliceModel(model, '2013'))).toEqual({
      entities: ['ru', 'by', 'plant-old'],
      relations: ['r1'],
      dependencies: ['ru-needs-parts:plant-old'],
      ruQuantities: ['troops-2019'],
    });
  });
  it('2014-03: a partial date means its first day, on which the annexation (from 2014-03) holds', () => {
    expect(summary(sliceModel(model, '2014-03')).entities).toEqual(['ru', 'by', 'crimea-annex', 'plant-old']);
    expect(summary(sliceModel(model, '2014-02-28')).entities).toEqual(['ru', 'by', 'plant-old']);
  });
  it('2016-06-01: the old plant has gone (to 2015) and the new one has no live supply yet', () => {
    expect(summary(sliceModel(model, '2016-06-01'))).toEqual({
      entities: ['ru', 'by', 'crimea-annex', 'plant-new'],
      relations: [],
      // Kept with no provider: an unmet need, not a vanished one.
      dependencies: ['ru-needs-parts:'],
      ruQuantities: ['troops-2019'],
    });
  });
  it('2020-10: the base exists and the friction is live', () => {
    expect(summary(sliceModel(model, '2020-10'))).toEqual({
      entities: ['ru', 'by', 'crimea-annex', 'plant-new', 'base'],
      relations: ['r2', 'r3', 'r4'],
      dependencies: ['ru-needs-parts:plant-new', 'base-needs-rail:by'],
      ruQuantities: [],
    });
  });
  it('2023: the base has closed (to 2022-02), taking its relation and dependency with it', () => {
    expect(summary(sliceModel(model, '2023'))).toEqual({
      entities: ['ru', 'by', 'crimea-annex', 'plant-new'],
      relations: ['r2'],
      dependencies: ['ru-needs-parts:plant-new', 'ru-needs-airspace:by'],
      ruQuantities: ['troops-2021'],
    });
  });
  it('does not change its input, and rejects a malformed date', () => {
    const before = JSON.stringify(model);
    sliceModel(model, '2013');
    expect(JSON.stringify(model)).toBe(before);
    expect(() => sliceModel(model, '2013-13')).toThrow(/model\/slice: as-of date "2013-13"/);
  });
});

const yearArb = fc.integer({ min: 2000, max: 2030 }).map(String);
const validArb: fc.Arbitrary<Valid | undefined> = fc.option(
  fc.record({ from: fc.option(yearArb, { nil: undefined }), to: fc.option(yearArb, { nil: undefined }) }),
  { nil: undefined },
);
const q = (valid: Valid | undefined): Quantity => ({
  cite: [],
  estimate: false,
  dist: 'point',
  nominal: 1,
  min: 1,
  max: 1,
  ...(valid ? { valid } : {}),
});
const ev = (valid: Valid | undefined) => ({ cite: [], estimate: false, ...(valid ? { valid } : {}) });
const ids = ['a', 'b', 'c', 'd', 'e'];
const modelArb: fc.Arbitrary<Model> = fc
  .record({
    ents: fc.array(fc.tuple(validArb, validArb), { minLength: 5, maxLength: 5 }),
    rels: fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids), validArb), { maxLength: 8 }),
    deps: fc.array(
      fc.tuple(
        fc.constantFrom(...ids),
        validArb,
        fc.array(fc.tuple(fc.constantFrom(...ids), validArb), { minLength: 1, maxLength: 3 }),
      ),
      { maxLength: 5 },
    ),
  })
  .map(({ ents, rels, deps }) => ({
    meta: { id: 'gen', title: 'generated' },
    sources: [],
    entities: ents.map(([v, qv], i) => ({
      ...ev(v),
      id: ids[i],
      kind: 'state' as const,
      name: ids[i].toUpperCase(),
      aliases: [],
      tags: [],
      attributes: {},
      quantities: { q: q(qv) },
      targets: ids.filter((_, j) => (i + j) % 2 === 0),
    })),
    relations: rels.map(([from, to, v], i) => ({
      ...ev(v),
      id: `r${i}`,
      type: 'supplies' as const,
      from,
      to,
      attributes: {},
      quantities: {},
    })),
    dependencies: deps.map(([node, v, ps], i) => ({
      ...ev(v),
      id: `d${i}`,
      node,
      input: 'x',
      criticality: q(undefined),
      buffer: q(undefined),
      providers: ps.map(([provider, pv]) => ({
        ...ev(pv),
        provider,
        share: q(undefined),
        quality: q(undefined),
        cost: q(undefined),
        leadTime: q(undefined),
      })),
    })),
  }));

describe('sliceModel properties', () => {
  it('is idempotent and never adds an element', () => {
    fc.assert(
      fc.property(modelArb, yearArb, (m, asOf) => {
        const s = sliceModel(m, asOf);
        expect(sliceModel(s, asOf)).toEqual(s);
        const entityIds = new Set(m.entities.map((e) => e.id));
        for (const e of s.entities) expect(entityIds.has(e.id)).toBe(true);
        const keptIds = new Set(s.entities.map((e) => e.id));
        for (const e of s.entities) for (const t of e.targets ?? []) expect(keptIds.has(t)).toBe(true);
        expect(s.relations.every((r) => m.relations.some((o) => o.id === r.id))).toBe(true);
        for (const d of s.dependencies) {
          const orig = m.dependencies.find((o) => o.id === d.id)!;
          expect(d.providers.every((p) => orig.providers.includes(p))).toBe(true);
          // Everything a kept element points at is kept.
          const kept = new Set(s.entities.map((e) => e.id));
          expect(kept.has(d.node)).toBe(true);
          for (const p of d.providers) expect(kept.has(p.provider)).toBe(true);
        }
        expect(s.entities.length).toBeLessThanOrEqual(m.entities.length);
        expect(s.relations.length).toBeLessThanOrEqual(m.relations.length);
        expect(s.dependencies.length).toBeLessThanOrEqual(m.dependencies.length);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
