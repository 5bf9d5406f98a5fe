import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledWorker } from './bundled-worker.js';

const dir = mkdtempSync(join(tmpdir(), 'tyl-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const require = createRequire(import.meta.url);

describe('bundledWorker', () => {
  it('bundles a TypeScript module with its imports, reuses the bundle, and rebuilds it when a source changes', () => {
    const entry = join(dir, `entry-${process.pid}.ts`);
    const dep = join(dir, 'dep.ts');
    writeFileSync(dep, 'export const twice = (n: number): number => 2 * n;\n');
    writeFileSync(entry, "import { twice } from './dep.js';\nexport const answer: number = twice(21);\n");
    const first = bundledWorker(entry, { cacheDir: dir });
    expect(first).toMatch(/\.cjs$/);
    expect((require(first!) as { answer: number }).answer).toBe(42);
    expect(bundledWorker(entry, { cacheDir: dir })).toBe(first);
    // an imported file changes: a new bundle, with the new code
    writeFileSync(dep, 'export const twice = (n: number): number => 2 * n + 1;\n');
    const second = bundledWorker(entry, { cacheDir: dir });
    expect(second).not.toBe(first);
    expect(readFileSync(second!, 'utf8')).toContain('2 * n + 1');
    expect((require(second!) as { answer: number }).answer).toBe(43);
    // the bundle of the older sources is gone
    expect(existsSync(first!)).toBe(false);
  });

  it('gives undefined for a module that cannot be bundled', () => {
    const entry = join(dir, `broken-${process.pid}.ts`);
    writeFileSync(entry, "import { nothing } from './missing.js';\nexport const x = nothing;\n");
    expect(bundledWorker(entry, { cacheDir: dir })).toBeUndefined();
  });
});
