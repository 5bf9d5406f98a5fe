// Fault test: the real CLI is killed (SIGKILL) at seeded random moments during `tyl ingest` and
// `tyl claims accept`; after every kill the workspace passes SQLite's integrity check and holds only
// whole documents (counts equal to a clean run's), and the model's YAML is the old or the new
// version and still loads. Finishing the interrupted command then gives the clean run's result.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { parse } from 'yaml';
import { generateCorpus } from '../../src/evidence/generate-corpus.js';
import { mulberry32 } from '../../src/engine/generate/mulberry32.js';
import { readModel } from '../../src/store/read-model.js';
import { BIN, runTyl } from './run-tyl.js';

const SEED = 20261125;
let cwd: string;
let docs: string[];

const USER = { TYL_USER: 'kill-test' };
const run = (args: string[]) => runTyl(cwd, args, USER);

/** Starts the CLI in the background, output discarded, to be killed. */
const spawnTyl = (args: string[]) =>
  spawn(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore', env: { ...process.env, ...USER } });

/** Spawns the CLI and SIGKILLs it after `ms` (if still running); resolves with how it ended. */
function runAndKill(args: string[], ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawnTyl(args);
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed: killed && code === null, code });
    });
  });
}

/** Documents stored so far in a workspace (0 when it does not exist yet or cannot be read). */
function storedDocuments(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** Spawns the CLI and SIGKILLs it `extraMs` after the workspace holds `docs` documents. */
function runAndKillAfterDocuments(
  args: string[],
  path: string,
  docs: number,
  extraMs: number,
): Promise<{ killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawnTyl(args);
    let killed = false;
    let exited = false;
    const poll = setInterval(() => {
      if (exited || storedDocuments(path) < docs) return;
      clearInterval(poll);
      setTimeout(() => {
        if (!exited) killed = child.kill('SIGKILL');
      }, extraMs);
    }, 15);
    child.on('exit', (code) => {
      exited = true;
      clearInterval(poll);
      resolve({ killed: killed && code === null });
    });
  });
}

/** Spawns the CLI and SIGKILLs it as soon as `file` changes (or after `maxMs`). */
function runAndKillOnChange(args: string[], file: string, maxMs: number): Promise<{ killed: boolean }> {
  const before = readFileSync(file, 'utf8');
  return new Promise((resolve) => {
    const child = spawnTyl(args);
    let killed = false;
    const t0 = Date.now();
    const poll = setInterval(() => {
      let now = before;
      try {
        now = readFileSync(file, 'utf8');
      } catch {
        /* mid-rename */
      }
      if (now !== before || Date.now() - t0 > maxMs) {
        clearInterval(poll);
        killed = child.kill('SIGKILL');
      }
    }, 2);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ killed: killed && code === null });
    });
  });
}

type Counts = Record<string, { paragraphs: number; mentions: number; claims: number }>;

