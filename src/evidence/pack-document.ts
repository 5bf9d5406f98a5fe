// The form in which a worker thread posts a prepared document to the main thread (prepare-
// pipeline.ts): without what the main thread already holds (paragraph texts, headings, lines), and
// with mentions and claims as flat typed arrays over one string table, since cloning tens of
// thousands of small objects costs the main thread, which also writes, more than rebuilding them.
import type { Paragraph } from './split-document.js';
import type { ClaimInput, DocumentInput, StoredMention, StoredParagraph } from '../store/store.js';

/** A prepared document as a worker posts it. */
export interface PackedDocument extends Omit<DocumentInput, 'paragraphs' | 'mentions' | 'claims'> {
  /** Paragraph hashes, comma-separated, in reading order. */
  hashes: string;
  /** Anchor number of each paragraph. */
  numbers: Int32Array;
  /** Per mention: paragraph index, start, end, entity and name (indexes into `strings`; entity -1: a candidate, named by its text). */
  mentions: Int32Array;
  /** Per claim: paragraph index, sentence start and end, type, from, to, trigger (indexes into `strings`). */
  claims: Int32Array;
  /** Claim confidences. */
  confidences: Float64Array;
  /** Claim ids, comma-separated. */
  ids: string;
  strings: string[];
  /** The claims as they are when some claim's source or anchor is not the document's (never from `prepareDocument`). */
  otherClaims: ClaimInput[];
}

const M = 5;
const C = 7;

/** Packs a prepared document for posting (see `PackedDocument`). */
export function packDocument(doc: DocumentInput): PackedDocument {
  const { paragraphs, mentions, claims, ...rest } = doc;
  let index: Map<string, number> | undefined;
  // mentions, and then claims, come in reading order: look from the last paragraph found onwards
  const finder = () => {
    let last = 0;
    return (section: string, paragraph: number): number | undefined => {
      for (let i = last; i < paragraphs.length; i++) {
        const p = paragraphs[i];
        if (p.paragraph === paragraph && p.section === section) return (last = i);
      }
      if (!index) {
        index = new Map();
        paragraphs.forEach((p, i) => index!.set(`${p.section}\u0000${p.paragraph}`, i));
      }
      return index.get(`${section}\u0000${paragraph}`);
    };
  };
  const mentionAt = finder();
  const claimAt = finder();
  const refs = new Map<string, number>();
  const strings: string[] = [];
  const ref = (s: string) => {
    let r = refs.get(s);
    if (r === undefined) refs.set(s, (r = strings.push(s) - 1));
    return r;
  };
  const pm = new Int32Array(mentions.length * M);
  mentions.forEach((m, k) => {
    pm[M * k] = mentionAt(m.section, m.paragraph)!;
    pm[M * k + 1] = m.start;
    pm[M * k + 2] = m.end;
    pm[M * k + 3] = m.entity === null ? -1 : ref(m.entity);
    pm[M * k + 4] = m.entity === null ? -1 : ref(m.name);
  });
  const packable = claims.every(
    (c) => c.source === doc.source && claimAt(c.section, c.paragraph) !== undefined && !c.id.includes(','),
  );
  const own = packable ? claims : [];
  const claimAgain = finder();
  const pc = new Int32Array(own.length * C);
  const confidences = new Float64Array(own.length);
  own.forEach((c, k) => {
    pc.set(
      [
        claimAgain(c.section, c.paragraph)!,
        c.sentenceStart,
        c.sentenceEnd,
        ref(c.type),
        ref(c.from),
        ref(c.to),
        ref(c.trigger),
      ],
      C * k,
    );
    confidences[k] = c.confidence;
  });
  return {
    ...rest,
    hashes: paragraphs.map((p) => p.hash).join(','),
    numbers: Int32Array.from(paragraphs, (p) => p.paragraph),
    mentions: pm,
    claims: pc,
    confidences,
    ids: own.map((c) => c.id).join(','),
    strings,
    otherClaims: packable ? [] : claims,
  };
}

/**
 * Rebuilds the prepared document from its packed form and the paragraphs it was split into (which
 * travel apart: the job that prepared it holds them already).
 */
export function unpackDocument(packed: PackedDocument, split: readonly Paragraph[]): DocumentInput {
  const { hashes, numbers, mentions: m, claims: c, confidences, ids, strings, otherClaims, ...rest } = packed;
  const h = hashes.split(',');
  const paragraphs: StoredParagraph[] = split.map((p, i) => ({
    section: p.section,
    heading: p.heading,
    paragraph: numbers[i],
    ord: i,
    line: p.line,
    hash: h[i],
    text: p.text,
  }));
  const mentions: StoredMention[] = new Array(m.length / M);
  for (let k = 0; k < mentions.length; k++) {
    const p = paragraphs[m[M * k]];
    const start = m[M * k + 1];
    const end = m[M * k + 2];
    const entity = m[M * k + 3];
    // a mention's surface is the text it spans (possessive excluded, as is its end)
    const surface = p.text.slice(start, end);
    mentions[k] = {
      section: p.section,
      paragraph: p.paragraph,
      entity: entity < 0 ? null : strings[entity],
      name: entity < 0 ? surface : strings[m[M * k + 4]],
      start,
      end,
      surface,
    };
  }
  const claimIds = ids ? ids.split(',') : [];
  const claims: ClaimInput[] = claimIds.map((id, k) => {
    const p = paragraphs[c[C * k]];
    return {
      id,
      section: p.section,
      paragraph: p.paragraph,
      sentenceStart: c[C * k + 1],
      sentenceEnd: c[C * k + 2],
      type: strings[c[C * k + 3]],
      from: strings[c[C * k + 4]],
      to: strings[c[C * k + 5]],
      confidence: confidences[k],
      trigger: strings[c[C * k + 6]],
      source: rest.source,
    };
  });
  return { ...rest, paragraphs, mentions, claims: otherClaims.length ? otherClaims : claims };
}
