// Writes one relation (or source) into a model file's YAML text without reformatting anything else:
// the new item is rendered on its own and spliced in as text after the last item of the block list
// (`relations`, `sources`), or a new key is appended, so every other byte of the file, comments
// included, stays as it was. The result is re-parsed and checked before it is returned. Flow-style
// sequences (`relations: []`) fall back to the yaml Document API, which keeps comments but may
// re-indent that file.
import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { isDeepStrictEqual } from 'node:util';

export interface NewRelation {
  id: string;
  type: string;
  from: string;
  to: string;
  cite: { source: string; section: string; paragraph: number }[];
  confidence?: string;
  note?: string;
}

export interface InsertOptions {
  /** A comment line written above the new item. */
  comment?: string;
}

/** Renders an item as block YAML, with the maps inside its `cite` list on one line each. */
function renderItem(item: object): string[] {
  const doc = new Document(item);
  const cite = doc.get('cite', true);
  if (isSeq(cite)) for (const c of cite.items) (c as YAMLMap).flow = true;
  return doc.toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n');
}

/** Returns `text` with `rel` added to its `relations` list. Throws if the text is not a YAML mapping. */
export function insertRelation(text: string, rel: NewRelation, options: InsertOptions = {}): string {
  return insertListItem(text, 'relations', rel, options);
}

/**
 * Returns `text` with `item` appended to the top-level list `key` (created when absent), every
 * other byte unchanged. Throws if the text is not a YAML mapping.
 */
export function insertListItem(text: string, key: string, item: object, options: InsertOptions = {}): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`not valid YAML: ${doc.errors[0].message}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error('the file is not a YAML mapping');
  const lines = renderItem(item);
  const comment = options.comment ? options.comment.split('\n').map((l) => `# ${l}`) : [];
  const node = doc.contents ? doc.contents.get(key, true) : undefined;
  let out: string;
  if (isSeq(node) && !node.flow && node.items.length && node.range) {
    const first = node.items[0] as { range?: [number, number, number] };
    const last = node.items[node.items.length - 1] as { range?: [number, number, number] };
    const lineStart = text.lastIndexOf('\n', first.range![0] - 1) + 1;
    const dash = text.slice(lineStart, first.range![0]).indexOf('-');
    const ind = ' '.repeat(Math.max(0, dash));
    let pos = text.indexOf('\n', Math.max(last.range![1] - 1, 0));
    const block =
      [
        ...comment.map((c) => ind + c),
        ind + '- ' + lines[0],
        ...lines.slice(1).map((l) => ind + '  ' + l),
      ].join('\n') + '\n';
    if (pos < 0) out = text + '\n' + block;
    else {
      pos += 1;
      out = text.slice(0, pos) + block + text.slice(pos);
    }
  } else if (node === undefined && (doc.contents === null || !(doc.contents as YAMLMap).flow)) {
    const block =
      [
        `${key}:`,
        ...comment.map((c) => '  ' + c),
        '  - ' + lines[0],
        ...lines.slice(1).map((l) => '    ' + l),
      ].join('\n') + '\n';
    out = text + (text === '' || text.endsWith('\n') ? '' : '\n') + (text.trim() ? '\n' : '') + block;
  } else {
    // flow or empty sequence, or a null value: let the Document API rewrite this file
    const seq = isSeq(node) ? node : (doc.createNode([]) as YAMLSeq);
    if (!seq.items.length) seq.flow = false;
    const created = doc.createNode(item) as YAMLMap;
    const cite = created.get('cite', true);
    if (isSeq(cite)) for (const c of cite.items) (c as YAMLMap).flow = true;
    if (options.comment) created.commentBefore = ' ' + options.comment;
    seq.items.push(created);
    if (!isSeq(node)) doc.set(key, seq);
    out = doc.toString({ lineWidth: 0 });
  }
  const check = parseDocument(out);
  if (check.errors.length)
    throw new Error(`internal: the edited file does not parse (${check.errors[0].message})`);
  const after = check.toJS() as Record<string, unknown>;
  const original = (parseDocument(text).toJS() ?? {}) as Record<string, unknown>;
  const old = Array.isArray(original[key]) ? (original[key] as unknown[]) : [];
  const expected = { ...original, [key]: [...old, JSON.parse(JSON.stringify(item)) as unknown] };
  if (!isDeepStrictEqual(after, expected))
    throw new Error(`internal: the edit changed more than the ${key} list`);
  return out;
}
