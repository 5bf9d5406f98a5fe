import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic.js';

const dir = mkdtempSync(join(tmpdir(), 'tyl-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', () => {
    const path = join(dir, 'out.json');
    writeFileSync(path, 'old');
    writeFileAtomic(path, 'new content');
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('fails as a user error, leaving nothing behind, when the folder does not exist', () => {
    expect(() => writeFileAtomic(join(dir, 'missing', 'out.json'), 'x')).toThrow(
      /cli\/write: .*cannot write \(ENOENT\)/,
    );
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});
