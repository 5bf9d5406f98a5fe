import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coverage } from './coverage.js';
import { evidenceFor } from './evidence-for.js';
import { ingestFiles } from './ingest-files.js';
import { modelGazetteer } from './model-gazetteer.js';
import { readModel } from '../store/read-model.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const model = readModel(join(ROOT, 'test/fixtures/evidence-model'));
let store: SqliteStore;

beforeAll(async () => {
  store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'tyl-cov-')), 'w.db'), { create: true });
  await ingestFiles(store, [join(ROOT, 'test/fixtures/evidence-docs/field-notes.md')], {
    gazetteer: modelGazetteer(model),
    actor: 't',
  });
});
afterAll(async () => {
  await store.close();
});

describe('coverage', () => {
  it('reports uncited elements, dangling citations, sources not ingested and uncited paragraphs', async () => {
    const r = await coverage(model, store);
    // elements: 9 entities, 2 relations, 1 dependency; cited: ru, by, mzkt, zelensky, relation mzkt-supplies, the dependency (via its provider)
    expect(r.elements).toEqual({ total: 12, cited: 6, uncited: 6, estimates: 0 });
    expect(r.uncited.map((e) => e.id)).toEqual([
      'lukashenko',
      'plant-558',
      'ru-army',
      'bch',
      'eu',
      expect.stringContaining('located-in'),
    ]);
    expect(r.citations).toEqual({ total: 6, resolved: 4, dangling: 1, notIngested: 1 });
    expect(r.dangling.map((d) => [d.element.id, d.reason])).toEqual([
      ['zelensky', 'no paragraph 9 in section "overview"'],
    ]);
    expect(r.notIngested).toEqual([{ source: 'other-report', citations: 1 }]);
    const s = r.sources.find((x) => x.source === 'field-notes')!;
    expect([s.paragraphs, s.cited]).toEqual([11, 2]);
    expect(s.uncited.map((u) => `${u.section}/${u.paragraph}`)).toEqual([
      'summary/1',
      'overview/2',
      'industry/2',
      'industry/3',
      'transit/1',
      'transit/2',
      'people/1',
      'people/2',
      'people/3',
    ]);
  });
});

describe('evidenceFor', () => {
  it('returns the cited paragraphs in full with the document’s metadata, and the entity’s mentions', async () => {
    const r = await evidenceFor(model, store, 'mzkt');
    expect(r.element).toMatchObject({ kind: 'entity', id: 'mzkt', label: 'Minsk Wheeled Tractor Plant' });
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]).toMatchObject({
      status: 'ok',
      document: { title: 'Field notes on rail and repair', author: 'Test Writer', date: '2024-03-05' },
    });
    expect(r.citations[0].paragraphs[0].text).toMatch(
      /^The Minsk Wheeled Tractor Plant supplies heavy chassis/,
    );
    expect(r.mentions).toEqual({ 'field-notes': 2 });
  });

  it('marks unresolved citations and finds relations and dependencies', async () => {
    expect((await evidenceFor(model, store, 'zelensky')).citations.map((c) => c.status)).toEqual([
      'missing-paragraph',
    ]);
    expect(
      (await evidenceFor(model, store, 'army-needs-chassis')).citations.map((c) => [c.where, c.status]),
    ).toEqual([['providers[mzkt]', 'source-not-ingested']]);
    expect((await evidenceFor(model, store, 'mzkt-supplies-ru-army')).citations[0].status).toBe('ok');
    await expect(evidenceFor(model, store, 'mzk')).rejects.toThrow(
      /no entity, relation or dependency "mzk".*did you mean "mzkt"/,
    );
  });
});
