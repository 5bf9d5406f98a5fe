// Worker-thread entry of the ingest pipeline (prepare-pipeline.ts): claims documents from the
// shared counter as they arrive and prepares each with the same `prepareSplit` the main thread uses, posting
// every result with its index, so who prepared a document never changes what is stored.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareSplit } from './prepare-split.js';
import { packDocument } from './pack-document.js';
import type { JobsMessage, PrepareJob, WorkerInput, WorkerMessage } from './prepare-pipeline.js';

const { gazetteer, claims, counter } = workerData as WorkerInput;
const next = new Int32Array(counter);
const jobs: PrepareJob[] = [];
// documents arrive while the main thread is still checking the others: prepare every one that has
// arrived and that no other thread has claimed, then wait for more
parentPort!.on('message', (m: JobsMessage) => {
  for (const job of m.jobs) jobs.push(job);
  for (;;) {
    const i = Atomics.load(next, 0);
    if (i >= jobs.length) break;
    if (Atomics.compareExchange(next, 0, i, i + 1) !== i) continue;
    const job = jobs[i];
    try {
      const doc = packDocument(prepareSplit(job, job.read, { gazetteer, previous: job.previous, claims }));
      parentPort!.postMessage({ i, doc } satisfies WorkerMessage, [
        doc.numbers.buffer as ArrayBuffer,
        doc.mentions.buffer as ArrayBuffer,
        doc.claims.buffer as ArrayBuffer,
        doc.confidences.buffer as ArrayBuffer,
      ]);
    } catch {
      // the main thread prepares it again, and so reports the error with its own stack
      parentPort!.postMessage({ i, failed: true } satisfies WorkerMessage);
    }
  }
});
