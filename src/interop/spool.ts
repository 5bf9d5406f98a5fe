// Where a streaming import parks the elements that refer to others (relations, sanctions,
// dependencies) until every entity of the file has been seen: in memory for small inputs and
// tests, or in a JSON-lines file so a million-line import keeps bounded memory.
import { closeSync, createReadStream, openSync, writeSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** A first-in, first-out store of plain JSON values. */
export interface Spool<T> {
  push(item: T): void;
  /** Every pushed item, in order; the spool is empty afterwards. */
  drain(): AsyncIterable<T>;
}

/** A spool held in memory. */
export function memorySpool<T>(): Spool<T> {
  let items: T[] = [];
  return {
    push: (item) => void items.push(item),
    async *drain() {
      const all = items;
      items = [];
      yield* all;
    },
  };
}

/** A spool written to `path` as JSON lines (buffered), read back by streaming and then deleted. */
export function fileSpool<T>(path: string): Spool<T> {
  const fd = openSync(path, 'w');
  let chunks: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunks.length) writeSync(fd, chunks.join(''));
    chunks = [];
    size = 0;
  };
  return {
    push(item) {
      const line = JSON.stringify(item) + '\n';
      chunks.push(line);
      size += line.length;
      if (size > 1 << 20) flush();
    },
    async *drain() {
      flush();
      closeSync(fd);
      const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
      for await (const line of rl) if (line) yield JSON.parse(line) as T;
      rmSync(path, { force: true });
    },
  };
}
