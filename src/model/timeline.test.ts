import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from './parse-model.js';
import { timeline } from './timeline.js';
import { queryEntities } from './query-entities.js';

const file = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'slice', 'model.yaml');
const model = parseModel([{ path: 'slice/model.yaml', text: readFileSync(file, 'utf8') }]).model!;
const ids = (es: { id: string; change?: string }[]) =>
  es.map((e) => (e.change ? `${e.id}:${e.change}` : e.id));

// Orders derived by hand from the dates in test/fixtures/slice/model.yaml.
describe('timeline', () => {
  it('lists every dated start and end in date order', () => {
    expect(ids(timeline(model))).toEqual([
      'crimea-annex:start', // 2014-03 (its date)
      'plant-old:end', // 2015
      'plant-new:start', // 2016-06
      'r2:start', // 2017
      'base:start', // 2020-01-15
      'r4:start', // 2020-08
      'r4:end', // 2020-12
      'ru-needs-airspace:start', // 2021
      'base:end', // 2022-02
    ]);
  });
  it('keeps what was valid on --as-of, then lists its dates', () => {
    expect(ids(timeline(model, { asOf: '2013' }))).toEqual(['plant-old:end']);
  });
  it('a partial --to date includes its whole span', () => {
    expect(ids(timeline(model, { from: '2020-08', to: '2020' }))).toEqual(['r4:start', 'r4:end']);
  });
});

describe('queryEntities', () => {
  it('combines kind (or type), country, tag and text, as of a date', () => {
    expect(ids(queryEntities(model, { kind: ['facility'] }))).toEqual(['plant-old', 'plant-new', 'base']);
    expect(ids(queryEntities(model, { kind: ['airfield'] }))).toEqual(['base']);
    expect(ids(queryEntities(model, { country: ['by'], kind: ['facility', 'state'] }))).toEqual([
      'by',
      'plant-old',
      'base',
    ]);
    expect(ids(queryEntities(model, { text: 'BYELORUSSIA' }))).toEqual(['by']);
    expect(ids(queryEntities(model, { text: 'plant', asOf: '2016-06-01' }))).toEqual(['plant-new']);
    expect(ids(queryEntities(model, { tag: ['nope'] }))).toEqual([]);
  });
});
