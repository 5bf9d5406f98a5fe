import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore, ftsQuery } from './sqlite-store.js';
import { sampleDocument, storeContract } from './store-contract.js';
import { SCHEMA_VERSION } from './migrations.js';

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
