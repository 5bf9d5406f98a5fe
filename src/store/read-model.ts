// Reads a model from disk (a folder of YAML files, or one file) and parses it. The I/O edge of
// model loading; parsing and validation are pure (src/model/parse-model.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  parseModel,
  type DocumentOutline,
  type ParseResult,
  type ModelFileText,
} from '../model/parse-model.js';
import { readDocument } from '../evidence/prepare-document.js';
import type { RawSource } from '../model/schema.js';
import { UserError, formatProblem } from '../model/problem.js';
import type { Model } from '../model/types.js';

/** Folders inside a model folder that hold other kinds of file (scenarios, mitigations). */
const SKIP_DIRS = new Set(['scenarios', 'mitigations', 'node_modules', '.git']);

/** Lists the YAML files of a model folder (sorted, recursive), or the file itself. */
export function modelFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UserError(`model/load: ${path}: no such file or folder`);
  }
  if (st.isFile()) return [path];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const s = statSync(p);
      if (s.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(p);
      } else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  walk(path);
  return out;
}

/** Reads and parses a model; problems are returned, not thrown. */
export function readModelFiles(path: string, cwd = process.cwd()): ParseResult & { files: string[] } {
  const files = modelFiles(path);
  if (!files.length) throw new UserError(`model/load: ${path}: no .yaml files in this folder`);
  const texts: ModelFileText[] = files.map((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new UserError(`model/load: ${f}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const rel = relative(cwd, f);
    return { path: rel.startsWith('..') ? f : rel, text };
  });
  const folder = statSync(path).isDirectory() ? path : dirname(path);
  return { ...parseModel(texts, { outline: (s) => sourceOutline(folder, s) }), files };
}

/**
 * The sections and paragraph counts of a source's local copy (`file`, relative to the model
 * folder), split as citation anchors are defined (src/evidence/split-document.ts); undefined when
 * the file cannot be read.
 */
export function sourceOutline(folder: string, source: RawSource): DocumentOutline | undefined {
  if (!source.file) return undefined;
  const path = resolve(folder, source.file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const sections: Record<string, number> = {};
  for (const p of readDocument(path, text).split.paragraphs)
    sections[p.section] = Math.max(sections[p.section] ?? 0, p.paragraph);
  return { sections };
}

/** Reads a model and throws a `UserError` listing every problem when it has errors. */
export function readModel(path: string, cwd = process.cwd()): Model {
  const r = readModelFiles(path, cwd);
  if (!r.model) {
    const errors = r.problems.filter((p) => p.severity === 'error');
    throw new UserError(
      `model/load: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${path}\n` +
        r.problems.map(formatProblem).join('\n'),
      r.problems,
    );
  }
  return r.model;
}
