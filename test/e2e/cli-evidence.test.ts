// End-to-end: the real `tyl` executable on a temporary workspace. Ingest the evidence fixtures,
// search, review claims (accept writes the model's YAML), look up evidence and coverage, and check
// that bad inputs and corrupt workspaces give clear errors, exit non-zero and change nothing.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTyl } from './run-tyl.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';

const root = join(import.meta.dirname, '..', '..');
let cwd: string;

const tyl = (...args: string[]) => runTyl(cwd, args, { TYL_USER: 'e2e', TYL_WORKSPACE: '' });
const json = <T = Record<string, unknown>>(s: string) => JSON.parse(s) as T;
/** Row counts and the change log of a workspace, read directly. */
function snapshot(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      documents: n('documents'),
      paragraphs: n('paragraphs'),
      mentions: n('mentions'),
      claims: n('claims'),
      changes: n('changes'),
    };
  } finally {
    db.close();
  }
}

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tyl-e2e-evidence-'));
  cpSync(join(root, 'test/fixtures/evidence-model'), join(cwd, 'model'), { recursive: true });
  cpSync(join(root, 'test/fixtures/evidence-docs'), join(cwd, 'docs'), { recursive: true });
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('tyl ingest / search / claims / evidence / coverage', { timeout: 300_000 }, () => {
  it('ingests into tyl.db in the working folder by default, and re-ingesting changes nothing', () => {
    const r = tyl(
      'ingest',
      'docs/field-notes.md',
      'docs/briefing.html',
      'docs/plain.txt',
      '--model',
      'model',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created field-notes \(docs\/field-notes.md\) v1: 11 paragraphs/m);
    expect(r.stdout).toMatch(/^created briefing \(docs\/briefing.html\) v1: 4 paragraphs/m);
    expect(existsSync(join(cwd, 'tyl.db'))).toBe(true);
    const before = snapshot(join(cwd, 'tyl.db'));
    const again = tyl('ingest', 'docs/field-notes.md', '--model', 'model', '--json');
    expect(again.code).toBe(0);
    expect(json<{ documents: { status: string }[] }>(again.stdout).documents.map((d) => d.status)).toEqual([
      'unchanged',
    ]);
    expect(snapshot(join(cwd, 'tyl.db'))).toEqual(before);
  });

  it('searches with ranked, highlighted snippets and anchors', () => {
    const r = tyl('search', 'repair*', '--json');
    expect(r.code).toBe(0);
    const hits = json<{ hits: { source: string; section: string; paragraph: number; snippet: string }[] }>(
      r.stdout,
    ).hits;
    expect(hits.length).toBeGreaterThan(2);
    expect(hits[0]).toMatchObject({ source: 'briefing', section: 'repair-maintenance', paragraph: 1 });
    expect(hits[0].snippet).toContain('**Repair**');
    const text = tyl('search', 'Baranovičí gas prices');
    expect(text.stdout).toBe('no paragraph matches "Baranovičí gas prices"\n');
    expect(tyl('search', '"gas prices"').stdout).toMatch(/^field-notes § people ¶ 1 /);
  });

  it('lists claims, accepts one into the model YAML (comments kept, model still valid) and rejects another', () => {
    const list = json<{ claims: { id: string; type: string; from: string; to: string }[] }>(
      tyl('claims', '--json').stdout,
    ).claims;
    const c = list.find((x) => x.from === 'plant-558' && x.type === 'repairs')!;
    expect(c).toBeDefined();
    const before = readFileSync(join(cwd, 'model/model.yaml'), 'utf8');
    const r = tyl('claims', 'accept', c.id, '--model', 'model', '--reason', 'read the briefing');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`accepted ${c.id}: wrote relation plant-558-repairs-ru-army`);
    expect(readFileSync(join(cwd, 'model/model.yaml'), 'utf8')).toContain(
      '  - id: briefing\n    title: Briefing & background',
    );
    const after = readFileSync(join(cwd, 'model/model.yaml'), 'utf8');
    for (const line of before.split('\n')) expect(after).toContain(line);
    expect(after).toContain('- { source: briefing, section: repair-maintenance, paragraph: 1 }');
    expect(tyl('validate', 'model').code).toBe(0);
    const other = list.find((x) => x.type === 'sanctioned-by')!;
    expect(tyl('claims', 'reject', other.id, '--reason', 'not in scope').code).toBe(0);
    const all = json<{ claims: { id: string; status: string }[] }>(
      tyl('claims', '--status', 'all', '--json').stdout,
    ).claims;
    expect(all.find((x) => x.id === c.id)?.status).toBe('accepted');
    expect(all.find((x) => x.id === other.id)?.status).toBe('rejected');
    expect(tyl('claims', 'accept', 'c-nope', '--model', 'model').stderr).toBe(
      'evidence/claims: no claim "c-nope" in this workspace (see \'tyl claims\')\n',
    );
    const logged = json<{ changes: { actor: string; action: string; reason?: string }[] }>(
      tyl('log', '--target', `claim:${c.id}`, '--json').stdout,
    ).changes;
    expect(logged.map((x) => [x.actor, x.action, x.reason])).toEqual([
      ['e2e', 'accept', 'read the briefing'],
    ]);
    const names = tyl('claims', 'names');
    expect(names.stdout).toContain('Borisov Autoworks');
  });

  it('shows the evidence of an element in full, and coverage of the model', () => {
    const r = tyl('evidence', 'plant-558-repairs-ru-army', '--model', 'model');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('briefing § repair-maintenance ¶ 1');
    expect(r.stdout).toContain(
      'The 558th Aircraft Repair Plant repairs Su-25 aircraft for the Russian army.',
    );
    expect(r.stdout).toContain('Briefing & background, Test Writer, 2024-04-01');
    const z = tyl('evidence', 'zelensky', '--model', 'model');
    expect(z.code).toBe(1);
    expect(z.stdout).toContain('unresolved: no paragraph 9 in section "overview"');
    const cov = json<{ citations: { dangling: number; notIngested: number } }>(
      tyl('coverage', '--model', 'model', '--json').stdout,
    );
    expect(cov.citations).toMatchObject({ dangling: 1, notIngested: 1 });
    expect(tyl('coverage', '--model', 'model', '--strict').code).toBe(1);
  });
});

