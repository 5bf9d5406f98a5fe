// The form in which a worker thread posts a prepared document to the main thread (prepare-
// pipeline.ts): without what the main thread already holds (paragraph texts, headings, lines), and
// with mentions as one flat Int32Array, since cloning tens of thousands of small objects costs the
// main thread, which also writes, more than rebuilding them there.
import { readDocument } from './prepare-document.js';
import type { PrepareJob } from './prepare-pipeline.js';
import type { DocumentInput, StoredMention, StoredParagraph } from '../store/store.js';

/** A prepared document as a worker posts it. */
export interface PackedDocument extends Omit<DocumentInput, 'paragraphs' | 'mentions'> {
  /** Paragraph hashes, comma-separated, in reading order. */
  hashes: string;
  /** Anchor number of each paragraph. */
  numbers: Int32Array;
  /** Per mention: paragraph index, start, end, and index into `entities` (-1: a candidate name). */
  mentions: Int32Array;
  /** Entity id and name pairs, flattened. */
  entities: string[];
}

/** Packs a prepared document for posting (see `PackedDocument`). */
export function packDocument(doc: DocumentInput): PackedDocument {
  const { paragraphs, mentions, ...rest } = doc;
  const index = new Map<string, number>();
  paragraphs.forEach((p, i) => index.set(`${p.section}\u0000${p.paragraph}`, i));
  const refs = new Map<string, number>();
  const entities: string[] = [];
  const packed = new Int32Array(mentions.length * 4);
  mentions.forEach((m, k) => {
    let ref = -1;
    if (m.entity !== null) {
      const key = `${m.entity}\u0000${m.name}`;
      ref = refs.get(key) ?? -1;
      if (ref < 0) {
        refs.set(key, (ref = entities.length / 2));
        entities.push(m.entity, m.name);
      }
    }
    packed[4 * k] = index.get(`${m.section}\u0000${m.paragraph}`)!;
    packed[4 * k + 1] = m.start;
    packed[4 * k + 2] = m.end;
    packed[4 * k + 3] = ref;
  });
  return {
    ...rest,
    hashes: paragraphs.map((p) => p.hash).join(','),
    numbers: Int32Array.from(paragraphs, (p) => p.paragraph),
    mentions: packed,
    entities,
  };
}

/** Rebuilds the prepared document from its packed form and the job it was prepared from. */
export function unpackDocument(packed: PackedDocument, job: PrepareJob): DocumentInput {
  const { hashes, numbers, mentions: m, entities, claims, ...rest } = packed;
  const split = (job.read ?? readDocument(job.path, job.text, job.format)).split.paragraphs;
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
  const mentions: StoredMention[] = new Array(m.length / 4);
  for (let k = 0; k < mentions.length; k++) {
    const p = paragraphs[m[4 * k]];
    const start = m[4 * k + 1];
    const end = m[4 * k + 2];
    const ref = m[4 * k + 3];
    // a mention's surface is the text it spans (possessive excluded, as is its end)
    const surface = p.text.slice(start, end);
    mentions[k] = {
      section: p.section,
      paragraph: p.paragraph,
      entity: ref < 0 ? null : entities[2 * ref],
      name: ref < 0 ? surface : entities[2 * ref + 1],
      start,
      end,
      surface,
    };
  }
  return { ...rest, paragraphs, mentions, claims };
}
