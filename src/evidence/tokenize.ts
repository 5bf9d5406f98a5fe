// Word tokens of a paragraph with their offsets, matching keys, capitalisation and sentence
// starts: the input of mention matching and claim extraction.
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
  /** Every letter upper-case (an acronym such as MZKT). */
  upper: boolean;
  /** First word of a sentence. */
  sentenceStart: boolean;
  /** A line-break hyphen (`Luka- shenko`) joins this token to the next. */
  hyphenBreak: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’ʼ\u00ad][\p{L}\p{N}]+)*(?:['’ʼ]s\b)?/gu;

/** Splits `text` into word tokens. Hyphens and dashes separate words. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  WORD.lastIndex = 0;
  let m;
  while ((m = WORD.exec(text))) {
    const w = m[0];
    const start = m.index;
    const gap = text.slice(prevEnd, start);
    const simple = gap === ' ';
    const sentenceStart =
      out.length === 0 || (!simple && (/[.!?]["'”’)\]]*\s+["'“‘([]*$/.test(gap) || /\n\s*$/.test(gap)));
    if (!simple && out.length && /^-\s+$/.test(gap) && /^\p{Ll}/u.test(w))
      out[out.length - 1].hyphenBreak = true;
    const first = w[0];
    const bare = w.replace(/['’ʼ]s$/, '');
    out.push({
      start,
      end: start + w.length,
      text: w,
      norm: normaliseToken(w),
      cap: first !== first.toLowerCase(),
      upper: bare.length > 1 && bare === bare.toUpperCase() && bare !== bare.toLowerCase(),
      sentenceStart,
      hyphenBreak: false,
    });
    prevEnd = start + w.length;
  }
  return out;
}
