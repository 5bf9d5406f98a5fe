// Worker-thread entry of the Monte Carlo: runs a contiguous range of samples of a job with the same
// `runSamples` the main thread uses, posting progress, then the flat result arrays (transferred).
import { parentPort, workerData } from 'node:worker_threads';
import { runSamples, type McJob } from './mc-job.js';

const { job, seed, from, to } = workerData as { job: McJob; seed: number; from: number; to: number };
const r = runSamples(job, seed, from, to, (done) => parentPort!.postMessage({ type: 'progress', done }));
parentPort!.postMessage({ type: 'done', inputs: r.inputs, outputs: r.outputs }, [
  r.inputs.buffer as ArrayBuffer,
  r.outputs.buffer as ArrayBuffer,
]);
