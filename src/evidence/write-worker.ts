// Worker-thread entry of the ingest writer (writer-thread.ts): opens the workspace on its own
// connection and writes every batch it is sent with `Store.putDocuments`, in order, one
// transaction each, posting each batch's results; after a failed batch it writes nothing more.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from '../store/sqlite-store.js';
import { UserError } from '../model/problem.js';
import { unpackDocument } from './pack-document.js';
import type { WriteBatch, WriteReply, WriterInput } from './writer-thread.js';

const { path } = workerData as WriterInput;
const port = parentPort!;
let store: ReturnType<typeof openSqliteStore> | undefined;
let failed = false;

port.on('message', async (m: WriteBatch | 'close') => {
  if (m === 'close') {
    await store?.close();
    port.close();
    return;
  }
  if (failed) return;
  try {
    store ??= openSqliteStore(path);
    const docs = m.docs.map(({ packed, paragraphs }) => unpackDocument(packed, paragraphs));
    const results = await store.putDocuments(docs, m.who);
    port.postMessage({ batch: m.batch, results } satisfies WriteReply);
  } catch (e) {
    failed = true;
    port.postMessage({
      batch: m.batch,
      error: { message: (e as Error).message, user: e instanceof UserError },
    } satisfies WriteReply);
  }
});
