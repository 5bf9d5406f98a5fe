// The pure core of document preparation, from a document already split into paragraphs to
// everything the store keeps for it: paragraphs with stable anchors and content hashes, mentions,
// candidate claims and metadata. Pure apart from hashing. Kept apart from the splitter (and its
// YAML parser) so that the ingest worker thread (prepare-worker.ts) loads only what it runs.
import { createHash, hash as oneShotHash } from 'node:crypto';
import { findMentions, type Gazetteer } from './gazetteer.js';
import { extractClaims, type ClaimOptions } from './extract-claims.js';
import { assignAnchors, type PreviousAnchor } from './assign-anchors.js';
import type { SplitDocument } from './split-document.js';
import type { DocumentFormat, DocumentInput, StoredMention, StoredParagraph } from '../store/store.js';

export interface PrepareInput {
  source: string;
  /** Path as given (used for format detection and recorded). */
  path: string;
  text: string;
  bytes: number;
  format?: DocumentFormat;
}

export interface PrepareOptions {
  gazetteer: Gazetteer;
  /** Paragraph anchors of the stored version, to keep anchors of unchanged paragraphs. */
  previous?: readonly PreviousAnchor[];
  claims?: ClaimOptions;
}

/** A document's format, metadata and split (readDocument in prepare-document.ts). */
export interface ReadDocument {
  format: DocumentFormat;
  meta: Record<string, unknown>;
  split: SplitDocument;
}

/** sha256 hex, truncated. */
export function hashText(text: string, length = 16): string {
  // crypto.hash (one call, no Hash object) is about 3x faster on short paragraphs; same digest
  const hex =
    typeof oneShotHash === 'function'
      ? oneShotHash('sha256', text, 'hex')
      : createHash('sha256').update(text).digest('hex');
  return hex.slice(0, length);
}

function metaString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(String).join('; ');
  return String(v);
}

/** Prepares a read document for `Store.putDocument` (what `prepareDocument` does after reading). */
export function prepareSplit(
  input: PrepareInput,
  read: ReadDocument,
  options: PrepareOptions,
): DocumentInput {
  const { format, meta, split } = read;
  const hashes = split.paragraphs.map((p) => hashText(p.text));
  const numbers = assignAnchors(
    split.paragraphs.map((p, i) => ({ section: p.section, paragraph: p.paragraph, hash: hashes[i] })),
    options.previous,
  );
  const paragraphs: StoredParagraph[] = split.paragraphs.map((p, i) => ({
    section: p.section,
    heading: p.heading,
    paragraph: numbers[i],
    ord: i,
    line: p.line,
    hash: hashes[i],
    text: p.text,
  }));
  const mentions: StoredMention[] = [];
  const claims: DocumentInput['claims'] = [];
  for (const p of paragraphs) {
    const found = findMentions(p.text, options.gazetteer);
    for (const m of found)
      mentions.push({
        section: p.section,
        paragraph: p.paragraph,
        entity: m.entity,
        name: m.name,
        start: m.start,
        end: m.end,
        surface: m.surface,
      });
    for (const c of extractClaims(input.source, p, p.text, found, options.claims))
      claims.push({
        id: c.id,
        section: c.section,
        paragraph: c.paragraph,
        sentenceStart: c.sentenceStart,
        sentenceEnd: c.sentenceEnd,
        type: c.type,
        from: c.from,
        to: c.to,
        confidence: c.confidence,
        trigger: c.trigger,
        source: input.source,
      });
  }
  const date = metaString(meta.date);
  return {
    source: input.source,
    path: input.path,
    format,
    title: metaString(meta.title),
    author: metaString(meta.author),
    date: date && /^\d{4}(-\d{2}(-\d{2})?)?/.test(date) ? /^\d{4}(-\d{2}(-\d{2})?)?/.exec(date)![0] : date,
    description: metaString(meta.description),
    meta: JSON.parse(JSON.stringify(meta)) as Record<string, unknown>,
    contentHash: hashText(input.text, 64),
    gazetteerHash: options.gazetteer.hash,
    bytes: input.bytes,
    paragraphs,
    mentions,
    claims,
  };
}
