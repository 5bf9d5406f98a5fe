// From decoded text to everything the store keeps for one document: the format is detected, HTML
// converted and the text split (readDocument), then prepare-split.ts derives anchors, hashes,
// mentions and claims. Pure apart from hashing.
import { extname } from 'node:path';
import { splitDocument } from './split-document.js';
import { htmlToText } from './html-to-text.js';
import { prepareSplit, type PrepareInput, type PrepareOptions, type ReadDocument } from './prepare-split.js';
import type { DocumentFormat, DocumentInput } from '../store/store.js';

export { hashText, type PrepareInput, type PrepareOptions, type ReadDocument } from './prepare-split.js';

/** Detects the format from content first (HTML, front matter), then the file extension. */
export function detectFormat(path: string, text: string): DocumentFormat {
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  if (
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    (/\.x?html?$/i.test(path) && head.startsWith('<'))
  )
    return 'html';
  if (/^---\r?\n/.test(text) || /\.(md|markdown|mdown)$/i.test(extname(path))) return 'markdown';
  return 'text';
}

/** Detects the format, converts HTML, and splits the text into sections and paragraphs. */
export function readDocument(path: string, text: string, format?: DocumentFormat): ReadDocument {
  const f = format ?? detectFormat(path, text);
  if (f === 'html') {
    const h = htmlToText(text);
    return { format: f, meta: h.meta, split: splitDocument(h.text) };
  }
  const split = splitDocument(text);
  return { format: f, meta: split.meta, split };
}

/** Prepares a document for `Store.putDocument`. */
export function prepareDocument(
  input: PrepareInput & { read?: ReadDocument },
  options: PrepareOptions,
): DocumentInput {
  return prepareSplit(input, input.read ?? readDocument(input.path, input.text, input.format), options);
}
