// Word tokens of a paragraph with their offsets, matching keys, capitalisation and sentence
// starts: the input of mention matching and claim extraction. A hand-written scanner over char
// codes (ingestion's hot loop): words are runs of letters and digits, joined through an apostrophe
// or soft hyphen ("O'Brien", "Russia’s"); hyphens and dashes separate words.
import { normaliseToken } from './normalise-name.js';

export interface Token {
  /** UTF-16 offsets in the paragraph text. */
  start: number;
  end: number;
  /** The word as written (possessive included). */
  text: string;
  /** Matching key (normalise-name.ts). */
  norm: string;
  /** First letter upper-case. */
  cap: boolean;
  /** Every letter upper-case (an acronym such as MZKT), possessive aside. */
  upper: boolean;
  /** First word of a sentence. */
  sentenceStart: boolean;
  /** A line-break hyphen (`Luka- shenko`) joins this token to the next. */
  hyphenBreak: boolean;
}

const LETTER = /[\p{L}\p{N}\p{M}]/u;
const wordCache = new Uint8Array(65536);

function isWord(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  let v = wordCache[c];
  if (v === 0) wordCache[c] = v = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

const isApostrophe = (c: number) => c === 39 || c === 0x2019 || c === 0x2bc;
/** First character of a gap that is it and a space: 1 ends a sentence (`. ` `! ` `? `), 0 does not. */
const GAP_MARK: Record<number, 0 | 1> = { 44: 0, 59: 0, 58: 0, 46: 1, 33: 1, 63: 1 };
const SENTENCE_GAP = /[.!?]["'”’)\]]*\s+["'“‘([]*$/;

/** What a token's fields owe to its spelling alone, computed once per distinct word. */
interface Word {
  text: string;
  norm: string;
  cap: boolean;
  upper: boolean;
  hash: number;
}

function makeWord(w: string, hash: number): Word {
  const len = w.length;
  const possessive = len > 2 && w.charCodeAt(len - 1) === 115 && isApostrophe(w.charCodeAt(len - 2));
  const bareLen = possessive ? len - 2 : len;
  // ASCII fast path: toUpperCase/toLowerCase change only a-z/A-Z there, so char codes decide
  let ascii = true;
  let hasLower = false;
  let hasUpper = false;
  for (let k = 0; k < bareLen; k++) {
    const c = w.charCodeAt(k);
    if (c >= 128) {
      ascii = false;
      break;
    }
    if (c >= 97 && c <= 122) hasLower = true;
    else if (c >= 65 && c <= 90) hasUpper = true;
  }
  let cap: boolean;
  let upper: boolean;
  if (ascii) {
    const c0 = w.charCodeAt(0);
    cap = c0 >= 65 && c0 <= 90;
    upper = bareLen > 1 && !hasLower && hasUpper;
  } else {
    const first = w[0];
    const bare = possessive ? w.slice(0, -2) : w;
    cap = first !== first.toLowerCase();
    upper = bare.length > 1 && bare === bare.toUpperCase() && bare !== bare.toLowerCase();
  }
  return { text: w, norm: normaliseToken(w), cap, upper, hash };
}

// Distinct words seen so far, in an open-addressing table hashed (FNV-1a) straight from the text:
// a word met before costs no substring, no Map hashing and no case or key computation.
const MAX_WORDS = 200_000;
let words: Word[] = [];
let slots = new Int32Array(1 << 15);

function rehash(size: number): void {
  slots = new Int32Array(size);
  const mask = size - 1;
  for (let k = 0; k < words.length; k++) {
    let s = words[k].hash & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = k + 1;
  }
}

function internWord(text: string, start: number, end: number): Word {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  const len = end - start;
  let mask = slots.length - 1;
  let s = h & mask;
  for (let e = slots[s]; e !== 0; e = slots[(s = (s + 1) & mask)]) {
    const w = words[e - 1];
    if (w.hash !== h || w.text.length !== len) continue;
    let k = 0;
    while (k < len && w.text.charCodeAt(k) === text.charCodeAt(start + k)) k++;
    if (k === len) return w;
  }
  if (words.length >= MAX_WORDS) {
    words = [];
    slots = new Int32Array(1 << 15);
    mask = slots.length - 1;
    s = h & mask;
  }
  const w = makeWord(text.slice(start, end), h);
  slots[s] = words.push(w);
  if (words.length * 2 > slots.length) rehash(slots.length * 2);
  return w;
}

/** Splits `text` into word tokens. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let prevEnd = 0;
  let i = 0;
  while (i < n) {
    while (i < n && !isWord(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    for (;;) {
      while (i < n && isWord(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if (i + 1 < n && (isApostrophe(c) || c === 0xad) && isWord(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      break;
    }
    const word = internWord(text, start, i);
    const w = word.text;
    let sentenceStart = out.length === 0;
    if (!sentenceStart && !(start === prevEnd + 1 && text.charCodeAt(prevEnd) === 32)) {
      // the common two-character gaps (", ", ". " ...) decided as SENTENCE_GAP would decide them
      const mark =
        start === prevEnd + 2 && text.charCodeAt(prevEnd + 1) === 32
          ? GAP_MARK[text.charCodeAt(prevEnd)]
          : undefined;
      if (mark !== undefined) sentenceStart = mark === 1;
      else {
        const gap = text.slice(prevEnd, start);
        sentenceStart = SENTENCE_GAP.test(gap) || gap.includes('\n');
        if (gap.length > 1 && gap.charCodeAt(0) === 45 && /^-\s+$/.test(gap) && w[0] !== w[0].toUpperCase())
          out[out.length - 1].hyphenBreak = true;
      }
    }
    out.push({
      start,
      end: i,
      text: w,
      norm: word.norm,
      cap: word.cap,
      upper: word.upper,
      sentenceStart,
      hyphenBreak: false,
    });
    prevEnd = i;
  }
  return out;
}
