// Mention matching: a gazetteer of model entities (names and aliases) compiled into a trie over
// normalised word tokens, scanned leftmost-longest over each paragraph's tokens. This is the
// token-level form of dictionary matching (cf. Aho & Corasick, CACM 18(6), 1975): each text
// position is tried once against the trie, so the cost is linear in the text times the longest
// name (in words), independent of the gazetteer's size. Capitalised runs of words that match no
// entity are reported as candidate names.
import { createHash } from 'node:crypto';
import {
  HYPHEN_BREAK,
  SENTENCE_START,
  tokenize,
  tokenizeRun,
  tokenRun,
  type Token,
  type TokenRun,
} from './tokenize.js';
import { normaliseToken } from './normalise-name.js';

export interface GazetteerEntry {
  id: string;
  /** Canonical name first, then aliases. */
  names: string[];
}

interface Hit {
  id: string;
  name: string;
  /** The gazetteer name is an acronym (all capitals, up to 5 letters): require capitals in text. */
  acronym: boolean;
}

interface TrieNode {
  next?: Map<string, TrieNode>;
  hits?: Hit[];
}

/** A compiled gazetteer. `hash` identifies its content (mentions depend on it). */
export interface Gazetteer {
  root: TrieNode;
  vocab: Set<string>;
  hash: string;
  size: number;
}

/** Version of the matching rules; part of the gazetteer hash so a rule change re-runs mentions. */
export const MATCHER_VERSION = 2;

/** Compiles names and aliases into a gazetteer. */
export function buildGazetteer(entries: readonly GazetteerEntry[]): Gazetteer {
  const root: TrieNode = {};
  const vocab = new Set<string>();
  const h = createHash('sha256').update(`matcher:${MATCHER_VERSION}\n`);
  let size = 0;
  for (const e of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    h.update(`${e.id}\t${e.names.join('\t')}\n`);
    const primary = e.names[0];
    for (const name of new Set(e.names)) {
      const toks = tokenize(name)
        .map((t) => t.norm)
        .filter(Boolean);
      if (!toks.length) continue;
      let node = root;
      for (const t of toks) {
        vocab.add(t);
        node.next ??= new Map();
        let child = node.next.get(t);
        if (!child) node.next.set(t, (child = {}));
        node = child;
      }
      node.hits ??= [];
      if (!node.hits.some((x) => x.id === e.id)) {
        node.hits.push({
          id: e.id,
          name: primary,
          acronym: /^[\p{Lu}\d]{2,5}$/u.test(name) && /\p{Lu}/u.test(name),
        });
        size++;
      }
    }
  }
  return { root, vocab, hash: h.digest('hex').slice(0, 16), size };
}

export interface Mention {
  /** Entity id, or null for a candidate name. */
  entity: string | null;
  name: string;
  start: number;
  end: number;
  surface: string;
}

const STOP = new Set(
  (
    'the a an in on at for but and or nor this that these those it its he she they we i you his her their our my your as by with from to of if when ' +
    'while however although though since after before during despite yet so such there here what which who whom whose some many most all both each ' +
    'other another according not no also even then thus therefore moreover furthermore meanwhile instead indeed only just more less over under ' +
    'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday ' +
    'mr mrs ms dr prof president minister general colonel figure table see note notes source sources'
  ).split(' '),
);
const CONNECT = new Set(['of', 'the', 'for', 'de', 'du', 'von', 'van', 'al', 'la', 'on']);

// whether a word as written is a stop word whatever its case; token texts are interned by the
// tokeniser, so this map is looked up with strings whose hash is already known
const stopCache = new Map<string, boolean>();
function isStop(word: string): boolean {
  let v = stopCache.get(word);
  if (v === undefined) {
    if (stopCache.size > 200_000) stopCache.clear();
    stopCache.set(word, (v = STOP.has(word.toLowerCase())));
  }
  return v;
}

