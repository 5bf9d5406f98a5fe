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
  /** The interned spelling this token shares with every other occurrence of the word. */
  word: Word;
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
export interface Word {
  readonly text: string;
  readonly norm: string;
  readonly cap: boolean;
  readonly upper: boolean;
  readonly hash: number;
  /**
   * One slot for a consumer's own per-word lookup (mention matching keeps the gazetteer trie
   * node of `norm` here), valid while `memoKey` is the consumer's key.
   */
  memoKey: object | undefined;
  memo: unknown;
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
  return { text: w, norm: normaliseToken(w), cap, upper, hash, memoKey: undefined, memo: undefined };
}

// Distinct words seen so far, in an open-addressing table hashed (FNV-1a) straight from the text:
// a word met before costs no substring, no Map hashing and no case or key computation.
const MAX_WORDS = 200_000;
let words: Word[] = [];
let slots = new Int32Array(1 << 15);
// each slot's word hash, so that a probe reads a word only when its hash matches
let hashes = new Int32Array(1 << 15);

function rehash(size: number): void {
  slots = new Int32Array(size);
  hashes = new Int32Array(size);
  const mask = size - 1;
  for (let k = 0; k < words.length; k++) {
    let s = words[k].hash & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = k + 1;
    hashes[s] = words[k].hash;
  }
}

function internWord(text: string, start: number, end: number): Word {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  const len = end - start;
  let mask = slots.length - 1;
  let s = h & mask;
  for (let e = slots[s]; e !== 0; e = slots[(s = (s + 1) & mask)]) {
    if (hashes[s] !== h) continue;
    const w = words[e - 1];
    if (w.text.length !== len) continue;
    let k = 0;
    while (k < len && w.text.charCodeAt(k) === text.charCodeAt(start + k)) k++;
    if (k === len) return w;
  }
  if (words.length >= MAX_WORDS) {
    words = [];
    rehash(1 << 15);
    mask = slots.length - 1;
    s = h & mask;
  }
  const w = makeWord(text.slice(start, end), h);
  slots[s] = words.push(w);
  hashes[s] = h;
  if (words.length * 2 > slots.length) rehash(slots.length * 2);
  return w;
}

/** `TokenRun.flags` bit: first word of a sentence. */
export const SENTENCE_START = 1;
/** `TokenRun.flags` bit: a line-break hyphen (`Luka- shenko`) joins this token to the next. */
export const HYPHEN_BREAK = 2;

/**
 * The tokens of one text as flat arrays (token k: `start[k]`, `end[k]`, `flags[k]`, `words[k]`),
 * for the matcher's hot loop: no object per token. Arrays may be longer than `length`.
 */
export interface TokenRun {
  length: number;
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
  words: Word[];
}

/** An empty run with room for `capacity` tokens (it grows as needed). */
export function tokenRun(capacity = 256): TokenRun {
  return {
    length: 0,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
    words: [],
  };
}

function grow(run: TokenRun): void {
  const size = run.start.length * 2;
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  const flags = new Uint8Array(size);
  start.set(run.start);
  end.set(run.end);
  flags.set(run.flags);
  run.start = start;
  run.end = end;
  run.flags = flags;
}

/** Splits `text` into word tokens, written into `run` (overwritten; returned). */
export function tokenizeRun(text: string, run: TokenRun = tokenRun()): TokenRun {
  const n = text.length;
  let len = 0;
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
    let sentenceStart = len === 0;
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
        const w = word.text;
        if (gap.length > 1 && gap.charCodeAt(0) === 45 && /^-\s+$/.test(gap) && w[0] !== w[0].toUpperCase())
          run.flags[len - 1] |= HYPHEN_BREAK;
      }
    }
    if (len === run.start.length) grow(run);
    run.start[len] = start;
    run.end[len] = i;
    run.flags[len] = sentenceStart ? SENTENCE_START : 0;
    run.words[len] = word;
    len++;
    prevEnd = i;
  }
  run.length = len;
  return run;
}

const scratch = tokenRun(1024);

/** Splits `text` into word tokens. */
export function tokenize(text: string): Token[] {
  const run = tokenizeRun(text, scratch);
  const out: Token[] = new Array(run.length);
  for (let k = 0; k < run.length; k++) {
    const word = run.words[k];
    out[k] = {
      start: run.start[k],
      end: run.end[k],
      text: word.text,
      norm: word.norm,
      cap: word.cap,
      upper: word.upper,
      sentenceStart: (run.flags[k] & SENTENCE_START) !== 0,
      hyphenBreak: (run.flags[k] & HYPHEN_BREAK) !== 0,
      word,
    };
  }
  return out;
}
