// Stable anchors across re-ingests. A fresh document is numbered as split-document.ts numbers it
// (paragraph n of its section). When a document is ingested again after an edit, a paragraph whose
// text is unchanged (same content hash, same section) keeps the number it had, so citations to it
// still resolve; an edited paragraph takes the freed number of the text it replaces (between the
// same neighbours), and a new paragraph takes a number above every number the section had.

export interface AnchorInput {
  section: string;
  /** Natural number from the splitter. */
  paragraph: number;
  hash: string;
}

export interface PreviousAnchor {
  section: string;
  paragraph: number;
  hash: string;
}

/** Returns the anchor number of every new paragraph, in order. Pure. */
export function assignAnchors(
  paragraphs: readonly AnchorInput[],
  previous: readonly PreviousAnchor[] = [],
): number[] {
  const out = new Array<number>(paragraphs.length).fill(0);
  if (!previous.length) return paragraphs.map((p) => p.paragraph);
  const oldBy = new Map<string, number[]>();
  for (const p of [...previous].sort((a, b) => a.paragraph - b.paragraph)) {
    const k = `${p.section}\u0000${p.hash}`;
    const list = oldBy.get(k);
    if (list) list.push(p.paragraph);
    else oldBy.set(k, [p.paragraph]);
  }
  const taken = new Map<string, Set<number>>();
  const takenIn = (s: string) => {
    let t = taken.get(s);
    if (!t) taken.set(s, (t = new Set()));
    return t;
  };
  // 1. unchanged paragraphs keep their old number (the old number nearest the natural one)
  paragraphs.forEach((p, i) => {
    const list = oldBy.get(`${p.section}\u0000${p.hash}`);
    if (!list?.length) return;
    let bi = 0;
    for (let k = 1; k < list.length; k++)
      if (Math.abs(list[k] - p.paragraph) < Math.abs(list[bi] - p.paragraph)) bi = k;
    out[i] = list[bi];
    list.splice(bi, 1);
    takenIn(p.section).add(out[i]);
  });
  // 2. an edited paragraph takes a freed old number lying between its neighbours' numbers (it
  //    sits where the old text sat); anything else takes a fresh number above every old one, so
  //    a citation of a removed paragraph never silently points at different text.
  const freed = new Map<string, number[]>();
  for (const p of previous)
    if (!takenIn(p.section).has(p.paragraph)) {
      const f = freed.get(p.section);
      if (f) f.push(p.paragraph);
      else freed.set(p.section, [p.paragraph]);
    }
  for (const f of freed.values()) f.sort((a, b) => a - b);
  const maxOld = new Map<string, number>();
  for (const p of previous) maxOld.set(p.section, Math.max(maxOld.get(p.section) ?? 0, p.paragraph));
  paragraphs.forEach((p, i) => {
    if (out[i]) return;
    const t = takenIn(p.section);
    let lo = 0;
    for (let k = i - 1; k >= 0; k--)
      if (paragraphs[k].section === p.section && out[k]) {
        lo = out[k];
        break;
      }
    let hi = Infinity;
    for (let k = i + 1; k < paragraphs.length; k++)
      if (paragraphs[k].section === p.section && out[k]) {
        hi = out[k];
        break;
      }
    const f = freed.get(p.section) ?? [];
    const at = f.findIndex((n) => n > lo && n < hi && !t.has(n));
    let n: number;
    if (at >= 0) n = f.splice(at, 1)[0];
    else {
      n = Math.max(maxOld.get(p.section) ?? 0, 0, ...t) + 1;
      while (t.has(n)) n++;
    }
    out[i] = n;
    t.add(n);
  });
  return out;
}
