// Reads a model from disk (a folder of YAML files, or one file) and parses it. The I/O edge of
// model loading; parsing and validation are pure (src/model/parse-model.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseModel, type ParseResult, type ModelFileText } from '../model/parse-model.js';
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
  return { ...parseModel(texts), files };
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
