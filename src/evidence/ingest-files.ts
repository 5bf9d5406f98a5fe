// Ingestion of files into a workspace (the I/O edge of the evidence pipeline). Every input is read
// and checked before anything is written, so a bad file anywhere in the list changes nothing. The
// documents are then prepared (hashes, anchors, mentions, claims; prepare-pipeline.ts) and written
// in input order, several per transaction (Store.putDocuments): a killed ingest leaves whole
// batches of whole documents. With a core to spare, a writer thread writes (writer-thread.ts)
// while the main thread prepares; optionally, worker threads prepare while the main thread writes.
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, relative } from 'node:path';
import { UserError } from '../model/problem.js';
import { decodeText, DECODE_DEFAULTS } from './decode-text.js';
import { hashText, readDocument } from './prepare-document.js';
import {
  PIPELINE_DEFAULTS,
  preparePipeline,
  spareCores,
  type PrepareJob,
  type PreparePipeline,
} from './prepare-pipeline.js';
import { slugify } from './split-document.js';
import { writerThread, type DocumentWriter } from './writer-thread.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { Gazetteer } from './gazetteer.js';
import type { DocumentFormat, DocumentInput, PutDocumentResult, Store } from '../store/store.js';

export interface IngestOptions {
  gazetteer: Gazetteer;
  /** Source id for the (single) file; default: front matter `id`, else the file name slugified. */
  source?: string;
  /** Force a format instead of detecting it. */
  format?: DocumentFormat;
  maxBytes?: number;
  actor?: string;
  /** Why (recorded in the change log). */
  reason?: string;
  /** Paths are recorded relative to this folder. */
  cwd?: string;
  /** Called after each document is written. */
  onProgress?: (done: number, total: number, path: string) => void;
  /**
   * Write on a worker thread while the main thread prepares the next documents (writer-thread.ts;
   * SQLite workspace files only). Default: when `workers` is not given, the machine has a second
   * core and other processes do not keep every core busy (`spareCores()`).
   */
  writer?: boolean;
  /** Worker threads preparing documents while the main thread writes (default 0). */
  workers?: number;
  /** Documents written per transaction, at most (default 16). */
  batchDocuments?: number;
  /** Input bytes written per transaction, at most (default 256 KiB; a larger single document is one batch). */
  batchBytes?: number;
}

// small enough that a long ingest commits often (an interrupted one keeps most of its work), large
// enough that FTS5 writes few segments (5-20 documents a transaction measured alike)
const DEFAULTS = { batchDocuments: 16, batchBytes: 256 * 1024 };

export interface IngestResult extends PutDocumentResult {
  path: string;
  source: string;
  paragraphs: number;
  candidates: number;
}

interface Loaded {
  path: string;
  shown: string;
  text: string;
  bytes: number;
}

const ID = /^[a-z0-9][a-z0-9._-]*$/;

