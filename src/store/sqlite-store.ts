// The embedded workspace: one SQLite file through better-sqlite3 (v12), WAL mode, migrations
// versioned in code (migrations.ts), FTS5 full-text index ranked by bm25. Every write runs in one
// transaction, so a process killed mid-write leaves the previous state.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { UserError } from '../model/problem.js';
import { MIGRATIONS, SCHEMA_VERSION, TYL_APPLICATION_ID } from './migrations.js';
import type {
  Actor,
  CandidateName,
  ClaimInput,
  ChangeRecord,
  ClaimFilter,
  DocumentInput,
  DocumentRecord,
  MentionFilter,
  PutDocumentResult,
  RunInput,
  RunRecord,
  SearchHit,
  SearchOptions,
  Store,
  StoreStats,
  StoredClaim,
  StoredMention,
  StoredParagraph,
} from './store.js';

export interface SqliteStoreOptions {
  /** Create the workspace when the file does not exist (default false: error). */
  create?: boolean;
  /** Open read-only (no migrations are run). */
  readonly?: boolean;
}

const DEFAULTS: Required<SqliteStoreOptions> = { create: false, readonly: false };

const SQLITE_HEADER = 'SQLite format 3\0';

type Row = Record<string, unknown>;

/** Opens (or creates) a workspace file; throws a `UserError` when it is not a usable workspace. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  const opts = { ...DEFAULTS, ...options };
  const where = `store/open: ${path}`;
  const exists = existsSync(path);
  if (!exists && (!opts.create || opts.readonly))
    throw new UserError(
      `${where}: no workspace here (run 'tyl ingest FILE' to create one, or pass --workspace PATH)`,
    );
  if (exists) {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      throw new UserError(`${where}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (st.isDirectory()) throw new UserError(`${where}: is a folder, not a workspace file`);
    if (st.size === 0) throw new UserError(`${where}: empty file, not a tyl workspace`);
    const head = Buffer.alloc(16);
    try {
      const fd = openSync(path, 'r');
      try {
        readSync(fd, head, 0, 16, 0);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      throw new UserError(`${where}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (head.toString('latin1') !== SQLITE_HEADER)
      throw new UserError(`${where}: not a tyl workspace (not a SQLite database file)`);
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: opts.readonly, fileMustExist: exists });
  } catch (e) {
    throw new UserError(`${where}: cannot open (${(e as Error).message})`);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (
      db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }
    ).n;
    if (appId !== TYL_APPLICATION_ID && !(appId === 0 && version === 0 && tables === 0))
      throw new UserError(`${where}: a SQLite database, but not a tyl workspace (application_id ${appId})`);
    if (version > SCHEMA_VERSION)
      throw new UserError(
        `${where}: wrong schema version ${version}: made by a newer tyl (this one knows up to ${SCHEMA_VERSION})`,
      );
    if (appId === TYL_APPLICATION_ID && version === 0)
      throw new UserError(`${where}: wrong schema version 0: an unfinished workspace`);
    if (version < SCHEMA_VERSION) {
      if (opts.readonly)
        throw new UserError(
          `${where}: schema version ${version} needs migrating; open it once for writing (e.g. tyl ingest)`,
        );
      db.pragma('journal_mode = WAL');
      migrate(db, version);
    }
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a commit is atomic and survives a killed process (not a power cut before
      // the next checkpoint); see docs/benchmarks.md for what these buy on ingest.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    checkSchema(db, where);
  } catch (e) {
    db.close();
    if (e instanceof UserError) throw e;
    throw new UserError(`${where}: corrupt workspace (${(e as Error).message})`);
  }
  return new SqliteStore(db);
}

function migrate(db: Database.Database, from: number): void {
  db.transaction(() => {
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      db.prepare('INSERT INTO changes (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(
        new Date().toISOString(),
        'tyl',
        'migrate',
        'workspace',
        JSON.stringify({ version: m.version, description: m.description }),
      );
    }
    db.pragma(`application_id = ${TYL_APPLICATION_ID}`);
  }).immediate();
}

/** Columns later code relies on: a workspace without them was made by another schema. */
const REQUIRED_COLUMNS: Record<string, string[]> = {
  paragraphs: ['document_id', 'section', 'heading', 'paragraph', 'ord', 'line', 'hash', 'text'],
  mentions: ['document_id', 'section', 'paragraph', 'entity', 'name', 'start', 'end'],
  claims: [
    'id',
    'document_id',
    'section',
    'paragraph',
    'sentence_start',
    'sentence_end',
    'sentence',
    'type',
    'from_entity',
    'to_entity',
    'confidence',
    'trigger',
    'status',
  ],
  runs: ['id', 'kind', 'model', 'seed', 'created_at', 'parameters', 'result'],
  changes: ['seq', 'at', 'actor', 'action', 'target', 'detail', 'reason'],
};

