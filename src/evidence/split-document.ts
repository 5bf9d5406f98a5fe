// Splits a Markdown or plain-text document into sections and numbered paragraphs. The anchors it
// gives (section slug + paragraph number within the section) are what model citations point at:
// `cite: [{ source: ferris-2023, section: the-tyl, paragraph: 2 }]`.
//
// Rules (documented in docs/model-format.md, "Citations"):
// - YAML front matter between leading `---` lines is metadata, not text.
// - A heading line (`#`…`######`, also inside a block quote, `> ####`) opens a section; its slug is
//   the heading text lower-cased, accents and punctuation dropped, words joined by `-`.
// - Text before the first heading is the section `summary`.
// - Paragraphs are runs of non-blank lines; each list item is a paragraph of its own; horizontal
//   rules and `<excerpt/>` markers are not paragraphs. Numbering restarts at 1 in every section.
import { parse as parseYaml } from 'yaml';

export interface Paragraph {
  /** Section slug, e.g. `the-tyl`. */
  section: string;
  /** 1-based number within the section. */
  paragraph: number;
  /** The section heading as written. */
  heading: string;
  text: string;
  /** 1-based line of the paragraph's first line in the whole file. */
  line: number;
}

export interface SplitDocument {
  meta: Record<string, unknown>;
  sections: { slug: string; heading: string; line: number }[];
  paragraphs: Paragraph[];
}

/** Turns a heading (or a citation's section) into the slug anchors use. */
export function slugify(heading: string): string {
  return heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const HEADING = /^(?:>\s*)?#{1,6}\s+(.+?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;
const BLANK = /\s/;
const blankCache = new Uint8Array(65536);
/** Whether the char code `c` (127 or above) is a blank to `\s`; memoised. */
function wideBlank(c: number): boolean {
  let v = blankCache[c];
  if (v === 0) blankCache[c] = v = BLANK.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

/** `s` has a blank other than a space, or two blanks in a row (what `/[^\S ]| \s/` finds). */
function messyBlanks(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c < 127) continue;
    if (c === 32) {
      const d = s.charCodeAt(i + 1);
      if (d === 32 || (d >= 9 && d <= 13) || (d >= 127 && wideBlank(d))) return true;
    } else if ((c >= 9 && c <= 13) || (c >= 127 && wideBlank(c))) return true;
  }
  return false;
}

// `key: value` with a plain value that YAML 1.2 (core schema) reads as that very string: it starts
// with a letter (so it is no number, no quoted or flow value), holds no `:` or `#`, and is no null
// or boolean; or a date such as 2023-05 or 2023-05-01, which the core schema keeps as a string
const SIMPLE_FIELD = /^([A-Za-z_][A-Za-z0-9_-]*): +(\p{L}[\p{L}\p{N} .,'’()/-]*|\d{4}-\d{2}(?:-\d{2})?)$/u;
const NOT_STRING = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/**
 * Front matter (`lines[from..to)`) of only simple `key: value` lines (SIMPLE_FIELD), read without
 * the YAML parser, which costs about 0.25 ms a document; undefined for anything else, which the
 * parser then reads. Gives what `yaml.parse` gives for such lines (a property test checks it).
 */
export function simpleFrontMatter(
  lines: readonly string[],
  from: number,
  to: number,
): Record<string, string> | undefined {
  if (to <= from) return undefined;
  const meta: Record<string, string> = {};
  for (let i = from; i < to; i++) {
    const m = SIMPLE_FIELD.exec(lines[i]);
    if (!m) return undefined;
    const [, key, value] = m;
    if (value.endsWith(' ') || NOT_STRING.test(value) || NOT_STRING.test(key) || key === '__proto__')
      return undefined;
    if (Object.prototype.hasOwnProperty.call(meta, key)) return undefined;
    meta[key] = value;
  }
  return meta;
}

/** Splits `text` into sections and paragraphs; pure, no I/O. */
export function splitDocument(text: string): SplitDocument {
  const body = text.replace(/^\uFEFF/, '');
  // without a carriage return anywhere, a plain split gives the same lines, faster
  const lines = body.includes('\r') ? body.split(/\r?\n/) : body.split('\n');
  let meta: Record<string, unknown> = {};
  let start = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (end > 0) {
      const simple = simpleFrontMatter(lines, 1, end);
      if (simple) meta = simple;
      else
        try {
          const parsed: unknown = parseYaml(lines.slice(1, end).join('\n'));
          if (parsed && typeof parsed === 'object') meta = parsed as Record<string, unknown>;
        } catch {
          meta = {};
        }
      start = end + 1;
    }
  }
  const sections: SplitDocument['sections'] = [];
  const paragraphs: Paragraph[] = [];
  let slug = 'summary';
  let heading = 'Summary';
  let n = 0;
  let buf: string[] = [];
  let bufLine = 0;
  const flush = () => {
    const joined = buf.join(' ');
    // collapsing runs of blanks changes nothing unless there is a blank other than a space, or
    // two blanks in a row; testing for that is cheaper than replacing every space by itself
    const t = (messyBlanks(joined) ? joined.replace(/\s+/g, ' ') : joined).trim();
    if (t && t !== '<excerpt/>')
      paragraphs.push({ section: slug, paragraph: ++n, heading, text: t, line: bufLine });
    buf = [];
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    // a heading starts with '#' or '>' once leading blanks are gone (HEADING allows none before them)
    const c = line.charCodeAt(0);
    const h = c === 35 || c === 62 ? HEADING.exec(line) : null;
    if (h) {
      flush();
      heading = h[1].trim();
      slug = slugify(heading) || `section-${i + 1}`;
      sections.push({ slug, heading, line: i + 1 });
      n = 0;
      continue;
    }
    if (!trimmed || RULE.test(line) || trimmed === '<excerpt/>') {
      flush();
      continue;
    }
    if (LIST_ITEM.test(line)) flush();
    if (!buf.length) bufLine = i + 1;
    buf.push(trimmed);
  }
  flush();
  return { meta, sections, paragraphs };
}
