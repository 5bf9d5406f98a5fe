// Stable anchors across re-ingests. A fresh document is numbered as split-document.ts numbers it
// (paragraph n of its section). When a document is ingested again after an edit, a paragraph whose
// text is unchanged (same content hash, same section) keeps the number it had, so citations to it
// still resolve; an edited or new paragraph takes its natural number when no kept paragraph holds
// it, else the next number after the section's highest.

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
  // 2. the rest take their natural number when free, else the next number after the highest used
  const maxOld = new Map<string, number>();
  for (const p of previous) maxOld.set(p.section, Math.max(maxOld.get(p.section) ?? 0, p.paragraph));
  paragraphs.forEach((p, i) => {
    if (out[i]) return;
    const t = takenIn(p.section);
    let n = p.paragraph;
    if (t.has(n)) {
      n = Math.max(maxOld.get(p.section) ?? 0, ...t) + 1;
      while (t.has(n)) n++;
    }
    out[i] = n;
    t.add(n);
  });
  return out;
}
