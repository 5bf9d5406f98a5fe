// Worker bootstrap when tyl runs from TypeScript sources (through tsx): registers tsx in the worker
// thread, then loads the TypeScript worker module named in workerData.entry. Built code (dist/)
// starts its .js worker directly and never uses this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
