// Writing prepared documents on a worker thread while the main thread prepares the next ones.
// SQLite's work (FTS5 index, mention and claim rows, commits) is native code, about as fast on a
// fresh thread as on a warm one, while preparing documents is JavaScript that a fresh thread runs
// cold at half speed: so a second thread pays best as the writer. The writer opens the workspace
// on its own connection (WAL lets the main connection read meanwhile) and writes batches in the
// order given, one transaction each, exactly as `Store.putDocuments` on the main thread would.
import { UserError } from '../model/problem.js';
import { startWorker, workerEntry } from './bundled-worker.js';
import { packDocument, type PackedDocument } from './pack-document.js';
import type { Paragraph } from './split-document.js';
import type { Actor, DocumentInput, PutDocumentResult } from '../store/store.js';

/** What the writer receives when it starts. */
export interface WriterInput {
  /** The workspace file. */
  path: string;
}

/** One batch to write: each document packed, with the paragraphs it was prepared from. */
export interface WriteBatch {
  batch: number;
  who: Actor;
  docs: { packed: PackedDocument; paragraphs: readonly Paragraph[] }[];
}

export type WriteReply =
  | { batch: number; results: PutDocumentResult[] }
  | { batch: number; error: { message: string; user: boolean } };

export interface DocumentWriter {
  /**
   * Sends a batch (documents with the split paragraphs each was prepared from) to be written in
   * one transaction after those sent before; resolves with its results, or rejects as
   * `putDocuments` would have thrown (a `UserError` stays one).
   */
  put(
    docs: readonly { doc: DocumentInput; paragraphs: readonly Paragraph[] }[],
    who: Actor,
  ): Promise<PutDocumentResult[]>;
  /** Closes the writer's connection and ends the thread (waits for it). */
  close(): Promise<void>;
}

/** Starts a writer thread on the workspace file `path`. */
export function writerThread(path: string): DocumentWriter {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const start = workerEntry(new URL(`./write-worker.${ext}`, import.meta.url));
  const data: WriterInput = { path };
  const worker = startWorker(start, data);
  const waiting = new Map<
    number,
    { resolve: (r: PutDocumentResult[]) => void; reject: (e: Error) => void }
  >();
  let next = 0;
  let dead: Error | undefined;
  const fail = (e: Error) => {
    dead ??= e;
    for (const w of waiting.values()) w.reject(dead);
    waiting.clear();
  };
  worker.on('message', (m: WriteReply) => {
    const w = waiting.get(m.batch);
    if (!w) return;
    waiting.delete(m.batch);
    if ('results' in m) w.resolve(m.results);
    else {
      const e = m.error.user ? new UserError(m.error.message) : new Error(m.error.message);
      w.reject(e);
      fail(e);
    }
  });
  worker.on('error', (e) => fail(e));
  const exited = new Promise<void>((resolve) =>
    worker.on('exit', () => {
      fail(new Error('evidence/ingest: the writer thread stopped'));
      resolve();
    }),
  );
  return {
    put(docs, who) {
      if (dead) return Promise.reject(dead);
      const batch = next++;
      const packed = docs.map(({ doc, paragraphs }) => ({ packed: packDocument(doc), paragraphs }));
      const transfer = packed.flatMap(({ packed: p }) => [
        p.numbers.buffer as ArrayBuffer,
        p.mentions.buffer as ArrayBuffer,
        p.claims.buffer as ArrayBuffer,
        p.confidences.buffer as ArrayBuffer,
      ]);
      return new Promise((resolve, reject) => {
        waiting.set(batch, { resolve, reject });
        worker.postMessage({ batch, who, docs: packed } satisfies WriteBatch, transfer);
      });
    },
    async close() {
      worker.postMessage('close');
      const timeout = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
