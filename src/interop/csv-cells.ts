// How lists and citations sit in one CSV cell: items joined by `;`, citations written
// `source#section/paragraph` (or `/paragraph-to`, and `|note`), with `\` escaping `\`, `;` and `|`
// inside items so any text survives the round trip.
import type { CitationT } from '../model/schema.js';

const escape = (s: string) => s.replace(/[\\;|]/g, (c) => '\\' + c);

/** Splits on an unescaped separator, keeping escapes (to be undone by `unescape`). */
function splitEscaped(s: string, sep: string, limit = Infinity): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === sep && out.length < limit - 1) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const unescape = (s: string) => s.replace(/\\([\s\S])/g, '$1');

/** A list of strings as one cell. */
export function joinList(items: readonly string[]): string {
  return items.map(escape).join(';');
}

/** The list in a cell (an empty cell is an empty list). */
export function splitList(cell: string): string[] {
  if (cell === '') return [];
  return splitEscaped(cell, ';').map(unescape);
}

/** Citations as one cell: `paper#sanctions/2;paper#intro/3-5|what it supports`. */
export function joinCitations(cites: readonly CitationT[]): string {
  return cites
    .map(
      (c) =>
        `${escape(c.source)}#${escape(c.section)}/${c.paragraph}${c.to !== undefined ? `-${c.to}` : ''}${c.note !== undefined ? `|${escape(c.note)}` : ''}`,
    )
    .join(';');
}

/** The citations in a cell, or the reason one cannot be read. */
export function splitCitations(cell: string): { cites: CitationT[]; error?: string } {
  const cites: CitationT[] = [];
  if (cell === '') return { cites };
  for (const item of splitEscaped(cell, ';')) {
    const [head, note] = splitEscaped(item, '|', 2);
    const m = /^([^#]+)#(.+)\/(\d+)(?:-(\d+))?$/s.exec(head);
    if (!m)
      return {
        cites,
        error: `cannot read the citation "${unescape(item)}" (expected source#section/paragraph, e.g. ferris-2023#sanctions/4)`,
      };
    const c: CitationT = { source: unescape(m[1]), section: unescape(m[2]), paragraph: Number(m[3]) };
    if (m[4] !== undefined) c.to = Number(m[4]);
    if (note !== undefined) c.note = unescape(note);
    cites.push(c);
  }
  return { cites };
}