const REQUIRED_TABLES = ['documents', 'paragraphs', 'paragraph_fts', 'mentions', 'claims', 'runs', 'changes'];

function checkSchema(db: Database.Database, where: string): void {
  const have = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const missing = REQUIRED_TABLES.filter((t) => !have.has(t));
  if (missing.length)
    throw new UserError(`${where}: corrupt workspace (missing tables: ${missing.join(', ')})`);
  for (const [table, columns] of Object.entries(REQUIRED_COLUMNS)) {
    const cols = new Set(
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
    );
    const lacking = columns.filter((c) => !cols.has(c));
    const extra = table === 'mentions' && cols.has('surface');
    if (lacking.length || extra)
      throw new UserError(
        `${where}: wrong schema: table ${table} ${lacking.length ? `lacks ${lacking.join(', ')}` : 'has columns of a development build'}; re-create the workspace (tyl ingest into a new --workspace)`,
      );
  }
}

/** Turns plain words and "quoted phrases" into a safe FTS5 query (all terms required). */
export function ftsQuery(text: string): string {
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m;
  while ((m = re.exec(text))) {
    if (m[1] !== undefined) {
      const words = m[1].match(/[\p{L}\p{N}]+/gu);
      if (words) parts.push(`"${words.join(' ')}"`);
      continue;
    }
    const prefix = m[2].endsWith('*');
    for (const w of m[2].match(/[\p{L}\p{N}]+/gu) ?? []) parts.push(`"${w}"`);
    if (prefix && parts.length) parts[parts.length - 1] += '*';
  }
  return parts.join(' ');
}

function now(who: Actor): string {
  return who.at ?? new Date().toISOString();
}

function docRecord(r: Row): DocumentRecord {
  return {
    source: r.source as string,
    path: r.path as string,
    format: r.format as DocumentRecord['format'],
    ...(r.title != null ? { title: r.title as string } : {}),
    ...(r.author != null ? { author: r.author as string } : {}),
    ...(r.date != null ? { date: r.date as string } : {}),
    ...(r.description != null ? { description: r.description as string } : {}),
    meta: JSON.parse(r.meta as string) as Record<string, unknown>,
    contentHash: r.content_hash as string,
    gazetteerHash: r.gazetteer_hash as string,
    bytes: r.bytes as number,
    version: r.version as number,
    ingestedAt: r.ingested_at as string,
    paragraphs: r.n as number,
    mentions: r.nm as number,
    candidates: r.nc as number,
    claims: r.ncl as number,
  };
}

function claimRecord(r: Row): StoredClaim {
  const text = r.ptext as string | null;
  const sentence =
    (r.sentence as string | null) ??
    (text ? text.slice(r.sentence_start as number, r.sentence_end as number).trim() : '');
  return {
    id: r.id as string,
    source: r.source as string,
    section: r.section as string,
    paragraph: r.paragraph as number,
    sentence,
    type: r.type as string,
    from: r.from_entity as string,
    to: r.to_entity as string,
    confidence: r.confidence as number,
    trigger: r.trigger as string,
    status: r.status as StoredClaim['status'],
    ...(r.decided_at != null ? { decidedAt: r.decided_at as string } : {}),
    ...(r.decided_by != null ? { decidedBy: r.decided_by as string } : {}),
    ...(r.reason != null ? { reason: r.reason as string } : {}),
    ...(r.written_to != null ? { writtenTo: r.written_to as string } : {}),
  };
}

