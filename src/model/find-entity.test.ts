import { describe, expect, it } from 'vitest';
import { parseModel } from './parse-model.js';
import { findEntity } from './find-entity.js';
import { modelStats } from './model-stats.js';
import { entityCard } from './entity-card.js';

const text = `
sources:
  - { id: doc, title: D }
entities:
  - { id: lukashenko, kind: person, name: Alexander Lukashenko, aliases: [Łukašenka, Lukashenka], country: BY, estimate: true }
  - { id: mzkt, kind: company, name: Minsk Wheeled Tractor Plant, aliases: [MZKT], country: BY, estimate: true }
  - { id: maz, kind: company, name: Minsk Automobile Plant, country: BY, estimate: true }
  - { id: ru, kind: state, name: Russia, country: RU, cite: [{ source: doc, section: s, paragraph: 1 }] }
relations:
  - { type: supplies, from: mzkt, to: ru, cite: [{ source: doc, section: s, paragraph: 2 }, { source: doc, section: t, paragraph: 1 }] }
dependencies:
  - id: ru-needs-chassis
    node: ru
    input: chassis
    estimate: true
    buffer: { min: 30, max: 90, unit: days }
    providers:
      - { provider: mzkt }
      - { provider: maz, share: { min: 0.2, max: 0.5 }, lead_time: { value: 6, unit: months, estimate: true } }
`;
const { model, problems } = parseModel([{ path: 'm.yaml', text }]);

describe('findEntity', () => {
  it('loads the test model', () => {
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
  it('resolves ids, names and aliases ignoring case, accents and punctuation', () => {
    expect(findEntity(model!, 'mzkt')).toMatchObject({ entity: { id: 'mzkt' }, matchedBy: 'id' });
    expect(findEntity(model!, 'MZKT').entity?.id).toBe('mzkt');
    expect(findEntity(model!, 'minsk wheeled tractor plant')).toMatchObject({
      entity: { id: 'mzkt' },
      matchedBy: 'name',
    });
    // "Łukašenka" folds to "lukasenka": accents, case and punctuation do not count.
    expect(findEntity(model!, 'Łukašenka')).toMatchObject({
      entity: { id: 'lukashenko' },
      matchedBy: 'alias',
    });
    expect(findEntity(model!, 'LUKASENKA!')).toMatchObject({
      entity: { id: 'lukashenko' },
      matchedBy: 'alias',
    });
    expect(findEntity(model!, 'lukashenkko')).toEqual({ suggestions: ['lukashenko'] });
    expect(findEntity(model!, 'Automobile')).toMatchObject({ entity: { id: 'maz' }, matchedBy: 'partial' });
  });
  it('suggests rather than guesses when a part matches several names', () => {
    const r = findEntity(model!, 'minsk');
    expect(r.entity).toBeUndefined();
    expect(r.suggestions).toEqual(expect.arrayContaining(['mzkt', 'maz']));
  });
});

describe('modelStats', () => {
  it('counts by hand', () => {
    const s = modelStats(model!);
    expect(s.counts).toEqual({ sources: 1, entities: 4, relations: 1, dependencies: 1, providers: 2 });
    expect(s.entitiesByKind).toEqual({ company: 2, person: 1, state: 1 });
    expect(s.entitiesByCountry).toEqual({ BY: 3, RU: 1 });
    expect(s.dependencies).toMatchObject({
      dependentNodes: 1,
      providerNodes: 2,
      singleProvider: 0,
      meanProviders: 2,
    });
    // 8 elements: 4 entities, 1 relation, 1 dependency, 2 providers; cited: ru and the relation.
    expect(s.citations).toMatchObject({
      total: 3,
      citedElements: 2,
      elements: 8,
      sections: 2,
      unsupported: 0,
    });
    expect(s.citations.coverage).toBe(2 / 8);
    // Written quantities: buffer, maz's share and lead time (defaults not counted); all estimates
    // (the dependency is one), two given as ranges.
    expect(s.estimates).toEqual({
      elements: 6,
      quantities: 3,
      estimatedQuantities: 3,
      uncertainQuantities: 2,
    });
  });
});

describe('entityCard', () => {
  it('gathers relations and dependencies in both directions', () => {
    const ru = entityCard(model!, 'ru');
    expect(ru.incoming.map((r) => r.other)).toEqual(['mzkt']);
    expect(ru.needs.map((d) => d.providers.map((p) => p.name))).toEqual([
      ['Minsk Wheeled Tractor Plant', 'Minsk Automobile Plant'],
    ]);
    const mzkt = entityCard(model!, 'mzkt');
    expect(mzkt.outgoing.map((r) => `${r.type}:${r.other}`)).toEqual(['supplies:ru']);
    expect(mzkt.provides.map((d) => d.dependency.id)).toEqual(['ru-needs-chassis']);
    expect(mzkt.citations.map((c) => `${c.on} ${c.citation.section}`)).toEqual([
      'relation mzkt--supplies--ru s',
      'relation mzkt--supplies--ru t',
    ]);
  });
});
