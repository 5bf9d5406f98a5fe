import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readModel } from '../store/read-model.js';
import { parseModel } from '../model/parse-model.js';
import type { Model } from '../model/types.js';
import { exportFtm } from './ftm-export.js';
import { importFtm } from './ftm-import.js';
import { memorySink } from './model-sink.js';
import { emitYaml, type YamlValue } from './emit-yaml.js';
import { comparableSections } from './comparable-model.js';

function tryLoad(path: string): Model | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readModel(path);
  } catch {
    return undefined;
  }
}
const FLAGSHIP = tryLoad('models/russia-belarus');

async function viaFtm(model: Model): Promise<Model> {
  const text = exportFtm(model);
  const sink = memorySink();
  const report = await importFtm(text.split('\n'), sink, { file: 'model.ftm.json' });
  expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
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

describe('model -> FtM -> model', () => {
  it('keeps every source, entity, relation, dependency and citation of the interop fixture', async () => {
    const model = readModel('test/fixtures/interop-rich');
    const back = await viaFtm(model);
    expect(comparableSections(back)).toEqual(comparableSections(model));
  });

  it('writes standard FtM: schemata by kind, edges by edge spec, sanctions on their target', () => {
    const model = readModel('test/fixtures/interop-rich');
    const recs = exportFtm(model)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const get = (id: string) => recs.find((r) => r.id === id);
    expect(get('mzkt').schema).toBe('Company');
    expect(get('mzkt').properties.country).toEqual(['by']);
    expect(get('lukashenka').schema).toBe('Person');
    expect(get('eu-sanctions-2022')).toMatchObject({
      schema: 'Sanction',
      properties: { entity: ['mzkt'], authority: ['European Union'] },
    });
    expect(get('by--owns--mzkt')).toMatchObject({
      schema: 'Ownership',
      properties: { owner: ['by'], asset: ['mzkt'], startDate: ['1991'] },
    });
    // funds is written as a Payment: payer (the edge's source) is the tyl `from`.
    expect(get('ru--funds--by')).toMatchObject({
      schema: 'Payment',
      properties: { payer: ['ru'], beneficiary: ['by'] },
    });
    // A capability is an Asset and cannot be a Directorship's organization: falls back to UnknownLink.
    expect(get('mzkt--supplies--topol-m')).toMatchObject({
      schema: 'UnknownLink',
      properties: { subject: ['mzkt'], object: ['topol-m'], role: ['supplies'] },
    });
    expect(get('tyl-source-paper')).toMatchObject({
      schema: 'Document',
      properties: { title: ['A paper: on dependence'] },
    });
  });

  // The flagship is written concurrently by another issue; the test is skipped (not passed) while it does not load.
  it.skipIf(!FLAGSHIP)('keeps the flagship model whole', async () => {
    const model = FLAGSHIP!;
    expect(model.entities.length).toBeGreaterThan(10);
    const back = await viaFtm(model);
    expect(comparableSections(back)).toEqual(comparableSections(model));
  });
});