function runRecord(r: Row): RunRecord {
  return {
    id: r.id as string,
    kind: r.kind as string,
    ...(r.model != null ? { model: r.model as string } : {}),
    ...(r.seed != null ? { seed: r.seed as number } : {}),
    createdAt: r.created_at as string,
    parameters: JSON.parse(r.parameters as string) as unknown,
    result: JSON.parse(r.result as string) as unknown,
  };
}

const PARA_COLS = 'section, heading, paragraph, ord, line, hash, text';
const DOC_SELECT = `SELECT d.*, (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) AS n,
  (SELECT count(*) FROM mentions m WHERE m.document_id = d.id AND m.entity IS NOT NULL) AS nm,
  (SELECT count(*) FROM mentions m WHERE m.document_id = d.id AND m.entity IS NULL) AS nc,
  (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS ncl FROM documents d`;
const CLAIM_SELECT = `SELECT c.*, d.source, p.text AS ptext FROM claims c JOIN documents d ON d.id = c.document_id
  LEFT JOIN paragraphs p ON p.document_id = c.document_id AND p.section = c.section AND p.paragraph = c.paragraph`;

const INSERT_MENTION =
  'INSERT INTO mentions (document_id, section, paragraph, entity, name, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)';
const MENTION_BATCH = 32;
const INSERT_MENTIONS_BATCH = INSERT_MENTION + ', (?, ?, ?, ?, ?, ?, ?)'.repeat(MENTION_BATCH - 1);

const claimUpsert = (rows: number) =>
  `INSERT INTO claims (id, document_id, section, paragraph, sentence_start, sentence_end, type, from_entity, to_entity, confidence, trigger)
   VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
   ON CONFLICT (id) DO UPDATE SET document_id = excluded.document_id, section = excluded.section, paragraph = excluded.paragraph,
     sentence_start = excluded.sentence_start, sentence_end = excluded.sentence_end, confidence = excluded.confidence, trigger = excluded.trigger`;
const UPSERT_CLAIM = claimUpsert(1);
const CLAIM_BATCH = 16;
const UPSERT_CLAIMS_BATCH = claimUpsert(CLAIM_BATCH);

/** A workspace in one SQLite file. Methods are async to share the `Store` contract. */
export class SqliteStore implements Store {
  readonly schemaVersion = SCHEMA_VERSION;
  /** The underlying connection (for integrity checks and tests). */
  readonly db: Database.Database;

