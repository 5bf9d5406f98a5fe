import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from './generate-corpus.js';
import { buildGazetteer } from './gazetteer.js';
import { ingestFiles } from './ingest-files.js';
import { prepareDocument, readDocument } from './prepare-document.js';
import { writerThread } from './writer-thread.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';
import { UserError } from '../model/problem.js';

const dir = mkdtempSync(join(tmpdir(), 'tyl-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// everything a workspace holds after an ingest, but the times of the change log
async function contents(store: SqliteStore) {
  const docs = (await store.listDocuments()).map(({ ingestedAt: _t, ...d }) => d);
  const paragraphs = await Promise.all(docs.map((d) => store.getParagraphs(d.source)));
  return {
    stats: await store.stats(),
    docs,
    paragraphs,
    mentions: await store.listMentions(),
    claims: await store.listClaims(),
    candidates: await store.candidateNames({ minCount: 1, limit: 100_000 }),
    search: await store.search('supplies'),
    changes: (await store.changes()).map(({ at: _a, seq: _s, ...c }) => c),
  };
}

describe('writerThread', () => {
  it('leaves the workspace an ingest on the main thread leaves, in the same order', async () => {
    const corpus = generateCorpus({ pages: 120, entities: 300, pagesPerDocument: 6, seed: 5 });
    const gazetteer = buildGazetteer(corpus.entities);
    const paths = corpus.documents.map((d) => {
      const p = join(dir, d.name);
      writeFileSync(p, d.text);
      return p;
    });
    const got = [];
    const progress: string[][] = [];
    for (const writer of [false, true]) {
      const store = openSqliteStore(join(dir, `w-${writer}.db`), { create: true });
      const seen: string[] = [];
      const results = await ingestFiles(store, paths, {
        gazetteer,
        actor: 't',
        writer,
        batchDocuments: 3,
        onProgress: (_d, _n, p) => seen.push(p),
      });
      progress.push(seen);
      got.push({ results, contents: await contents(store) });
      await store.close();
    }
    expect(got[0].contents.stats.documents).toBe(20);
    expect(got[1]).toEqual(got[0]);
    expect(progress[1]).toEqual(progress[0]);
  }, 60_000);

  it('rejects a batch the store refuses with its UserError, writes none of it, and nothing after', async () => {
    const path = join(dir, 'bad.db');
    const store = openSqliteStore(path, { create: true });
    const gazetteer = buildGazetteer([]);
    const doc = (source: string) => {
      const text = `# A\n\nOne paragraph about ${source}.\n\nAnother one.\n`;
      return {
        doc: prepareDocument({ source, path: `${source}.md`, text, bytes: text.length }, { gazetteer }),
        paragraphs: readDocument(`${source}.md`, text).split.paragraphs,
      };
    };
    const good = doc('good');
    const bad = doc('bad');
    bad.doc = { ...bad.doc, paragraphs: [bad.doc.paragraphs[0], bad.doc.paragraphs[0]] };
    const w = writerThread(path);
    try {
      expect((await w.put([good], { actor: 't' })).map((r) => r.status)).toEqual(['created']);
      const refused = w.put([doc('other'), bad], { actor: 't' });
      await expect(refused).rejects.toThrow(UserError);
      await expect(refused).rejects.toThrow(/duplicate anchor/);
      await expect(w.put([doc('later')], { actor: 't' })).rejects.toThrow(/duplicate anchor/);
    } finally {
      await w.close();
    }
    expect((await store.listDocuments()).map((d) => d.source)).toEqual(['good']);
    await store.close();
  });
});
