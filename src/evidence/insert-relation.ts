// Writes one relation into a model file's YAML text without reformatting anything else: the new
// item is rendered on its own and spliced in as text after the last item of the block `relations`
// sequence (or a new `relations:` key is appended), so every other byte of the file, comments
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

/** Renders the relation as block YAML with one-line citations. */
function renderItem(rel: NewRelation): string[] {
  const doc = new Document(rel);
  const cite = doc.get('cite', true) as YAMLSeq;
  for (const item of cite.items) (item as YAMLMap).flow = true;
  return doc.toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n');
}

/** Returns `text` with `rel` added to its `relations` list. Throws if the text is not a YAML mapping. */
export function insertRelation(text: string, rel: NewRelation, options: InsertOptions = {}): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`not valid YAML: ${doc.errors[0].message}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error('the file is not a YAML mapping');
  const lines = renderItem(rel);
  const comment = options.comment ? options.comment.split('\n').map((l) => `# ${l}`) : [];
  const node = doc.contents ? doc.contents.get('relations', true) : undefined;
  let out: string;
  if (isSeq(node) && !node.flow && node.items.length && node.range) {
    const first = node.items[0] as { range?: [number, number, number] };
    const last = node.items[node.items.length - 1] as { range?: [number, number, number] };
    const lineStart = text.lastIndexOf('\n', first.range![0] - 1) + 1;
    const dash = text.slice(lineStart, first.range![0]).indexOf('-');
    const ind = ' '.repeat(Math.max(0, dash));
    let pos = text.indexOf('\n', Math.max(last.range![1] - 1, 0));
    const item =
      [
        ...comment.map((c) => ind + c),
        ind + '- ' + lines[0],
        ...lines.slice(1).map((l) => ind + '  ' + l),
      ].join('\n') + '\n';
    if (pos < 0) out = text + '\n' + item;
    else {
      pos += 1;
      out = text.slice(0, pos) + item + text.slice(pos);
    }
  } else if (node === undefined && (doc.contents === null || !(doc.contents as YAMLMap).flow)) {
    const item =
      [
        'relations:',
        ...comment.map((c) => '  ' + c),
        '  - ' + lines[0],
        ...lines.slice(1).map((l) => '    ' + l),
      ].join('\n') + '\n';
    out = text + (text === '' || text.endsWith('\n') ? '' : '\n') + (text.trim() ? '\n' : '') + item;
  } else {
    // flow or empty sequence, or a null value: let the Document API rewrite this file
    const seq = isSeq(node) ? node : (doc.createNode([]) as YAMLSeq);
    if (!seq.items.length) seq.flow = false;
    const created = doc.createNode(rel) as YAMLMap;
    for (const c of (created.get('cite', true) as unknown as YAMLSeq).items) (c as YAMLMap).flow = true;
    if (options.comment) created.commentBefore = ' ' + options.comment;
    seq.items.push(created);
    if (!isSeq(node)) doc.set('relations', seq);
    out = doc.toString({ lineWidth: 0 });
  }
  const check = parseDocument(out);
  if (check.errors.length)
    throw new Error(`internal: the edited file does not parse (${check.errors[0].message})`);
  const after = check.toJS() as Record<string, unknown>;
  const rels = after.relations as unknown[];
  const original = (parseDocument(text).toJS() ?? {}) as Record<string, unknown>;
  const oldRels = Array.isArray(original.relations) ? original.relations : [];
  const expected = { ...original, relations: [...oldRels, JSON.parse(JSON.stringify(rel)) as unknown] };
  if (!Array.isArray(rels) || !isDeepStrictEqual(after, expected))
    throw new Error('internal: the edit changed more than the relations list');
  return out;
}
