// End-to-end: `tyl import` and the interop exporters through the real executable (node bin/tyl.js),
// on fixture files copied into a temporary working directory: exit codes, located messages,
// atomic writes (nothing half-imported) and round trips through the files the commands write.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { readModel } from '../../src/store/read-model.js';
import { comparableSections } from '../../src/interop/comparable-model.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tyl.js');
let cwd: string;

/** The real executable, as a user runs it (a few tests, to cover bin/tyl.js and process exit codes). */
function tylProcess(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same CLI in-process (runCli with captured streams): the same code path, without a Node start-up per call. */
async function tyl(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tyl-e2e-interop-'));
  for (const f of ['tiny', 'interop-rich', 'interop-ftm', 'interop-csv-malformed'])
    cpSync(join(root, 'test', 'fixtures', f), join(cwd, f), { recursive: true });
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('tyl import ftm', async () => {
  it('imports an OpenSanctions-style file as a new model that validates', async () => {
    const r = tylProcess('import', 'ftm', 'interop-ftm/entities.ftm.json', '--out', 'os');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8 entities, 5 relations, 0 dependencies, 6 sources');
    expect(r.stdout).toContain('skipped: 1 Address record');
    expect(readdirSync(join(cwd, 'os')).sort()).toEqual([
      'entities.yaml',
      'model.yaml',
      'relations.yaml',
      'sources.yaml',
    ]);
    const v = await tyl('validate', 'os');
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('8 entities, 5 relations');
  });

  it('reads gzipped files', async () => {
    writeFileSync(
      join(cwd, 'entities.ftm.json.gz'),
      gzipSync(readFileSync(join(cwd, 'interop-ftm', 'entities.ftm.json'))),
    );
    const r = await tyl('import', 'ftm', 'entities.ftm.json.gz', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8 entities, 5 relations, 0 dependencies, 6 sources');
    expect(r.stdout).toContain('dry run: nothing written');
  });

  it('writes nothing when a line is invalid, and reports every located error', async () => {
    const r = tylProcess('import', 'ftm', 'interop-ftm/malformed.ftm.json', '--out', 'bad', '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.committed).toBe(false);
    expect(out.report.errors).toBe(8);
    expect(out.report.problems[0]).toMatchObject({
      code: 'ftm-date',
      at: { file: 'interop-ftm/malformed.ftm.json', line: 2 },
      path: 'properties.birthDate[0]',
    });
    expect(existsSync(join(cwd, 'bad'))).toBe(false);
    expect(readdirSync(cwd).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('imports the valid rest with --skip-invalid', async () => {
    const r = await tyl('import', 'ftm', 'interop-ftm/malformed.ftm.json', '--out', 'rest', '--skip-invalid');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('malformed.ftm.json:5:63: error[ftm-json]');
    expect(readModel(join(cwd, 'rest')).entities.map((e) => e.id)).toEqual(['p1', 'c2']);
  });

  it('merges into a model folder and reports the merges', async () => {
    cpSync(join(cwd, 'interop-rich'), join(cwd, 'merge-target'), { recursive: true });
    const lines = [
      {
        id: 'NK-1',
        schema: 'Company',
        properties: { name: ['mzkt'], country: ['by'] },
        datasets: ['eu_fsf'],
      },
      { id: 'by', schema: 'PublicBody', properties: { name: ['Republic of Belarus'] }, datasets: ['eu_fsf'] },
      {
        id: 'NK-2',
        schema: 'Person',
        properties: { name: ['New Person'], country: ['by'] },
        datasets: ['eu_fsf'],
      },
      {
        id: 'own-9',
        schema: 'Ownership',
        properties: { owner: ['NK-2'], asset: ['NK-1'] },
        datasets: ['eu_fsf'],
      },
    ];
    writeFileSync(join(cwd, 'merge.ftm.json'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await tyl('import', 'ftm', 'merge.ftm.json', '--into', 'merge-target');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('merged: line 1: NK-1 "mzkt" into mzkt (by name+country)');
    expect(r.stdout).toContain('merged: line 2: by "Republic of Belarus" into by (by id)');
    const m = readModel(join(cwd, 'merge-target'));
    expect(m.relations.find((x) => x.id === 'own-9')).toMatchObject({
      from: 'nk-2',
      to: 'mzkt',
      type: 'owns',
    });
    expect(existsSync(join(cwd, 'merge-target', 'imported', 'merge', 'entities.yaml'))).toBe(true);
  });

  it('merges everything on a second import of the same file, and writes nothing new', async () => {
    const r = await tyl('import', 'ftm', 'merge.ftm.json', '--into', 'merge-target');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('merged: line 3: NK-2 "New Person" into nk-2 (by id)');
    expect(r.stdout).toContain('nothing new');
    expect(readdirSync(join(cwd, 'merge-target', 'imported'))).toEqual(['merge']);
  });

  it('refuses to write over a folder that is not empty', async () => {
    mkdirSync(join(cwd, 'full'));
    writeFileSync(join(cwd, 'full', 'keep.yaml'), 'entities: []\n');
    const r = await tyl('import', 'ftm', 'interop-ftm/entities.ftm.json', '--out', 'full');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already exists and is not an empty folder');
    expect(readFileSync(join(cwd, 'full', 'keep.yaml'), 'utf8')).toBe('entities: []\n');
  });
});

describe('tyl export ftm | import ftm and export csv-* | import csv', async () => {
  it('round-trips the interop fixture through FtM files', async () => {
    expect((await tyl('export', 'ftm', 'interop-rich', '--out', 'rich.ftm.json')).code).toBe(0);
    const r = await tyl('import', 'ftm', 'rich.ftm.json', '--out', 'rich-back', '--id', 'interop-rich');
    expect(r.code).toBe(0);
    expect(comparableSections(readModel(join(cwd, 'rich-back')))).toEqual(
      comparableSections(readModel(join(cwd, 'interop-rich'))),
    );
  });

  it('round-trips the interop fixture through CSV files', async () => {
    mkdirSync(join(cwd, 'csv'));
    for (const t of ['sources', 'entities', 'relations', 'dependencies'])
      expect((await tyl('export', `csv-${t}`, 'interop-rich', '--out', `csv/${t}.csv`)).code).toBe(0);
    const r = await tyl('import', 'csv', 'csv', '--out', 'csv-back');
    expect(r.code).toBe(0);
    expect(comparableSections(readModel(join(cwd, 'csv-back')))).toEqual(
      comparableSections(readModel(join(cwd, 'interop-rich'))),
    );
  });

  it('reports malformed CSV rows located, and writes nothing', async () => {
    const r = await tyl('import', 'csv', 'interop-csv-malformed', '--out', 'csv-bad');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'interop-csv-malformed/entities.csv:3:2: error[schema]: kind (column 2): "stat" is not one of',
    );
    expect(r.stderr).toContain(
      'interop-csv-malformed/relations.csv:4:3: error[unknown-reference]: to (column 3): unknown entity "nowhere"',
    );
    expect(existsSync(join(cwd, 'csv-bad'))).toBe(false);
  });
});

describe('tyl export gexf | graphml', async () => {
  it('writes GEXF and GraphML for the tiny model', async () => {
    const g = await tyl('export', 'gexf', 'tiny');
    expect(g.code).toBe(0);
    expect(g.stdout).toContain('<gexf');
    expect(g.stdout).toContain('mode="dynamic"');
    const m = await tyl('export', 'graphml', 'tiny');
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/<node id="a">.*<\/node>/);
    expect(m.stdout).toContain('<edge id="b--supplies--a" source="b" target="a">');
  });
});
