// A worker thread started from TypeScript sources (tsx) would load tsx's require hook and every
// module through it: about 0.1 s of CPU per start, against 0.04 s for one plain JavaScript file.
// So the worker's module graph is bundled once with esbuild (which tsx itself runs on) into
// node_modules/.cache/tyl, and rebuilt whenever the content of one of its source files changes.
// Built code (dist/) has no need for this. Every failure (no esbuild, read-only folder) returns
// undefined, and the caller falls back to the tsx hook.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { basename, dirname, join } from 'node:path';
import { hash as oneShotHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

interface Manifest {
  entry: string;
  /** Source file → sha1 of its content when the bundle was built. */
  inputs: Record<string, string>;
  bundle: string;
}

type BuildSync = (options: Record<string, unknown>) => {
  outputFiles?: { text: string }[];
  metafile?: { inputs: Record<string, unknown> };
};

export interface BundleOptions {
  /** Where bundles are kept (default node_modules/.cache/tyl beside esbuild). */
  cacheDir?: string;
}

const sha1 = (path: string) => oneShotHash('sha1', readFileSync(path), 'hex');

/**
 * Path of an up-to-date CommonJS bundle of the TypeScript module `entry` (absolute path), building
 * it if needed; undefined if it cannot be built here.
 */
export function bundledWorker(entry: string, options: BundleOptions = {}): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const esbuild = dirname(require.resolve('esbuild/package.json'));
    const dir = options.cacheDir ?? join(dirname(esbuild), '.cache', 'tyl');
    const name = basename(entry).replace(/\.ts$/, '');
    const manifestPath = join(dir, `${name}.json`);
    let previous: string | undefined;
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      previous = m.bundle;
      if (
        m.entry === entry &&
        existsSync(m.bundle) &&
        Object.entries(m.inputs).every(([p, h]) => sha1(p) === h)
      )
        return m.bundle;
    } catch {
      // no bundle yet, or a source file gone: build one
    }
    const { buildSync } = require('esbuild') as { buildSync: BuildSync };
    const root = dirname(entry);
    const out = buildSync({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      // packages (better-sqlite3 and its native addon) load from node_modules at run time
      packages: 'external',
      target: `node${process.versions.node.split('.')[0]}`,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const text = out.outputFiles?.[0]?.text;
    if (!text || !out.metafile) return undefined;
    const inputs: Record<string, string> = {};
    for (const p of Object.keys(out.metafile.inputs)) {
      const abs = join(root, p);
      inputs[abs] = sha1(abs);
    }
    mkdirSync(dir, { recursive: true });
    const digest = oneShotHash('sha1', text, 'hex').slice(0, 16);
    const bundle = join(dir, `${name}-${digest}.cjs`);
    // written under temporary names and renamed, so a concurrent ingest never reads half a file
    const tmp = `.${process.pid}-${Date.now()}`;
    writeFileSync(bundle + tmp, text);
    renameSync(bundle + tmp, bundle);
    writeFileSync(manifestPath + tmp, JSON.stringify({ entry, inputs, bundle } satisfies Manifest));
    renameSync(manifestPath + tmp, manifestPath);
    // the bundle of older sources goes (a worker another process starts on it just then fails to
    // start, and that process falls back to its main thread)
    if (previous && previous !== bundle) rmSync(previous, { force: true });
    return bundle;
  } catch {
    return undefined;
  }
}

/** How to start a worker thread on a module of this folder (`worker.ts` / `worker.js`). */
export interface WorkerEntry {
  url: URL | string;
  eval: boolean;
  /** The TypeScript module, for the tsx bootstrap (when `eval`). */
  entry?: string;
  /**
   * Node options of the worker: none from sources, where the process runs under tsx (`--import`
   * of its loader), which a worker would otherwise inherit and start again, hooks thread and all;
   * inherited by built code.
   */
  execArgv?: string[];
}

/**
 * How to start a worker on `module` (the URL of its `.ts` file beside a caller running from
 * sources, or of its `.js` file in built code). Built code starts the `.js` file; from TypeScript
 * sources, a bundle (`bundledWorker`), 0.04 s of CPU to start instead of 0.1 s; failing that, a
 * small CommonJS bootstrap registers tsx's in-thread require hook and loads the module: an ESM
 * `register()` would start a second loader thread in the worker (about 0.2 s of CPU). The worker
 * finds `entry` in `workerData.entry` then. Either way the worker does not inherit tsx's `--import`.
 */
export function workerEntry(module: URL): WorkerEntry {
  if (!module.pathname.endsWith('.ts')) return { url: module, eval: false };
  const path = fileURLToPath(module);
  const bundle = bundledWorker(path);
  if (bundle) return { url: bundle, eval: false, execArgv: [] };
  const tsx = createRequire(module).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsx)}).register(); require(require('node:worker_threads').workerData.entry);`;
  return { url: bootstrap, eval: true, entry: path, execArgv: [] };
}

/**
 * Starts a worker from `start` (see `workerEntry`) with `data` as its `workerData`, to which the
 * tsx bootstrap's `entry` is added when there is one.
 */
export function startWorker(start: WorkerEntry, data: object): Worker {
  return new Worker(start.url, {
    workerData: start.entry ? { ...data, entry: start.entry } : data,
    eval: start.eval,
    ...(start.execArgv ? { execArgv: start.execArgv } : {}),
  });
}