  private readonly statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.db = db;
  }

  /** A prepared statement, compiled once per connection. */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  private log(who: Actor, action: string, target: string, detail: unknown): void {
    this.stmt(
      'INSERT INTO changes (at, actor, action, target, detail, reason) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(now(who), who.actor, action, target, JSON.stringify(detail ?? null), who.reason ?? null);
  }

  private docId(source: string): number | undefined {
    const r = this.db.prepare('SELECT id FROM documents WHERE source = ?').get(source) as
      { id: number } | undefined;
    return r?.id;
  }

  async getDocument(source: string): Promise<DocumentRecord | undefined> {
    const r = this.db.prepare(`${DOC_SELECT} WHERE d.source = ?`).get(source) as Row | undefined;
    return r ? docRecord(r) : undefined;
  }

  async listDocuments(): Promise<DocumentRecord[]> {
    return (this.db.prepare(`${DOC_SELECT} ORDER BY d.source`).all() as Row[]).map(docRecord);
  }

  async getParagraphs(source: string): Promise<StoredParagraph[]> {
    return this.db
      .prepare(
        `SELECT ${PARA_COLS} FROM paragraphs WHERE document_id = (SELECT id FROM documents WHERE source = ?) ORDER BY ord`,
      )
      .all(source) as StoredParagraph[];
  }

  async getParagraph(
    source: string,
    section: string,
    paragraph: number,
  ): Promise<StoredParagraph | undefined> {
    return this.db
      .prepare(
        `SELECT ${PARA_COLS} FROM paragraphs WHERE document_id = (SELECT id FROM documents WHERE source = ?) AND section = ? AND paragraph = ?`,
      )
      .get(source, section, paragraph) as StoredParagraph | undefined;
  }

  async putDocument(doc: DocumentInput, who: Actor): Promise<PutDocumentResult> {
    return this.db.transaction(() => this.writeDocument(doc, who)).immediate();
  }

  async putDocuments(docs: readonly DocumentInput[], who: Actor): Promise<PutDocumentResult[]> {
    if (!docs.length) return [];
    const sources = new Set<string>();
    for (const d of docs) {
      if (sources.has(d.source)) throw new UserError(`store/put: ${d.source}: twice in one batch`);
      sources.add(d.source);
    }
    // one transaction (and one FTS5 segment) for the batch; no savepoint per document, since FTS5
    // flushes its pending terms at every savepoint (see migration 2)
    return this.db.transaction(() => docs.map((d) => this.writeDocument(d, who))).immediate();
  }

  /** Creates or replaces one document; the caller holds the transaction. */
  private writeDocument(doc: DocumentInput, who: Actor): PutDocumentResult {
    const old = this.stmt('SELECT * FROM documents WHERE source = ?').get(doc.source) as Row | undefined;
    const at = now(who);
    if (old && old.content_hash === doc.contentHash && old.gazetteer_hash === doc.gazetteerHash) {
      const id = old.id as number;
      const count = (sql: string) => (this.stmt(sql).get(id) as { n: number }).n;
      return {
        status: 'unchanged',
        version: old.version as number,
        kept: count('SELECT count(*) AS n FROM paragraphs WHERE document_id = ?'),
        added: 0,
        removed: 0,
        mentions: count('SELECT count(*) AS n FROM mentions WHERE document_id = ?'),
        claims: count('SELECT count(*) AS n FROM claims WHERE document_id = ?'),
      };
    }
    const fields = [
      doc.path,
      doc.format,
      doc.title ?? null,
      doc.author ?? null,
      doc.date ?? null,
      doc.description ?? null,
      JSON.stringify(doc.meta),
      doc.contentHash,
      doc.gazetteerHash,
      doc.bytes,
      at,
    ];
    let id: number;
    let version: number;
    if (old) {
      id = old.id as number;
      version = (old.version as number) + 1;
      this.stmt(
        `UPDATE documents SET path = ?, format = ?, title = ?, author = ?, date = ?, description = ?, meta = ?,
         content_hash = ?, gazetteer_hash = ?, bytes = ?, ingested_at = ?, version = ? WHERE id = ?`,
      ).run(...fields, version, id);
    } else {
      version = 1;
      id = Number(
        this.stmt(
          `INSERT INTO documents (path, format, title, author, date, description, meta, content_hash, gazetteer_hash,
             bytes, ingested_at, version, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...fields, version, doc.source).lastInsertRowid,
      );
    }
    const oldParas = new Map<string, Row>();
    for (const r of this.stmt(
      'SELECT id, section, paragraph, hash, heading, ord, line FROM paragraphs WHERE document_id = ?',
    ).iterate(id) as Iterable<Row>)
      oldParas.set(`${r.section as string}\u0000${r.paragraph as number}`, r);
    const ins = this.stmt(
      `INSERT INTO paragraphs (document_id, ${PARA_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insF = this.stmt('INSERT INTO paragraph_fts (rowid, text, heading) VALUES (?, ?, ?)');
    const moveP = this.stmt('UPDATE paragraphs SET ord = ?, line = ? WHERE id = ?');
    const headP = this.stmt('UPDATE paragraphs SET heading = ? WHERE id = ?');
    const editP = this.stmt(
      'UPDATE paragraphs SET heading = ?, ord = ?, line = ?, hash = ?, text = ? WHERE id = ?',
    );
    let kept = 0;
    let added = 0;
    const seen = new Set<string>();
    for (const p of doc.paragraphs) {
      const key = `${p.section}\u0000${p.paragraph}`;
      if (seen.has(key))
        throw new UserError(`store/put: ${doc.source}: duplicate anchor ${p.section} ¶${p.paragraph}`);
      seen.add(key);
      const o = oldParas.get(key);
      if (o && o.hash === p.hash) {
        kept++;
        if (o.ord !== p.ord || o.line !== p.line) moveP.run(p.ord, p.line, o.id);
        if (o.heading !== p.heading) headP.run(p.heading, o.id);
      } else if (o) {
        added++;
        editP.run(p.heading, p.ord, p.line, p.hash, p.text, o.id);
      } else {
        added++;
        const row = ins.run(id, p.section, p.heading, p.paragraph, p.ord, p.line, p.hash, p.text);
        // indexed here, not by a trigger: see migration 2
        insF.run(row.lastInsertRowid, p.text, p.heading);
      }
    }
    const del = this.stmt('DELETE FROM paragraphs WHERE id = ?');
    let removed = 0;
    for (const [key, o] of oldParas)
      if (!seen.has(key)) {
        del.run(o.id);
        removed++;
      }
    this.stmt('DELETE FROM mentions WHERE document_id = ?').run(id);
    // many rows per statement: fewer calls across the JS/native boundary
    const ms = doc.mentions;
    const args: unknown[] = [];
    let k = 0;
    for (; k + MENTION_BATCH <= ms.length; k += MENTION_BATCH) {
      args.length = 0;
      for (let q = k; q < k + MENTION_BATCH; q++) {
        const m = ms[q];
        args.push(id, m.section, m.paragraph, m.entity, m.name, m.start, m.end);
      }
      this.stmt(INSERT_MENTIONS_BATCH).run(args);
    }
    for (; k < ms.length; k++) {
      const m = ms[k];
      this.stmt(INSERT_MENTION).run(id, m.section, m.paragraph, m.entity, m.name, m.start, m.end);
    }
    const newIds = new Set(doc.claims.map((c) => c.id));
    const stale = (
      this.stmt("SELECT id FROM claims WHERE document_id = ? AND status = 'pending'").all(id) as {
        id: string;
      }[]
    ).filter((r) => !newIds.has(r.id));
    const delC = this.stmt('DELETE FROM claims WHERE id = ?');
    for (const r of stale) delC.run(r.id);
    // many rows per statement, as for mentions; rows of one statement are upserted in order
    const cs = doc.claims;
    const cargs: unknown[] = [];
    const claimArgs = (c: ClaimInput) =>
      cargs.push(
        c.id,
        id,
        c.section,
        c.paragraph,
        c.sentenceStart,
        c.sentenceEnd,
        c.type,
        c.from,
        c.to,
        c.confidence,
        c.trigger,
      );
    let q = 0;
    for (; q + CLAIM_BATCH <= cs.length; q += CLAIM_BATCH) {
      cargs.length = 0;
      for (let r = q; r < q + CLAIM_BATCH; r++) claimArgs(cs[r]);
      this.stmt(UPSERT_CLAIMS_BATCH).run(cargs);
    }
    for (; q < cs.length; q++) {
      cargs.length = 0;
      claimArgs(cs[q]);
      this.stmt(UPSERT_CLAIM).run(cargs);
    }
    const result: PutDocumentResult = {
      status: old ? 'updated' : 'created',
      version,
      kept,
      added,
      removed,
      mentions: doc.mentions.length,
      claims: doc.claims.length,
    };
    this.log(who, old ? 'reingest' : 'ingest', `document:${doc.source}`, {
      path: doc.path,
      contentHash: doc.contentHash,
      gazetteerHash: doc.gazetteerHash,
      version,
      kept,
      added,
      removed,
      mentions: result.mentions,
      claims: result.claims,
      staleClaims: stale.length,
    });
    return result;
  }

  async deleteDocument(source: string, who: Actor): Promise<boolean> {
    return this.db
      .transaction(() => {
        const id = this.docId(source);
        if (id === undefined) return false;
        this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
        this.log(who, 'delete', `document:${source}`, {});
        return true;
      })
      .immediate();
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const limit = options.limit ?? 10;
    const [open, close] = options.highlight ?? ['[', ']'];
    const q = ftsQuery(query);
    if (!q) return [];
    const rows = this.db
      .prepare(
        `SELECT d.source, d.title, p.section, p.heading, p.paragraph, bm25(paragraph_fts, 1.0, 0.5) AS score,
                snippet(paragraph_fts, 0, ?, ?, '…', 24) AS snippet
         FROM paragraph_fts JOIN paragraphs p ON p.id = paragraph_fts.rowid JOIN documents d ON d.id = p.document_id
         WHERE paragraph_fts MATCH ? ${options.source ? 'AND d.source = ?' : ''}
         ORDER BY score, d.source, p.ord LIMIT ?`,
      )
      .all(open, close, q, ...(options.source ? [options.source] : []), limit) as Row[];
    return rows.map((r) => ({
      source: r.source as string,
      ...(r.title != null ? { title: r.title as string } : {}),
      section: r.section as string,
      heading: r.heading as string,
      paragraph: r.paragraph as number,
      score: r.score as number,
      snippet: r.snippet as string,
    }));
  }

  async listMentions(filter: MentionFilter = {}): Promise<(StoredMention & { source: string })[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.entity !== undefined) {
      where.push('m.entity = ?');
      args.push(filter.entity);
    }
    if (filter.source !== undefined) {
      where.push('d.source = ?');
      args.push(filter.source);
    }
    if (filter.candidates) where.push('m.entity IS NULL');
    // documents first (CROSS JOIN keeps that order): mentions are indexed by (document, entity),
    // so an entity's mentions are one index seek per document (migration 3)
    const rows = this.db
      .prepare(
        `SELECT d.source, m.section, m.paragraph, m.entity, m.name, m.start, m."end", p.text AS ptext
         FROM documents d CROSS JOIN mentions m ON m.document_id = d.id
         LEFT JOIN paragraphs p ON p.document_id = m.document_id AND p.section = m.section AND p.paragraph = m.paragraph
         ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         ORDER BY d.source, m.id`,
      )
      .all(...args) as (Omit<StoredMention, 'surface'> & { source: string; ptext: string | null })[];
    return rows.map(({ ptext, ...m }) => ({ ...m, surface: ptext ? ptext.slice(m.start, m.end) : '' }));
  }

  async candidateNames(options: { minCount?: number; limit?: number } = {}): Promise<CandidateName[]> {
    const rows = this.db
      .prepare(
        `SELECT m.name, count(*) AS count, group_concat(DISTINCT d.source) AS sources FROM documents d CROSS JOIN mentions m ON m.document_id = d.id
         WHERE m.entity IS NULL GROUP BY m.name HAVING count(*) >= ? ORDER BY count DESC, m.name LIMIT ?`,
      )
      .all(options.minCount ?? 1, options.limit ?? 1000) as Row[];
    return rows.map((r) => ({
      name: r.name as string,
      count: r.count as number,
      sources: (r.sources as string).split(',').sort(),
    }));
  }

  async listClaims(filter: ClaimFilter = {}): Promise<StoredClaim[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status) {
      where.push('c.status = ?');
      args.push(filter.status);
    }
    if (filter.source) {
      where.push('d.source = ?');
      args.push(filter.source);
    }
    if (filter.minConfidence !== undefined) {
      where.push('c.confidence >= ?');
      args.push(filter.minConfidence);
    }
    return (
      this.db
        .prepare(
          `${CLAIM_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
           ORDER BY c.confidence DESC, d.source, (SELECT ord FROM paragraphs p WHERE p.document_id = c.document_id AND p.section = c.section AND p.paragraph = c.paragraph), c.id`,
        )
        .all(...args) as Row[]
    ).map(claimRecord);
  }

  async getClaim(id: string): Promise<StoredClaim | undefined> {
    const r = this.db.prepare(`${CLAIM_SELECT} WHERE c.id = ?`).get(id) as Row | undefined;
    return r ? claimRecord(r) : undefined;
  }

  async decideClaim(
    id: string,
    decision: 'accepted' | 'rejected',
    who: Actor,
    writtenTo?: string,
  ): Promise<StoredClaim> {
    return this.db
      .transaction(() => {
        const r = this.db.prepare(`${CLAIM_SELECT} WHERE c.id = ?`).get(id) as Row | undefined;
        if (!r) throw new UserError(`store/claims: no claim "${id}"`);
        const at = now(who);
        this.db
          .prepare(
            'UPDATE claims SET status = ?, decided_at = ?, decided_by = ?, reason = ?, written_to = ?, sentence = ? WHERE id = ?',
          )
          .run(decision, at, who.actor, who.reason ?? null, writtenTo ?? null, claimRecord(r).sentence, id);
        this.log(who, decision === 'accepted' ? 'accept' : 'reject', `claim:${id}`, {
          previous: r.status,
          type: r.type,
          from: r.from_entity,
          to: r.to_entity,
          ...(writtenTo ? { writtenTo } : {}),
        });
        return claimRecord(this.db.prepare(`${CLAIM_SELECT} WHERE c.id = ?`).get(id) as Row);
      })
      .immediate();
  }

  async saveRun(run: RunInput, who: Actor): Promise<RunRecord> {
    const createdAt = now(who);
    const id = `r-${createdAt.replace(/[-:T]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    const parameters = JSON.stringify(run.parameters ?? null);
    const result = JSON.stringify(run.result ?? null);
    this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO runs (id, kind, model, seed, created_at, parameters, result) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(id, run.kind, run.model ?? null, run.seed ?? null, createdAt, parameters, result);
        this.log(who, 'run', `run:${id}`, {
          kind: run.kind,
          model: run.model ?? null,
          seed: run.seed ?? null,
        });
      })
      .immediate();
    return runRecord(this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Row);
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Row | undefined;
    return r ? runRecord(r) : undefined;
  }

  async listRuns(filter: { kind?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM runs ${filter.kind ? 'WHERE kind = ?' : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      )
      .all(...(filter.kind ? [filter.kind] : []), filter.limit ?? 100) as Row[];
    return rows.map(runRecord);
  }

  async changes(filter: { since?: number; target?: string; limit?: number } = {}): Promise<ChangeRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM changes WHERE seq > ? ${filter.target ? 'AND target = ?' : ''} ORDER BY seq LIMIT ?`,
      )
      .all(filter.since ?? 0, ...(filter.target ? [filter.target] : []), filter.limit ?? 1_000_000) as Row[];
    return rows.map((r) => ({
      seq: r.seq as number,
      at: r.at as string,
      actor: r.actor as string,
      action: r.action as string,
      target: r.target as string,
      detail: JSON.parse(r.detail as string) as unknown,
      ...(r.reason != null ? { reason: r.reason as string } : {}),
    }));
  }

  async stats(): Promise<StoreStats> {
    const n = (t: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      documents: n('documents'),
      paragraphs: n('paragraphs'),
      mentions: n('mentions'),
      claims: n('claims'),
      runs: n('runs'),
      changes: n('changes'),
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
