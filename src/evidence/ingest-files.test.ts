import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestFiles } from './ingest-files.js';
import { buildGazetteer } from './gazetteer.js';
import { modelGazetteer } from './model-gazetteer.js';
import { readModel } from '../store/read-model.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = join(ROOT, 'test/fixtures/evidence-docs');
const MODEL = readModel(join(ROOT, 'test/fixtures/evidence-model'));
const gazetteer = modelGazetteer(MODEL);

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tyl-ingest-'));
  store = openSqliteStore(join(dir, 'w.db'), { create: true });
});
afterEach(async () => {
  await store.close();
});

const snapshot = async () => ({
  stats: await store.stats(),
  changes: await store.changes(),
  docs: await store.listDocuments(),
});

describe('ingestFiles', () => {
  it('ingests Markdown with front matter, HTML and plain text with their metadata', async () => {
    const r = await ingestFiles(
      store,
      ['field-notes.md', 'briefing.html', 'plain.txt'].map((f) => join(DOCS, f)),
      { gazetteer, actor: 'tester', cwd: ROOT },
    );
    expect(r.map((x) => [x.source, x.status, x.paragraphs])).toEqual([
      ['field-notes', 'created', 11],
      ['briefing', 'created', 4],
      ['plain', 'created', 2],
    ]);
    expect(await store.getDocument('field-notes')).toMatchObject({
      format: 'markdown',
      title: 'Field notes on rail and repair',
      author: 'Test Writer',
      date: '2024-03-05',
      path: 'test/fixtures/evidence-docs/field-notes.md',
    });
    expect(await store.getDocument('briefing')).toMatchObject({
      format: 'html',
      title: 'Briefing & background',
      author: 'Test Writer',
      date: '2024-04-01',
    });
    expect((await store.getParagraphs('briefing')).map((p) => `${p.section}/${p.paragraph}`)).toEqual([
      'briefing/1',
      'repair-maintenance/1',
      'repair-maintenance/2',
      'repair-maintenance/3',
    ]);
    expect((await store.getDocument('plain'))?.format).toBe('text');
    const m = await store.listMentions({ source: 'field-notes', entity: 'lukashenko' });
    expect(m.map((x) => x.surface)).toEqual(['Aliaksandr Lukashenka', 'Лукашенко', 'Luka- shenko']);
    expect((await store.candidateNames()).map((c) => c.name)).toEqual(
      expect.arrayContaining(['Borisov Autoworks', 'Ivan Petrovich']),
    );
  });

  it('re-ingesting the same file changes nothing, not even the change log', async () => {
    const f = join(DOCS, 'field-notes.md');
    await ingestFiles(store, [f], { gazetteer, actor: 't' });
    const before = await snapshot();
    const r = await ingestFiles(store, [f], { gazetteer, actor: 't' });
    expect(r[0].status).toBe('unchanged');
    expect(await snapshot()).toEqual(before);
  });

  it('re-ingesting an edited document keeps the anchors of unchanged paragraphs', async () => {
    const f = join(dir, 'notes.md');
    writeFileSync(f, '# Alpha\n\nFirst para.\n\nSecond para.\n\nThird para.\n\n# Beta\n\nOnly para.\n');
    await ingestFiles(store, [f], { gazetteer, actor: 't' });
    // insert a paragraph at the top of Alpha, edit the third, drop Beta's
    writeFileSync(
      f,
      '# Alpha\n\nNew opening para.\n\nFirst para.\n\nSecond para.\n\nThird para, edited.\n\n# Beta\n',
    );
    const [r] = await ingestFiles(store, [f], { gazetteer, actor: 't' });
    // kept: First, Second; added: the new opening and the edited third (in place, ¶3); removed: Beta's
    expect(r).toMatchObject({ status: 'updated', version: 2, kept: 2, added: 2, removed: 1 });
    const byAnchor = Object.fromEntries(
      (await store.getParagraphs('notes')).map((p) => [`${p.section}/${p.paragraph}`, p.text]),
    );
    expect(byAnchor).toEqual({
      'alpha/1': 'First para.',
      'alpha/2': 'Second para.',
      'alpha/3': 'Third para, edited.',
      'alpha/4': 'New opening para.',
    });
    expect((await store.getParagraphs('notes')).map((p) => p.text)[0]).toBe('New opening para.');
  });

  it('re-runs mentions when the model’s names change, keeping paragraphs', async () => {
    const f = join(DOCS, 'plain.txt');
    const entityMentions = async () =>
      (await store.listMentions()).filter((m) => m.entity).map((m) => m.entity);
    await ingestFiles(store, [f], { gazetteer: buildGazetteer([]), actor: 't' });
    expect(await entityMentions()).toEqual([]);
    const [r] = await ingestFiles(store, [f], { gazetteer, actor: 't' });
    expect(r).toMatchObject({ status: 'updated', kept: 2, added: 0, removed: 0 });
    expect(await entityMentions()).toEqual(['by', 'ru']);
  });

  it('refuses bad inputs with a clear error and writes nothing, even when other files are fine', async () => {
    await ingestFiles(store, [join(DOCS, 'plain.txt')], { gazetteer, actor: 't' });
    const before = await snapshot();
    const good = join(DOCS, 'field-notes.md');
    const bad = (name: string, bytes: Buffer | string) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    };
    mkdirSync(join(dir, 'folder'));
    copyFileSync(good, join(dir, 'copy.md'));
    const cases: [string[], RegExp][] = [
      [[good, bad('bin.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]))], /bin.md: binary file \(PNG\)/],
      [
        [good, bad('latin1.txt', Buffer.from('caf\xe9 au lait', 'latin1'))],
        /latin1.txt: not valid UTF-8 \(first bad byte 0xe9 at offset 3\)/,
      ],
      [[good, bad('empty.md', '')], /empty.md: empty file/],
      [[good, bad('big.txt', 'x'.repeat(3000))], /big.txt: file too large/],
      [[good, join(dir, 'missing.md')], /missing.md: no such file/],
      [[good, join(dir, 'folder')], /folder: is a folder/],
      [[good, bad('fm-only.md', '---\ntitle: x\n---\n')], /fm-only.md: no paragraphs of text found/],
      [
        [good, join(dir, 'copy.md'), bad('field-notes.txt', 'Some text.')],
        /would both be source "field-notes"/,
      ],
    ];
    for (const [paths, re] of cases)
      await expect(ingestFiles(store, paths, { gazetteer, actor: 't', maxBytes: 2048 })).rejects.toThrow(re);
    await expect(ingestFiles(store, [good, good], { gazetteer, source: 'x' })).rejects.toThrow(
      /--source names one document/,
    );
    await expect(ingestFiles(store, [good], { gazetteer, source: 'Bad Id' })).rejects.toThrow(/is not an id/);
    expect(await snapshot()).toEqual(before);
  });
});