/** The gap between two spans is exactly one character `a` or `b`. */
function gapIs(text: string, from: number, to: number, a: number, b = a): boolean {
  if (to - from !== 1) return false;
  const c = text.charCodeAt(from);
  return c === a || c === b;
}

/** Matching units: a token run whose keys may differ from its words' (`norms`, after hyphen joins). */
interface Units extends TokenRun {
  norms?: string[];
}

const scratchRun = tokenRun(1024);
let scratchCovered = new Uint8Array(1024);

function tokensToRun(tokens: readonly Token[]): TokenRun {
  const run = tokenRun(Math.max(1, tokens.length));
  tokens.forEach((t, k) => {
    run.start[k] = t.start;
    run.end[k] = t.end;
    run.flags[k] = (t.sentenceStart ? SENTENCE_START : 0) | (t.hyphenBreak ? HYPHEN_BREAK : 0);
    run.words[k] = t.norm === t.word.norm ? t.word : { ...t.word, norm: t.norm, memoKey: undefined };
  });
  run.length = tokens.length;
  return run;
}

/**
 * Matching units: the tokens, except that a line-break hyphenation (`Luka- shenko`) whose joined
 * key is a gazetteer word becomes one unit (the first token's word and flags, the joined span and key).
 */
function matchingUnits(run: TokenRun, gazetteer: Gazetteer): Units {
  let units: Units | undefined;
  let n = 0;
  for (let i = 0; i < run.length; i++) {
    if (run.flags[i] & HYPHEN_BREAK && i + 1 < run.length) {
      const joined = run.words[i].norm + run.words[i + 1].norm;
      if (gazetteer.vocab.has(joined)) {
        if (!units) {
          units = { ...tokenRun(run.length), norms: [] };
          for (; n < i; n++) {
            units.start[n] = run.start[n];
            units.end[n] = run.end[n];
            units.flags[n] = run.flags[n];
            units.words[n] = run.words[n];
            units.norms![n] = run.words[n].norm;
          }
        }
        units.start[n] = run.start[i];
        units.end[n] = run.end[i + 1];
        units.flags[n] = run.flags[i];
        units.words[n] = run.words[i];
        units.norms![n++] = joined;
        i++;
        continue;
      }
    }
    if (units) {
      units.start[n] = run.start[i];
      units.end[n] = run.end[i];
      units.flags[n] = run.flags[i];
      units.words[n] = run.words[i];
      units.norms![n++] = run.words[i].norm;
    }
  }
  if (!units) return run;
  units.length = n;
  return units;
}

