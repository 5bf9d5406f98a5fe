import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore, ftsQuery } from './sqlite-store.js';
import { sampleDocument, storeContract } from './store-contract.js';
import { MIGRATIONS, SCHEMA_VERSION, TYL_APPLICATION_ID } from './migrations.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tyl-store-'));

storeContract('sqlite (file)', async () => openSqliteStore(join(tmp(), 'tyl.db'), { create: true }));

describe('openSqliteStore', () => {
  it('creates a WAL workspace at the current schema version and reopens it', async () => {
    const path = join(tmp(), 'w.db');
    const s = openSqliteStore(path, { create: true });
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await s.putDocument(sampleDocument(), { actor: 't' });
    await s.close();
    const r = openSqliteStore(path, { readonly: true });
    expect((await r.stats()).paragraphs).toBe(4);
    await r.close();
  });

  it('refuses a missing workspace unless asked to create it', () => {
    expect(() => openSqliteStore(join(tmp(), 'none.db'))).toThrow(/no workspace here/);
  });

  it('refuses files that are not workspaces, without changing them', () => {
    const dir = tmp();
    const cases: [string, string | Buffer, RegExp][] = [
      ['text.db', 'hello, I am not a database at all, just some text', /not a SQLite database file/],
      ['empty.db', '', /empty file/],
    ];
    for (const [name, content, re] of cases) {
      const p = join(dir, name);
      writeFileSync(p, content);
      expect(() => openSqliteStore(p, { create: true })).toThrow(re);
      expect(readFileSync(p)).toEqual(Buffer.from(content));
    }
    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const bytes = readFileSync(other);
    expect(() => openSqliteStore(other, { create: true })).toThrow(/not a tyl workspace/);
    expect(readFileSync(other)).toEqual(bytes);
    expect(() => openSqliteStore(dir)).toThrow(/is a folder/);
  });

  it('refuses a workspace from a newer schema version', async () => {
    const path = join(tmp(), 'w.db');
    (await openSqliteStore(path, { create: true })).db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => openSqliteStore(path)).toThrow(new RegExp(`wrong schema version ${SCHEMA_VERSION + 1}`));
  });

  it('refuses a workspace whose tables lack the columns of this schema', async () => {
    const path = join(tmp(), 'w.db');
    const s = openSqliteStore(path, { create: true });
    s.db.exec('ALTER TABLE claims DROP COLUMN sentence_end');
    await s.close();
    expect(() => openSqliteStore(path)).toThrow(/wrong schema: table claims lacks sentence_end/);
  });

  it('reports a truncated (corrupt) workspace as such', async () => {
    const path = join(tmp(), 'w.db');
    const s = openSqliteStore(path, { create: true });
    await s.putDocument(sampleDocument(), { actor: 't' });
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    await s.close();
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, 4096 + 100));
    expect(() => openSqliteStore(path)).toThrow(/corrupt workspace|not a tyl workspace/);
  });

  it('keeps the full-text index equal to the paragraphs through create, edit, re-order and delete', async () => {
    const s = openSqliteStore(join(tmp(), 'w.db'), { create: true });
    // FTS5 compares an external-content index with its content table (rank 1); throws if they differ
    const check = () =>
      s.db.exec("INSERT INTO paragraph_fts (paragraph_fts, rank) VALUES ('integrity-check', 1)");
    const doc = sampleDocument();
    await s.putDocument(doc, { actor: 't' });
    check();
    const [p1, p2, p3, p4] = doc.paragraphs;
    await s.putDocument(
      {
        ...doc,
        contentHash: 'c2',
        paragraphs: [
          { ...p2, ord: 0, heading: 'Start' },
          { ...p1, ord: 1, paragraph: 3, hash: 'h-new', text: 'Gomel refinery ships diesel north.' },
          { ...p3, ord: 2 },
        ],
        mentions: [],
        claims: [],
      },
      { actor: 't' },
    );
    check();
    expect((await s.search('gomel diesel')).map((h) => h.paragraph)).toEqual([3]);
    expect(await s.search('friction')).toEqual([]);
    expect(p4.text).toMatch(/Friction/);
    await s.deleteDocument(doc.source, { actor: 't' });
    check();
    expect(await s.search('rail')).toEqual([]);
    await s.close();
  });

  it('migrates a version 1 workspace, whose paragraphs stay searchable with the new ones', async () => {
    const path = join(tmp(), 'w.db');
    const db = new Database(path);
    db.exec(MIGRATIONS[0].sql);
    db.pragma(`application_id = ${TYL_APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.exec(
      `INSERT INTO documents (source, path, format, meta, content_hash, gazetteer_hash, bytes, version, ingested_at)
       VALUES ('old', 'old.md', 'markdown', '{}', 'x', 'g', 10, 1, '2026-01-01');
       INSERT INTO paragraphs (document_id, section, heading, paragraph, ord, line, hash, text)
       VALUES (1, 'summary', 'Summary', 1, 0, 1, 'h', 'Rail ferries cross the border at Brest.');`,
    );
    db.close();
    const s = openSqliteStore(path);
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await s.putDocument(sampleDocument(), { actor: 't' });
    expect((await s.search('rail')).map((h) => h.source).sort()).toEqual(['doc-a', 'old']);
    s.db.exec("INSERT INTO paragraph_fts (paragraph_fts, rank) VALUES ('integrity-check', 1)");
    await s.close();
  });

  it('migrates a version 2 workspace: mentions re-indexed by (document, entity), still found by entity', async () => {
    const path = join(tmp(), 'w.db');
    const db = new Database(path);
    for (const m of MIGRATIONS.slice(0, 2)) db.exec(m.sql);
    db.pragma(`application_id = ${TYL_APPLICATION_ID}`);
    db.pragma('user_version = 2');
    db.exec(
      `INSERT INTO documents (source, path, format, meta, content_hash, gazetteer_hash, bytes, version, ingested_at)
       VALUES ('old', 'old.md', 'markdown', '{}', 'x', 'g', 10, 1, '2026-01-01');
       INSERT INTO paragraphs (document_id, section, heading, paragraph, ord, line, hash, text)
       VALUES (1, 'summary', 'Summary', 1, 0, 1, 'h', 'MZKT ships chassis to Minsk.');
       INSERT INTO mentions (document_id, section, paragraph, entity, name, start, "end")
       VALUES (1, 'summary', 1, 'mzkt', 'MZKT', 0, 4), (1, 'summary', 1, NULL, 'Minsk', 22, 27);`,
    );
    db.close();
    const s = openSqliteStore(path);
    const indexes = s.db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions'",
    );
    expect(indexes.all()).toEqual([{ name: 'mentions_document_entity' }]);
    await s.putDocument(sampleDocument(), { actor: 't' });
    const found = (await s.listMentions({ entity: 'mzkt' })).map((m) => `${m.source}:${m.surface}`);
    expect(found).toEqual(['doc-a:Minsk tractor works', 'old:MZKT']);
    expect(await s.candidateNames()).toEqual([
      { name: 'Belarus', count: 1, sources: ['doc-a'] },
      { name: 'Minsk', count: 1, sources: ['old'] },
    ]);
    expect(await s.getDocument('old')).toMatchObject({ mentions: 1, candidates: 1 });
    await s.close();
  });

  it('the change log cannot be edited or deleted', async () => {
    const s = openSqliteStore(join(tmp(), 'w.db'), { create: true });
    await s.putDocument(sampleDocument(), { actor: 't' });
    expect(() => s.db.exec("UPDATE changes SET actor = 'x'")).toThrow(/append-only/);
    expect(() => s.db.exec('DELETE FROM changes')).toThrow(/append-only/);
    await s.close();
  });
});

describe('ftsQuery', () => {
  it('quotes every term so FTS5 syntax in user input is inert', () => {
    expect(ftsQuery('rail transit')).toBe('"rail" "transit"');
    expect(ftsQuery('"gas prices" NEAR(')).toBe('"gas prices" "NEAR"');
    expect(ftsQuery('repair*')).toBe('"repair"*');
    expect(ftsQuery('Lukashenko’s')).toBe('"Lukashenko" "s"');
    expect(ftsQuery('  ')).toBe('');
  });
});
