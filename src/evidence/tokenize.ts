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
    const w = text.slice(start, i);
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
    out.push({
      start,
      end: i,
      text: w,
      norm: normaliseToken(w),
      cap,
      upper,
      sentenceStart,
      hyphenBreak: false,
    });
    prevEnd = i;
  }
  return out;
}