describe('bad input and faults', { timeout: 300_000 }, () => {
  it('refuses bad files with a clear message, exit 1, no stack trace, workspace unchanged', () => {
    const db = join(cwd, 'tyl.db');
    writeFileSync(join(cwd, 'scan.pdf'), '%PDF-1.4\n%âãÏÓ\n');
    writeFileSync(join(cwd, 'latin1.txt'), Buffer.from('Minsk caf\xe9', 'latin1'));
    writeFileSync(join(cwd, 'empty.md'), '');
    writeFileSync(
      join(cwd, 'utf16.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Belarus in UTF-16.\n', 'utf16le')]),
    );
    const before = snapshot(db);
    const cases: [string[], string][] = [
      [['docs/plain.txt', 'scan.pdf'], 'evidence/ingest: scan.pdf: binary file (PDF), not a text document'],
      [['latin1.txt'], 'evidence/ingest: latin1.txt: not valid UTF-8 (first bad byte 0xe9 at offset 9)'],
      [['empty.md'], 'evidence/ingest: empty.md: empty file'],
      [['nowhere.md'], 'evidence/ingest: nowhere.md: no such file'],
      [['docs/plain.txt', '--max-size', '0.0001'], 'evidence/ingest: docs/plain.txt: file too large'],
    ];
    for (const [args, msg] of cases) {
      const r = tyl('ingest', ...args, '--model', 'model');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(snapshot(db)).toEqual(before);
    const u = tyl('ingest', 'utf16.txt', '--model', 'model');
    expect(u.code).toBe(0);
    expect(u.stdout).toContain('created utf16 (utf16.txt) v1: 1 paragraphs');
  });

  it('refuses a corrupt or foreign workspace and a missing one, changing nothing', () => {
    writeFileSync(join(cwd, 'notes.db'), 'just text, not a database\n');
    const r = tyl('search', 'x', '--workspace', 'notes.db');
    expect([r.code, r.stderr]).toEqual([
      1,
      `store/open: ${join(cwd, 'notes.db')}: not a tyl workspace (not a SQLite database file)\n`,
    ]);
    const i = tyl('ingest', 'docs/plain.txt', '--workspace', 'notes.db', '--model', 'model');
    expect(i.code).toBe(1);
    expect(readFileSync(join(cwd, 'notes.db'), 'utf8')).toBe('just text, not a database\n');
    const other = new Database(join(cwd, 'other.db'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect(tyl('claims', '--workspace', 'other.db').stderr).toContain(
      'a SQLite database, but not a tyl workspace',
    );
    const newer = new Database(join(cwd, 'tyl.db'));
    const v = newer.pragma('user_version', { simple: true }) as number;
    newer.pragma(`user_version = ${v + 1}`);
    newer.close();
    expect(tyl('search', 'x').stderr).toContain(`wrong schema version ${v + 1}`);
    const m = tyl('search', 'x', '--workspace', 'missing.db');
    expect(m.code).toBe(1);
    expect(m.stderr).toContain('no workspace here');
    expect(existsSync(join(cwd, 'missing.db'))).toBe(false);
  });
});
