import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseModel } from '../model/parse-model.js';
import type { ImportReport } from './ftm-import.js';
import { importFtm } from './ftm-import.js';
import { memorySink } from './model-sink.js';
import { emitYaml, type YamlValue } from './emit-yaml.js';
import { fileSpool } from './spool.js';
import { exportFtm } from './ftm-export.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SAMPLE = 'test/fixtures/interop-ftm/entities.ftm.json';
const MALFORMED = 'test/fixtures/interop-ftm/malformed.ftm.json';
const lines = (f: string) => readFileSync(f, 'utf8').split('\n');

async function run(file: string, existing?: Parameters<typeof importFtm>[2]) {
  const sink = memorySink();
  const report = await importFtm(lines(file), sink, { file, ...existing });
  return { sink, report };
}

const errorLines = (r: ImportReport) =>
  r.problems.filter((p) => p.severity === 'error').map((p) => [p.at?.line, p.code, p.path]);

describe('importFtm on an OpenSanctions-style file', () => {
  it('maps schemata to kinds, keeps provenance and cites each record', async () => {
    const { sink, report } = await run(SAMPLE);
    expect(report.errors).toBe(0);
    const e = (id: string) => sink.file.entities.find((x) => x.id === id)!;
    expect(e('nk-mzkt')).toMatchObject({
      kind: 'company',
      name: 'Minsk Wheel Tractor Plant',
      aliases: ['MZKT', 'ОАО МЗКТ'],
      country: 'BY',
      valid: { from: '1954' },
    });
    expect(e('nk-mzkt').attributes).toMatchObject({
      ftm_id: 'NK-MzKt',
      ftm_schema: 'Company',
      datasets: ['eu_fsf', 'us_ofac_sdn'],
      first_seen: '2021-06-21T00:00:00',
      innCode: '600125834',
      target: true,
      last_change: '2024-04-30T12:00:00',
    });
    expect(e('nk-mzkt').cite).toEqual([
      { source: 'opensanctions-eu_fsf', section: 'NK-MzKt', paragraph: 1 },
      { source: 'opensanctions-us_ofac_sdn', section: 'NK-MzKt', paragraph: 1 },
    ]);
    expect(e('nk-belstate')).toMatchObject({ kind: 'organisation', type: 'public-body', country: 'BY' });
    expect(e('q7747')).toMatchObject({ kind: 'person', country: 'RU' });
    expect(e('vessel-1')).toMatchObject({ kind: 'product', type: 'vessel', country: 'RU' });
    // Every element is cited, and every cited source is written.
    const sources = new Set(sink.file.sources.map((s) => s.id));
    for (const x of [...sink.file.entities, ...sink.file.relations]) {
      expect(x.cite?.length).toBeGreaterThan(0);
      for (const c of x.cite!) expect(sources.has(c.source)).toBe(true);
    }
  });

  it('keeps a sanction on its target, reached through a referent id', async () => {
    const { sink } = await run(SAMPLE);
    expect(sink.file.entities.find((x) => x.id === 'eu-fsf-sanc-1')).toMatchObject({
      kind: 'sanction',
      authority: 'European Union',
      programme: 'Belarus (2006/362/CFSP)',
      date: '2021-06-24',
      targets: ['nk-mzkt'],
    });
  });

  it('takes direction from the edge spec, also for relations read before their endpoints', async () => {
    const { sink } = await run(SAMPLE);
    const r = (id: string) => sink.file.relations.find((x) => x.id === id);
    expect(r('nk-own-1')).toMatchObject({
      type: 'owns',
      from: 'nk-belstate',
      to: 'nk-mzkt',
      valid: { from: '1991-12' },
    });
    expect(r('dir-1')).toMatchObject({ type: 'head-of', from: 'q3079', to: 'nk-belstate' });
    // Debt: debtor owes creditor, so the creditor funds the debtor.
    expect(r('debt-1')).toMatchObject({ type: 'funds', from: 'nk-rustate', to: 'nk-belstate' });
    expect(r('mem-1')).toMatchObject({ type: 'member-of', from: 'nk-belstate', to: 'csto' });
  });

  it('reports skipped schemata and drops links to them', async () => {
    const { report, sink } = await run(SAMPLE);
    expect(report.skipped).toEqual([
      { schema: 'Address', count: 1, reason: expect.stringContaining('Address') },
    ]);
    expect(report.droppedReferences).toBe(1);
    expect(sink.file.relations.find((x) => x.id === 'link-addr')).toBeUndefined();
  });

  it('writes a model that loads', async () => {
    const { sink } = await run(SAMPLE);
    const r = parseModel([
      { path: 'i.yaml', text: emitYaml(sink.file as unknown as Record<string, YamlValue>) },
    ]);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.model!.entities).toHaveLength(8);
    expect(r.model!.relations).toHaveLength(5);
  });

  it('gives the same result through a file spool', async () => {
    const mem = await run(SAMPLE);
    const dir = mkdtempSync(join(tmpdir(), 'tyl-spool-'));
    const viaFile = await run(SAMPLE, { spool: fileSpool(join(dir, 'spool.jsonl')) });
    expect(viaFile.sink.file).toEqual(mem.sink.file);
  });
});

