// Runs an import (FtM or CSV) into a model folder, all or nothing: the importer streams into a
// staging folder, and only when the report has no errors (or the caller chose to skip invalid
// lines) is the folder renamed into place. Merging into an existing model also re-loads the model
// with the new files before committing, so an import can never leave a model that does not load.
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createGunzip } from 'node:zlib';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { UserError, formatProblem } from '../model/problem.js';
import type { Model, ModelMeta } from '../model/types.js';
import { parseModel } from '../model/parse-model.js';
import { modelFiles, readModel } from '../store/read-model.js';
import { importFtm, type ImportReport } from './ftm-import.js';
import { importCsv } from './csv-import.js';
import { fileSpool } from './spool.js';
import { stagedYamlWriter } from './staged-yaml-writer.js';
import { memorySink } from './model-sink.js';
import { slugId } from './ftm-mapping.js';

export const IMPORT_FORMATS = ['ftm', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportToFolderOptions {
  /** Write the import as a new model folder here (must not exist, or be empty). */
  out?: string;
  /** Merge into this model folder: new elements go to `<into>/imported/<name>/`. */
  into?: string;
  /** Import the valid rest when some lines are invalid (they are reported); default: write nothing. */
  skipInvalid?: boolean;
  /** Read and report only; write nothing. */
  dryRun?: boolean;
  /** Model id and title for `--out` (default: from the input's file name). */
  id?: string;
  title?: string;
  /** Progress in bytes read of the total (FtM streaming). */
  onProgress?: (done: number, total: number) => void;
  cwd?: string;
}

export interface ImportToFolderResult {
  report: ImportReport;
  /** The folder written, or undefined when nothing was written. */
  wrote?: string;
  committed: boolean;
}

function inputName(inputs: string[]): string {
  const first = inputs[0];
  const base = basename(first).replace(/\.(ftm\.)?(jsonl?|csv)(\.gz)?$/i, '');
  return slugId(
    statSync(first).isDirectory() || inputs.length > 1
      ? basename(statSync(first).isDirectory() ? first : dirname(first))
      : base,
  );
}

/** The CSV files named on the command line: the files given, or the *.csv of a folder. */
function csvFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const i of inputs) {
    if (statSync(i).isDirectory())
      out.push(
        ...readdirSync(i)
          .filter((f) => f.endsWith('.csv'))
          .sort()
          .map((f) => join(i, f)),
      );
    else out.push(i);
  }
  return out;
}

/**
 * Imports `inputs` (one FtM file, or CSV files / a folder of them) into a model folder.
 * Throws UserError for unusable arguments; import problems are in the report.
 */
export async function importToFolder(
  format: ImportFormat,
  inputs: string[],
  options: ImportToFolderOptions,
): Promise<ImportToFolderResult> {
  const cwd = options.cwd ?? process.cwd();
  const where = `import/${format}`;
  if (!inputs.length) throw new UserError(`${where}: no input file`);
  for (const i of inputs)
    if (!existsSync(i)) throw new UserError(`${where}: ${relative(cwd, i) || i}: no such file or folder`);
  if (format === 'ftm' && (inputs.length > 1 || statSync(inputs[0]).isDirectory()))
    throw new UserError(`${where}: give one FtM file (newline-delimited JSON)`);
  if (!options.dryRun && !options.out === !options.into)
    throw new UserError(
      `${where}: give either --out DIR (a new model) or --into MODEL (merge), or --dry-run`,
    );
  let existing: Model | undefined;
  let target: string | undefined;
  let stagingParent: string | undefined;
  const name = inputName(inputs);
  if (options.into) {
    if (!existsSync(options.into) || !statSync(options.into).isDirectory())
      throw new UserError(`${where}: --into ${options.into}: not a model folder`);
    existing = readModel(options.into, cwd);
    let k = 1;
    do target = join(options.into, 'imported', k === 1 ? name : `${name}-${k}`);
    while (existsSync(target) && ++k);
    stagingParent = dirname(resolve(options.into));
  } else if (options.out) {
    target = options.out;
    if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length))
      throw new UserError(`${where}: --out ${options.out} already exists and is not an empty folder`);
  }

  const writer = !options.dryRun && target ? stagedYamlWriter(target, stagingParent) : undefined;
  const sink = writer ?? memorySink();
  let report: ImportReport;
  let scratch: string | undefined;
  try {
    if (format === 'ftm') {
      const path = inputs[0];
      const total = statSync(path).size;
      // Gzipped files (as bulk FtM data is often shipped) are read through gunzip; progress counts
      // the bytes of the file on disk either way.
      const raw = createReadStream(path);
      const input = /\.gz$/i.test(path) ? raw.pipe(createGunzip()) : raw;
      input.setEncoding('utf8');
      const rl = createInterface({ input, crlfDelay: Infinity });
      report = await importFtm(rl, sink, {
        file: relative(cwd, path) || path,
        existing,
        // On disk even for a dry run, so memory stays bounded by the ids, not the records.
        spool: fileSpool(
          join(writer?.staging ?? (scratch = mkdtempSync(join(tmpdir(), 'tyl-import-'))), '.spool.jsonl'),
        ),
        onProgress: options.onProgress
          ? () => options.onProgress!(Math.min(raw.bytesRead, total), total)
          : undefined,
      });
    } else {
      const files = csvFiles(inputs).map((f) => ({
        path: relative(cwd, f) || f,
        text: readFileSync(f, 'utf8'),
      }));
      report = importCsv(files, sink, { existing });
    }
  } catch (e) {
    writer?.abort();
    throw e;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
  const nothingNew = Object.values(report.written).every((n) => n === 0);
  if (!writer || (report.errors && !options.skipInvalid) || (nothingNew && options.into)) {
    writer?.abort();
    return { report, committed: false };
  }
  if (options.into) {
    // The merged model must load: check the existing files plus the staged ones before committing.
    const texts = [
      ...modelFiles(options.into),
      ...readdirSync(writer.staging)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(writer.staging, f)),
    ].map((f) => ({
      path: relative(cwd, f) || f,
      text: readFileSync(f, 'utf8'),
    }));
    const check = parseModel(texts);
    const errors = check.problems.filter((p) => p.severity === 'error');
    if (errors.length) {
      writer.abort();
      throw new UserError(
        `${where}: the merged model would not load; nothing written\n${errors.slice(0, 20).map(formatProblem).join('\n')}`,
      );
    }
  }
  const meta: ModelMeta | undefined = options.out
    ? { id: options.id ?? name, title: options.title ?? `Imported from ${basename(inputs[0])}` }
    : undefined;
  writer.commit(meta);
  return { report, wrote: target, committed: true };
}
