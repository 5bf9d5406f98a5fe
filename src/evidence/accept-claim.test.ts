import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceptClaim, rejectClaim, confidenceGrade } from './accept-claim.js';
import { ingestFiles } from './ingest-files.js';
import { modelGazetteer } from './model-gazetteer.js';
import { readModel } from '../store/read-model.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/evidence-model/model.yaml');

let dir: string;
let modelDir: string;
let file: string;
let store: SqliteStore;
const who = { actor: 'ana' };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tyl-accept-'));
  modelDir = join(dir, 'model');
  mkdirSync(modelDir);
  file = join(modelDir, 'model.yaml');
  copyFileSync(FIXTURE, file);
  store = openSqliteStore(join(dir, 'w.db'), { create: true });
  await ingestFiles(store, [join(ROOT, 'test/fixtures/evidence-docs/field-notes.md')], {
    gazetteer: modelGazetteer(readModel(modelDir)),
    actor: 't',
  });
});
afterEach(async () => {
  await store.close();
});

const claimOf = async (type: string, from: string, to: string) => {
  const c = (await store.listClaims({})).find((x) => x.type === type && x.from === from && x.to === to);
  if (!c) throw new Error(`no claim ${from} ${type} ${to}: ${JSON.stringify(await store.listClaims())}`);
  return c;
};

describe('acceptClaim', () => {
  it('writes the relation with its citation, adding lines only, and records the decision', async () => {
    const before = readFileSync(file, 'utf8');
    const c = await claimOf('supplies', 'plant-558', 'ru-army');
    const r = await acceptClaim(store, c.id, modelDir, { ...who, cwd: dir, reason: 'checked the source' });
    expect(r).toMatchObject({
      action: 'written',
      relationId: 'plant-558-supplies-ru-army',
      file: 'model/model.yaml',
    });
    const after = readFileSync(file, 'utf8');
    // the original text is intact around the inserted block
    const added = after.length - before.length;
    const at = [...before].findIndex((ch, i) => ch !== after[i]);
    expect(before.slice(0, at) + after.slice(at + added)).toBe(before);
    expect(after.slice(at, at + added)).toContain(
      'cite:\n      - { source: field-notes, section: industry, paragraph: 3 }',
    );
    const model = readModel(modelDir);
    const rel = model.relations.find((x) => x.id === 'plant-558-supplies-ru-army')!;
    expect(rel).toMatchObject({
      type: 'supplies',
      from: 'plant-558',
      to: 'ru-army',
      confidence: confidenceGrade(c.confidence),
    });
    expect(rel.cite).toEqual([{ source: 'field-notes', section: 'industry', paragraph: 3 }]);
    expect(await store.getClaim(c.id)).toMatchObject({
      status: 'accepted',
      decidedBy: 'ana',
      reason: 'checked the source',
      writtenTo: 'model/model.yaml',
    });
    expect((await store.changes({ target: `claim:${c.id}` })).map((x) => x.action)).toEqual(['accept']);
    expect(readdirSync(modelDir)).toEqual(['model.yaml']);
  });

  it('removes temporary files left by a killed writer, but not those of a running one', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(modelDir, `.model.yaml.tyl-${dead}.tmp`), 'partial');
    writeFileSync(join(modelDir, `.model.yaml.tyl-${process.ppid}.tmp`), 'in progress elsewhere');
    const c = await claimOf('supplies', 'plant-558', 'ru-army');
    await acceptClaim(store, c.id, modelDir, who);
    expect(readdirSync(modelDir).sort()).toEqual([`.model.yaml.tyl-${process.ppid}.tmp`, 'model.yaml']);
  });

  it('is idempotent: a relation already citing the paragraph is not written again', async () => {
    const c = await claimOf('supplies', 'mzkt', 'ru-army');
    const before = readFileSync(file, 'utf8');
    const r = await acceptClaim(store, c.id, modelDir, who);
    expect(r).toMatchObject({ action: 'present', relationId: 'mzkt-supplies-ru-army' });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('after a crash between writing the YAML and recording the decision, accepting again finishes the job', async () => {
    const c = await claimOf('supplies', 'plant-558', 'ru-army');
    await expect(
      acceptClaim(store, c.id, modelDir, {
        ...who,
        afterWrite: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect((await store.getClaim(c.id))?.status).toBe('pending');
    const written = readFileSync(file, 'utf8');
    const r = await acceptClaim(store, c.id, modelDir, who);
    expect(r.action).toBe('present');
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect((await store.getClaim(c.id))?.status).toBe('accepted');
  });

  it('adds the citation to an existing relation of the same type and ends', async () => {
    const c = await claimOf('sanctioned-by', 'bch', 'eu');
    const before = readFileSync(file, 'utf8');
    await acceptClaim(store, c.id, modelDir, who);
    // a second claim with the same ends from another paragraph: simulate by editing the stored anchor
    store.db
      .prepare("UPDATE claims SET id = 'c-other', paragraph = 1, status = 'pending' WHERE id = ?")
      .run(c.id);
    const r = await acceptClaim(store, 'c-other', modelDir, who);
    expect(r.action).toBe('cited');
    const rel = readModel(modelDir).relations.find((x) => x.type === 'sanctioned-by')!;
    expect(rel.cite.map((x) => x.paragraph)).toEqual([2, 1]);
    expect(readFileSync(file, 'utf8')).toContain(before.split('\n')[0]);
  });

  it('adds the cited document to the model’s sources when it is not one yet', async () => {
    await ingestFiles(store, [join(ROOT, 'test/fixtures/evidence-docs/briefing.html')], {
      gazetteer: modelGazetteer(readModel(modelDir)),
      actor: 't',
    });
    const c = await claimOf('hosts', 'by', 'ru-army');
    expect(readModel(modelDir).sources.map((x) => x.id)).toEqual(['field-notes', 'other-report']);
    const before = readFileSync(file, 'utf8');
    const r = await acceptClaim(store, c.id, modelDir, who);
    expect(r.action).toBe('written');
    const model = readModel(modelDir);
    expect(model.sources.find((x) => x.id === 'briefing')).toMatchObject({
      title: 'Briefing & background',
      author: 'Test Writer',
      date: '2024-04-01',
    });
    expect(model.relations.find((x) => x.id === 'by-hosts-ru-army')?.cite).toEqual([
      { source: 'briefing', section: 'briefing', paragraph: 1 },
    ]);
    for (const line of before.split('\n')) expect(readFileSync(file, 'utf8')).toContain(line);
  });

  it('refuses unknown claims, rejected claims, and claims naming entities the model lost', async () => {
    await expect(acceptClaim(store, 'c-none', modelDir, who)).rejects.toThrow(/no claim "c-none"/);
    const c = await claimOf('supplies', 'plant-558', 'ru-army');
    const rejected = await rejectClaim(store, c.id, { ...who, reason: 'overstated' });
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'overstated' });
    await expect(acceptClaim(store, c.id, modelDir, who)).rejects.toThrow(/was rejected/);
    const other = await claimOf('supplies', 'mzkt', 'ru-army');
    await acceptClaim(store, other.id, modelDir, who);
    await expect(rejectClaim(store, other.id, who)).rejects.toThrow(/was accepted/);
    const before = readFileSync(file, 'utf8');
    const lost = await claimOf('sanctioned-by', 'bch', 'eu');
    store.db.prepare("UPDATE claims SET to_entity = 'gone' WHERE id = ?").run(lost.id);
    await expect(acceptClaim(store, lost.id, modelDir, who)).rejects.toThrow(
      /names entity "gone", which the model no longer has/,
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