describe('importFtm merging into a model', () => {
  it('merges by id and by normalised name + country, and reports it', async () => {
    const existing = parseModel([
      {
        path: 'm.yaml',
        text: `
sources: [{ id: doc, title: Doc }]
entities:
  - { id: csto, kind: organisation, name: CSTO }
  - { id: mzkt, kind: company, name: "MZKT", country: BY, estimate: true }
  - { id: lukashenka, kind: person, name: "Alexander LUKASHENKO", country: BY, estimate: true }
  - { id: putin, kind: person, name: Vladimir Putin, country: BY, estimate: true }
`,
      },
    ]).model!;
    const { sink, report } = await run(SAMPLE, { existing });
    expect(report.errors).toBe(0);
    expect(report.merged.map((m) => [m.inputId, m.into, m.by])).toEqual([
      ['NK-MzKt', 'mzkt', 'name+country'],
      ['Q3079', 'lukashenka', 'name+country'],
      ['csto', 'csto', 'id'],
    ]);
    // Putin's country differs (RU in the file, BY in the model): not merged.
    expect(sink.file.entities.map((e) => e.id)).toContain('q7747');
    // Relations point at the model's entities.
    expect(sink.file.relations.find((r) => r.id === 'nk-own-1')).toMatchObject({ to: 'mzkt' });
    expect(sink.file.relations.find((r) => r.id === 'mem-1')).toMatchObject({ to: 'csto' });
    expect(sink.file.entities.find((e) => e.id === 'eu-fsf-sanc-1')!.targets).toEqual(['mzkt']);
  });
});

describe('importFtm on malformed input', () => {
  it('locates every error (line, column, field) and still reads the rest of the file', async () => {
    const { report, sink } = await run(MALFORMED);
    expect(errorLines(report)).toEqual([
      [2, 'ftm-date', 'properties.birthDate[0]'],
      [3, 'ftm-schema', 'schema'],
      [4, 'ftm-country', 'properties.nationality[0]'],
      [5, 'ftm-json', undefined],
      [6, 'ftm-property', 'properties.nmae'],
      [7, 'unknown-reference', 'properties.asset'],
      [8, 'duplicate-id', 'id'],
      [9, 'ftm-date', 'first_seen'],
    ]);
    expect(report.invalidLines).toBe(8);
    expect(report.records).toBe(10);
    // The valid lines were read (the caller decides whether to commit them).
    expect(sink.file.entities.map((e) => e.id)).toEqual(['p1', 'c2']);
    const bad = report.problems.find((p) => p.code === 'ftm-date')!;
    expect(bad.at).toEqual({
      file: MALFORMED,
      line: 2,
      column: lines(MALFORMED)[1].indexOf('"1954-13-30"') + 1,
    });
    expect(report.problems.find((p) => p.code === 'ftm-schema')!.message).toContain('did you mean "Person"');
  });
});

describe('FtM -> model -> FtM', () => {
  it('writes imported records back under their FtM ids and schemata', async () => {
    const { sink } = await run(SAMPLE);
    const model = parseModel([
      { path: 'i.yaml', text: emitYaml(sink.file as unknown as Record<string, YamlValue>) },
    ]).model!;
    const recs = exportFtm(model)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const get = (id: string) => recs.find((r) => r.id === id);
    expect(get('NK-own-1')).toMatchObject({
      schema: 'Ownership',
      properties: { owner: ['NK-BelState'], asset: ['NK-MzKt'], startDate: ['1991-12'] },
    });
    expect(get('debt-1')).toMatchObject({
      schema: 'Debt',
      properties: { debtor: ['NK-BelState'], creditor: ['NK-RuState'] },
    });
    expect(get('NK-MzKt')).toMatchObject({
      schema: 'Company',
      datasets: ['eu_fsf', 'us_ofac_sdn'],
      target: true,
      last_change: '2024-04-30T12:00:00',
      properties: { innCode: ['600125834'] },
    });
    expect(get('eu-fsf-sanc-1')).toMatchObject({ schema: 'Sanction', properties: { entity: ['NK-MzKt'] } });
  });
});

describe('importFtm ids', () => {
  it('keeps FtM ids that differ only in case apart, with a warning', async () => {
    const lines = [
      JSON.stringify({ id: 'NK-Ab', schema: 'Person', properties: { name: ['One'] } }),
      JSON.stringify({ id: 'NK-aB', schema: 'Person', properties: { name: ['Two'] } }),
      JSON.stringify({
        id: 'l1',
        schema: 'UnknownLink',
        properties: { subject: ['NK-aB'], object: ['NK-Ab'] },
      }),
    ];
    const sink = memorySink();
    const report = await importFtm(lines, sink);
    expect(report.errors).toBe(0);
    expect(report.problems.map((p) => [p.code, p.at?.line])).toEqual([['id-collision', 2]]);
    expect(sink.file.entities.map((e) => [e.id, e.name])).toEqual([
      ['nk-ab', 'One'],
      ['nk-ab-2', 'Two'],
    ]);
    expect(sink.file.relations[0]).toMatchObject({ from: 'nk-ab-2', to: 'nk-ab' });
  });

  it('checks a tyl block against the model schema, located', async () => {
    const lines = [
      JSON.stringify({
        id: 'x',
        schema: 'Person',
        properties: { name: ['X'] },
        tyl: { kind: 'persn', confidence: 'sure' },
      }),
    ];
    const report = await importFtm(lines, memorySink());
    expect(report.problems.map((p) => [p.at?.line, p.path])).toEqual([
      [1, 'kind'],
      [1, 'confidence'],
    ]);
  });
});

describe('importFtm progress', () => {
  it('reports lines and characters read, every `progressEvery` lines and at the end', async () => {
    const lines = Array.from({ length: 25 }, (_, i) =>
      JSON.stringify({ id: `p${i}`, schema: 'Person', properties: { name: [`P ${i}`] } }),
    );
    const calls: [number, number][] = [];
    await importFtm(lines, memorySink(), { progressEvery: 10, onProgress: (l, c) => calls.push([l, c]) });
    const chars = (n: number) => lines.slice(0, n).reduce((s, l) => s + l.length + 1, 0);
    expect(calls).toEqual([
      [10, chars(10)],
      [20, chars(20)],
      [25, chars(25)],
    ]);
  });
});
