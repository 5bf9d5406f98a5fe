import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readModel } from '../store/read-model.js';
import { parseModel } from '../model/parse-model.js';
import type { Model } from '../model/types.js';
import { exportCsvTables } from './csv-export.js';
import { importCsv } from './csv-import.js';
import { memorySink } from './model-sink.js';
import { emitYaml, type YamlValue } from './emit-yaml.js';
import { comparableSections } from './comparable-model.js';
import { parseCsv } from './csv-text.js';

function tryLoad(path: string): Model | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readModel(path);
  } catch {
    return undefined;
  }
}
const FLAGSHIP = tryLoad('models/russia-belarus');

function viaCsv(model: Model): Model {
  const tables = exportCsvTables(model);
  const sink = memorySink();
  const report = importCsv(
    Object.entries(tables).map(([t, text]) => ({ path: `${t}.csv`, text })),
    sink,
  );
  expect(report.problems).toEqual([]);
  const r = parseModel([
    {
      path: 'back.yaml',
      text: emitYaml({
        model: model.meta as unknown as YamlValue,
        ...(sink.file as unknown as Record<string, YamlValue>),
      }),
    },
  ]);
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return r.model!;
}

describe('model -> CSV -> model', () => {
  it('keeps every source, entity, relation, dependency and citation of the interop fixture', () => {
    const model = readModel('test/fixtures/interop-rich');
    expect(comparableSections(viaCsv(model))).toEqual(comparableSections(model));
  });

  it('also through the tiny fixture', () => {
    const model = readModel('test/fixtures/tiny');
    expect(comparableSections(viaCsv(model))).toEqual(comparableSections(model));
  });

  it.skipIf(!FLAGSHIP)('keeps the flagship model whole', () => {
    expect(FLAGSHIP!.entities.length).toBeGreaterThan(10);
    expect(comparableSections(viaCsv(FLAGSHIP!))).toEqual(comparableSections(FLAGSHIP!));
  });

  it('writes spreadsheet columns: quantities as value/min/max/unit, lists with ;, citations as source#section/paragraph', () => {
    const tables = exportCsvTables(readModel('test/fixtures/interop-rich'));
    const rows = (t: string) => {
      const [h, ...body] = parseCsv(t).records.map((r) => r.fields);
      return body.map((b) => Object.fromEntries(h.map((k, i) => [k, b[i]])));
    };
    const mzkt = rows(tables.entities).find((r) => r.id === 'mzkt')!;
    expect(mzkt).toMatchObject({
      aliases: 'Minsk Wheeled Tractor Plant',
      tags: 'defence;chassis',
      cite: 'paper#defence-industry/7',
      'qty:revenue:min': '100',
      'qty:revenue:mode': '150',
      'qty:revenue:max': '220',
      'qty:revenue:unit': 'million USD',
      'qty:revenue:cite': 'notes#visit/4',
      'attr:sector:list': 'Defence;Vehicles',
      'attr:listed:bool': 'false',
      'attr:staff:unit': 'personnel',
    });
    const deps = rows(tables.dependencies).filter((r) => r.dependency === 'topol-needs-chassis');
    expect(
      deps.map((d) => [d.provider, d['provider:share:min'], d['provider:share:unit'], d['buffer:unit']]),
    ).toEqual([
      ['mzkt', '', '', 'months'],
      ['ru', '0', 'percent', 'months'],
    ]);
  });
});