/** Finds entity mentions and candidate names in one paragraph. */
export function findMentions(text: string, gazetteer: Gazetteer, tokens?: readonly Token[]): Mention[] {
  const units = matchingUnits(tokens ? tokensToRun(tokens) : tokenizeRun(text, scratchRun), gazetteer);
  const { length: n, start: uStart, end: uEnd, flags, words, norms } = units;
  const norm = (k: number) => (norms ? norms[k] : words[k].norm);
  const out: Mention[] = [];
  if (scratchCovered.length < n) scratchCovered = new Uint8Array(2 * n);
  const covered = scratchCovered;
  covered.fill(0, 0, n);
  const root = gazetteer.root;
  const first = root.next;
  for (let i = 0; i < n;) {
    let node: TrieNode | undefined = root;
    let best: Hit[] | undefined;
    let bestEnd = -1;
    for (let j = i; j < n && node?.next; j++) {
      if (node === root) {
        // a word's first step into the trie, kept on the interned word (most words lead nowhere)
        const w = words[j];
        if (norms && norms[j] !== w.norm) node = first!.get(norms[j]);
        else {
          if (w.memoKey !== root) {
            w.memoKey = root;
            w.memo = first!.get(w.norm);
          }
          node = w.memo as TrieNode | undefined;
        }
      } else node = node.next.get(norm(j));
      if (!node) break;
      if (node.hits) {
        best = node.hits;
        bestEnd = j;
      }
    }
    if (best) {
      const start = uStart[i];
      const end = endWithoutPossessive(text, start, uEnd[bestEnd]);
      let allUpper = true;
      for (let k = i; k <= bestEnd && allUpper; k++) allUpper = words[k].upper || /^\d+$/.test(words[k].text);
      let any = false;
      let surface: string | undefined;
      for (const h of best) {
        if (h.acronym && !allUpper) continue;
        // the surface is the matched text without a possessive, i.e. exactly start..end
        surface ??= text.slice(start, end);
        out.push({ entity: h.id, name: h.name, start, end, surface });
        any = true;
      }
      if (any) {
        for (let k = i; k <= bestEnd; k++) covered[k] = 1;
        i = bestEnd + 1;
        continue;
      }
    }
    i++;
  }
  // Candidate names: capitalised runs not covered by an entity mention.
  for (let i = 0; i < n; i++) {
    if (covered[i] || !words[i].cap || !startsWithLetter(words[i].text)) continue;
    let j = i;
    while (j + 1 < n && !covered[j + 1]) {
      if (!gapIs(text, uEnd[j], uStart[j + 1], 32, 45)) break;
      if (words[j + 1].cap && !(flags[j + 1] & SENTENCE_START)) {
        j++;
        continue;
      }
      // a connector ("of", "the") continues the run only when a capitalised word follows it
      if (
        CONNECT.has(words[j + 1].text) &&
        j + 2 < n &&
        !covered[j + 2] &&
        words[j + 2].cap &&
        gapIs(text, uEnd[j + 1], uStart[j + 2], 32)
      ) {
        j += 2;
        continue;
      }
      break;
    }
    let a = i;
    while (a <= j && isStop(words[a].text)) a++;
    // "Yesterday the Borisov Autoworks": a sentence opener joined through a connector is not a name
    if (a < j && flags[a] & SENTENCE_START && !words[a + 1].cap) a += 2;
    while (a <= j && isStop(words[a].text)) a++;
    if (a <= j) {
      const single = a === j;
      const w = words[a];
      const skip =
        single &&
        ((flags[a] & SENTENCE_START) !== 0 || (!w.upper && norm(a).length < 3) || w.text.length < 2);
      if (!skip && !(single && isDemonym(norm(a), gazetteer))) {
        const start = uStart[a];
        const end = endWithoutPossessive(text, start, uEnd[j]);
        const name = text.slice(start, end);
        out.push({ entity: null, name, start, end, surface: name });
      }
    }
    i = j;
  }
  out.sort((x, y) => x.start - y.start || (x.entity ?? '').localeCompare(y.entity ?? ''));
  return out;
}

function startsWithLetter(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /^\p{L}/u.test(word);
}

/**
 * A single word that is the adjective of a known name ("Russian", "Belarusian", "Ukrainian" when
 * the gazetteer has Russia, Belarus, Ukraine) is not a new entity.
 */
function isDemonym(key: string, gazetteer: Gazetteer): boolean {
  const m = /^(.{3,}?)(ians?|ans?|eans?|ns?|ese|ish|i)$/.exec(key);
  if (!m) return false;
  const stem = m[1];
  const single = gazetteer.root.next;
  const known = (k: string) => single?.get(k)?.hits !== undefined;
  return known(stem) || known(stem + 'a') || known(stem + 'e') || known(stem + 'ia');
}

/** `end`, or `end - 2` when the span ends in a possessive (`'s`, `’s`, `ʼs`, any case). */
function endWithoutPossessive(text: string, start: number, end: number): number {
  if (end - start < 2) return end;
  const s = text.charCodeAt(end - 1);
  const a = text.charCodeAt(end - 2);
  return (s === 115 || s === 83) && (a === 39 || a === 0x2019 || a === 0x2bc) ? end - 2 : end;
}

/** The matching key of a whole name (for tests and lookups). */
export function nameKey(name: string): string {
  return tokenize(name)
    .map((t) => normaliseToken(t.text))
    .join(' ');
}