/** Reads and checks one input file; throws a `UserError` saying why it cannot be ingested. */
export function readInput(path: string, shown: string, maxBytes = DECODE_DEFAULTS.maxBytes): Loaded {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `evidence/ingest: ${shown}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}`,
    );
  }
  if (st.isDirectory())
    throw new UserError(`evidence/ingest: ${shown}: is a folder; name the files to ingest`);
  if (st.size > maxBytes) decodeText(new Uint8Array(maxBytes + 1), { maxBytes, name: shown });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UserError(
      `evidence/ingest: ${shown}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const { text } = decodeText(bytes, { maxBytes, name: shown });
  return { path, shown, text, bytes: bytes.length };
}

/** Ingests files into `store`; returns what happened to each. */
export async function ingestFiles(
  store: Store,
  paths: readonly string[],
  options: IngestOptions,
): Promise<IngestResult[]> {
  const o = { ...DEFAULTS, ...options };
  const cwd = options.cwd ?? process.cwd();
  if (!paths.length) throw new UserError('evidence/ingest: no files given');
  if (options.source !== undefined && paths.length > 1)
    throw new UserError(
      'evidence/ingest: --source names one document; ingest files one at a time to give each its id',
    );
  if (options.source !== undefined && !ID.test(options.source))
    throw new UserError(
      `evidence/ingest: --source "${options.source}" is not an id (lower-case letters, digits, ".", "_" or "-")`,
    );
  const loaded = paths.map((p) => {
    const rel = relative(cwd, p);
    return readInput(p, rel.startsWith('..') ? p : rel, options.maxBytes);
  });
  let pipeline: PreparePipeline | undefined;
  let writer: DocumentWriter | undefined;
  const wantWriter = options.writer ?? (options.workers === undefined && spareCores() > 0);
  try {
    return await checkAndWrite(store, loaded, o, (remaining) => {
      // started at the first document to prepare, the threads load while the rest are checked
      const bytes = remaining.reduce((s, l) => s + l.bytes, 0);
      pipeline ??= preparePipeline({
        gazetteer: options.gazetteer,
        expect: { documents: remaining.length, bytes },
        workers: options.workers ?? 0,
      });
      const file = store instanceof SqliteStore && !store.db.memory && !store.db.readonly;
      if (wantWriter && file && remaining.length > 1 && bytes >= PIPELINE_DEFAULTS.minBytes)
        writer ??= writerThread(store.db.name);
      return { pipeline, writer };
    });
  } finally {
    await pipeline?.close();
    await writer?.close();
  }
}

async function checkAndWrite(
  store: Store,
  loaded: readonly Loaded[],
  options: IngestOptions & typeof DEFAULTS,
  startPipeline: (remaining: readonly Loaded[]) => {
    pipeline: PreparePipeline;
    writer: DocumentWriter | undefined;
  },
): Promise<IngestResult[]> {
  const out: (IngestResult | undefined)[] = new Array(loaded.length);
  const seen = new Map<string, string>();
  const unchanged: { k: number; shown: string }[] = [];
  const jobs: (PrepareJob & { k: number })[] = [];
  let pipeline: PreparePipeline | undefined;
  let writer: DocumentWriter | undefined;
  // checks and reads only: nothing is written before every input has passed
  for (const [k, l] of loaded.entries()) {
    const read = readDocument(l.shown, l.text, options.format);
    const fmId = typeof read.meta.id === 'string' && ID.test(read.meta.id) ? read.meta.id : undefined;
    const source = options.source ?? fmId ?? (slugify(basename(l.path, extname(l.path))) || 'document');
    if (!read.split.paragraphs.length)
      throw new UserError(`evidence/ingest: ${l.shown}: no paragraphs of text found`);
    const dup = seen.get(source);
    if (dup)
      throw new UserError(
        `evidence/ingest: ${l.shown} and ${dup} would both be source "${source}"; ingest one of them with --source`,
      );
    seen.set(source, l.shown);
    const stored = await store.getDocument(source);
    if (
      stored &&
      stored.contentHash === hashText(l.text, 64) &&
      stored.gazetteerHash === options.gazetteer.hash
    ) {
      out[k] = {
        status: 'unchanged',
        version: stored.version,
        kept: stored.paragraphs,
        added: 0,
        removed: 0,
        mentions: stored.mentions + stored.candidates,
        claims: stored.claims,
        path: l.shown,
        source,
        paragraphs: stored.paragraphs,
        candidates: stored.candidates,
      };
      unchanged.push({ k, shown: l.shown });
      continue;
    }
    if (!pipeline) ({ pipeline, writer } = startPipeline(loaded.slice(k)));
    // the documents of one call have distinct sources, so writing one never changes another's anchors
    const previous = stored ? await store.getParagraphs(source) : [];
    const job = { k, source, path: l.shown, text: l.text, bytes: l.bytes, read, previous };
    jobs.push(job);
    // the worker starts on it now, while the rest are checked (its result is dropped if one fails)
    pipeline.offer(job);
  }
  let done = 0;
  for (const u of unchanged) options.onProgress?.(++done, loaded.length, u.shown);
  if (!pipeline) return out as IngestResult[];
  const who = {
    actor: options.actor ?? defaultActor(),
    ...(options.reason ? { reason: options.reason } : {}),
  };
  const record = (at: number, docs: readonly DocumentInput[], rs: readonly PutDocumentResult[]) =>
    rs.forEach((r, q) => {
      const { k } = jobs[at + q];
      const doc = docs[q];
      out[k] = {
        ...r,
        path: loaded[k].shown,
        source: doc.source,
        paragraphs: doc.paragraphs.length,
        candidates: doc.mentions.filter((m) => m.entity === null).length,
      };
      options.onProgress?.(++done, loaded.length, loaded[k].shown);
    });
  pipeline.start(jobs);
  // batches sent to the writer thread and not yet confirmed, in order
  const pending: { at: number; docs: DocumentInput[]; written: Promise<PutDocumentResult[]> }[] = [];
  const settle = async (b: (typeof pending)[number]) => {
    let rs: PutDocumentResult[];
    try {
      rs = await b.written;
    } catch (e) {
      if (e instanceof UserError) throw e;
      // the writer thread failed (not the documents): this batch and the rest are written here
      rs = await store.putDocuments(b.docs, who);
    }
    record(b.at, b.docs, rs);
  };
  for (let at = 0; at < jobs.length;) {
    const docs = await pipeline.take(options.batchDocuments, options.batchBytes);
    if (writer) {
      const from = at;
      const written = writer.put(
        docs.map((doc, q) => ({ doc, paragraphs: jobs[from + q].read.split.paragraphs })),
        who,
      );
      written.catch(() => undefined);
      pending.push({ at, docs, written });
      // up to two batches in flight: the main thread prepares the next while the writer writes
      while (pending.length > 2) await settle(pending.shift()!);
    } else record(at, docs, await store.putDocuments(docs, who));
    at += docs.length;
  }
  while (pending.length) await settle(pending.shift()!);
  return out as IngestResult[];
}

/** The user recorded in the change log: $TYL_USER, $USER, or `tyl`. */
export function defaultActor(env: Record<string, string | undefined> = process.env): string {
  return env.TYL_USER || env.USER || env.USERNAME || 'tyl';
}