/** Integrity check, no orphan rows, and per-document counts. */
function inspect(path: string): { integrity: string; orphans: number; docs: Counts } {
  const db = new Database(path, { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
    const orphans = (
      db
        .prepare(
          `SELECT (SELECT count(*) FROM paragraphs WHERE document_id NOT IN (SELECT id FROM documents))
                + (SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents))
                + (SELECT count(*) FROM claims WHERE document_id NOT IN (SELECT id FROM documents)) AS n`,
        )
        .get() as { n: number }
    ).n;
    const rows = db
      .prepare(
        `SELECT d.source, (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) AS paragraphs,
                (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) AS mentions,
                (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims FROM documents d ORDER BY d.source`,
      )
      .all() as { source: string; paragraphs: number; mentions: number; claims: number }[];
    return { integrity, orphans, docs: Object.fromEntries(rows.map(({ source, ...c }) => [source, c])) };
  } finally {
    db.close();
  }
}

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tyl-kill-'));
  const corpus = generateCorpus({ pages: 240, entities: 400, pagesPerDocument: 20, seed: SEED });
  mkdirSync(join(cwd, 'docs'));
  docs = corpus.documents.map((d) => {
    writeFileSync(join(cwd, 'docs', d.name), d.text);
    return join('docs', d.name);
  });
  mkdirSync(join(cwd, 'model'));
  const entities = corpus.entities.map(
    (e) =>
      `  - id: ${e.id}\n    kind: company\n    name: ${JSON.stringify(e.names[0])}\n${e.names.length > 1 ? `    aliases: ${JSON.stringify(e.names.slice(1))}\n` : ''}    estimate: true\n`,
  );
  writeFileSync(
    join(cwd, 'model', 'model.yaml'),
    `# generated for the kill test (seed ${SEED})\nmodel:\n  id: kill\n  title: Kill test\n\nentities:\n${entities.join('')}\nrelations:\n  - { type: owns, from: e0, to: e1, estimate: true }\n`,
  );
  console.log(`evidence-kill: seed ${SEED}, ${docs.length} documents, ${(corpus.bytes / 1e6).toFixed(2)} MB`);
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('killing the CLI mid-write leaves a consistent workspace and model', () => {
  it('ingest: killed at random points, the workspace holds only whole documents; finishing gives the clean result', async () => {
    const t0 = performance.now();
    const ref = run(['ingest', ...docs, '--model', 'model', '--workspace', 'ref.db']);
    expect(ref.stderr).toBe('');
    const full = performance.now() - t0;
    const want = inspect(join(cwd, 'ref.db'));
    expect(want.integrity).toBe('ok');
    expect(Object.keys(want.docs)).toHaveLength(docs.length);
    const rand = mulberry32(SEED);
    let kills = 0;
    const present: number[] = [];
    const w = join(cwd, 'w.db');
    for (let k = 0; k < 6; k++) {
      // kill while documents are being written: once the workspace holds a random number of them
      // (more than now), after a further random delay
      const after = Math.min(docs.length - 1, storedDocuments(w) + 1 + Math.floor(rand() * 2));
      const at = Math.round(rand() * 150);
      const r = await runAndKillAfterDocuments(
        ['ingest', ...docs, '--model', 'model', '--workspace', 'w.db'],
        w,
        after,
        at,
      );
      if (r.killed) kills++;
      if (!existsSync(join(cwd, 'w.db'))) continue;
      const got = inspect(join(cwd, 'w.db'));
      present.push(Object.keys(got.docs).length);
      expect(got.integrity).toBe('ok');
      expect(got.orphans).toBe(0);
      for (const [source, counts] of Object.entries(got.docs))
        expect(counts, `document ${source} after a kill ${at} ms after ${after} documents`).toEqual(
          want.docs[source],
        );
    }
    console.log(
      `evidence-kill: ingest killed ${kills} of 6 times (clean run ${Math.round(full)} ms); whole documents present after each: ${present.join(', ')}`,
    );
    const fin = run(['ingest', ...docs, '--model', 'model', '--workspace', 'w.db']);
    expect(fin.code).toBe(0);
    expect(inspect(join(cwd, 'w.db')).docs).toEqual(want.docs);
  }, 600_000);

  it('claims accept: killed at random points, the YAML is the old or the new version and loads; finishing writes the relation once', async () => {
    const db = new Database(join(cwd, 'w.db'), { readonly: true });
    const claims = db
      .prepare(
        "SELECT id, type, from_entity AS f, to_entity AS t FROM claims WHERE status = 'pending' ORDER BY confidence DESC, id LIMIT 5",
      )
      .all() as { id: string; type: string; f: string; t: string }[];
    db.close();
    expect(claims.length).toBe(5);
    const file = join(cwd, 'model', 'model.yaml');
    const args = (id: string) => ['claims', 'accept', id, '--model', 'model', '--workspace', 'w.db'];
    const t0 = performance.now();
    expect(run(args(claims[0].id)).code).toBe(0);
    const full = performance.now() - t0;
    const rand = mulberry32(SEED + 1);
    const count = (text: string, c: (typeof claims)[number]) =>
      ((parse(text) as { relations: { type: string; from: string; to: string }[] }).relations ?? []).filter(
        (r) => r.type === c.type && r.from === c.f && r.to === c.t,
      ).length;
    let between = 0;
    for (const c of claims.slice(1)) {
      const before = readFileSync(file, 'utf8');
      const had = count(before, c);
      // alternately: at a random moment, or right after the YAML is replaced (before the workspace
      // records the decision, the window accept's idempotence covers)
      if (claims.indexOf(c) % 2) await runAndKill(args(c.id), Math.round(full * (0.3 + 0.8 * rand())));
      else await runAndKillOnChange(args(c.id), file, full * 2);
      const after = readFileSync(file, 'utf8');
      const status = () => {
        const w = new Database(join(cwd, 'w.db'), { readonly: true });
        try {
          return (w.prepare('SELECT status FROM claims WHERE id = ?').get(c.id) as { status: string }).status;
        } finally {
          w.close();
        }
      };
      if (after === before) expect(status()).toBe('pending');
      else if (status() === 'pending') between++;
      if (after !== before) {
        expect(count(after, c)).toBe(had + 1);
        for (const line of before.split('\n')) expect(after).toContain(line);
      }
      expect(() => readModel(join(cwd, 'model'))).not.toThrow();
      const fin = run(args(c.id));
      expect(fin.stderr).toBe('');
      expect(count(readFileSync(file, 'utf8'), c)).toBe(had === 0 ? 1 : had);
      const w = new Database(join(cwd, 'w.db'), { readonly: true });
      expect(
        (w.prepare('SELECT status FROM claims WHERE id = ?').get(c.id) as { status: string }).status,
      ).toBe('accepted');
      expect(w.pragma('integrity_check', { simple: true })).toBe('ok');
      w.close();
    }
    console.log(`evidence-kill: ${between} of 4 accept kills fell between the YAML write and the decision`);
    const stray = readdirSync(join(cwd, 'model')).filter((f) => f !== 'model.yaml');
    expect(stray.every((f) => /^\.model\.yaml\.tyl-\d+\.tmp$/.test(f))).toBe(true);
  }, 600_000);
});
