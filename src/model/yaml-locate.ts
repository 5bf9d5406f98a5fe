// Maps a path inside a parsed YAML document (`['entities', 3, 'country']`) back to the line and
// column where it was written, so every problem can point at the exact field.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { At } from './types.js';
import type { Problem } from './problem.js';

/** A path inside a YAML document: mapping keys and sequence indexes. */
export type YamlPath = (string | number)[];

/** A parsed file with what is needed to locate nodes in it. */
export interface YamlFile {
  /** Path as it should appear in messages. */
  path: string;
  doc: Document.Parsed;
  lc: LineCounter;
}

/**
 * Parses one YAML document for a checker that reports located problems: the file (for locating
 * nodes later) and its syntax errors, each at its line and column.
 */
export function parseYamlFile(text: string, path: string): { file: YamlFile; problems: Problem[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lc,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: 'error',
  });
  const problems: Problem[] = doc.errors.map((e) => {
    const p = lc.linePos(e.pos[0]);
    return {
      severity: 'error',
      code: 'yaml-syntax',
      message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
      at: { file: path, line: p.line, column: p.col },
    };
  });
  return { file: { path, doc, lc }, problems };
}

function at(file: YamlFile, offset: number): At {
  const pos = file.lc.linePos(offset);
  return { file: file.path, line: pos.line, column: pos.col };
}

function findPair(node: unknown, key: string | number) {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
}

/** The YAML node at `path`, when the whole path exists. */
export function nodeAt(file: YamlFile, path: YamlPath): YamlNode | undefined {
  let node: unknown = file.doc.contents;
  for (const seg of path) {
    if (isMap(node)) node = findPair(node, seg)?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
    if (node === undefined) return undefined;
  }
  return (node ?? undefined) as YamlNode | undefined;
}

/**
 * Where the value at `path` starts. When the path does not exist in full (a missing field), this
 * is the deepest node that does exist; when a key has an empty value, the key itself.
 */
export function locate(file: YamlFile, path: YamlPath): At {
  let node: unknown = file.doc.contents;
  let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = findPair(node, seg);
      if (!pair) break;
      const keyStart = (pair.key as YamlNode).range?.[0];
      node = pair.value;
      const valueStart = (node as YamlNode | null)?.range?.[0];
      offset = valueStart ?? keyStart ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else break;
  }
  return at(file, offset);
}

/** Where the key `key` of the mapping at `path` is written (falls back to the mapping itself). */
export function locateKey(file: YamlFile, path: YamlPath, key: string): At {
  const pair = findPair(nodeAt(file, path), key);
  const start = (pair?.key as YamlNode | undefined)?.range?.[0];
  return start === undefined ? locate(file, path) : at(file, start);
}

/** True when the source span of the node at `path` contains any of `offsets`. */
export function spans(file: YamlFile, path: YamlPath, offsets: readonly number[]): boolean {
  const range = nodeAt(file, path)?.range;
  if (!range) return false;
  return offsets.some((o) => o >= range[0] && o <= range[2]);
}

/** `entities[3].providers[0].share`. */
export function pathString(path: YamlPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}
