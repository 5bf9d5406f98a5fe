// Mention matching: a gazetteer of model entities (names and aliases) compiled into a trie over
// normalised word tokens, scanned leftmost-longest over each paragraph's tokens. This is the
// token-level form of dictionary matching (cf. Aho & Corasick, CACM 18(6), 1975): each text
// position is tried once against the trie, so the cost is linear in the text times the longest
// name (in words), independent of the gazetteer's size. Capitalised runs of words that match no
// entity are reported as candidate names.
import { createHash } from 'node:crypto';
import { tokenize, type Token } from './tokenize.js';
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

/** Finds entity mentions and candidate names in one paragraph. */
export function findMentions(
  text: string,
  gazetteer: Gazetteer,
  tokens: Token[] = tokenize(text),
): Mention[] {
  // Matching units: the tokens, except that a line-break hyphenation (`Luka- shenko`) whose joined
  // key is a gazetteer word becomes one unit (the first token's fields, the joined span and key).
  let units: Token[] = tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.hyphenBreak && i + 1 < tokens.length) {
      const joined = t.norm + tokens[i + 1].norm;
      if (gazetteer.vocab.has(joined)) {
        if (units === tokens) units = tokens.slice(0, i);
        units.push({ ...t, end: tokens[i + 1].end, norm: joined });
        i++;
        continue;
      }
    }
    if (units !== tokens) units.push(t);
  }
  const out: Mention[] = [];
  const covered = new Uint8Array(units.length);
  const root = gazetteer.root;
  for (let i = 0; i < units.length;) {
    let node: TrieNode | undefined = root;
    let best: Hit[] | undefined;
    let bestEnd = -1;
    for (let j = i; j < units.length && node?.next; j++) {
      node = node.next.get(units[j].norm);
      if (!node) break;
      if (node.hits) {
        best = node.hits;
        bestEnd = j;
      }
    }
    if (best) {
      const start = units[i].start;
      const end = endWithoutPossessive(text, start, units[bestEnd].end);
      let allUpper = true;
      for (let k = i; k <= bestEnd && allUpper; k++) allUpper = units[k].upper || /^\d+$/.test(units[k].text);
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
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (covered[i] || !u.cap || !startsWithLetter(u.text)) continue;
    let j = i;
    while (j + 1 < units.length && !covered[j + 1]) {
      if (!gapIs(text, units[j].end, units[j + 1].start, 32, 45)) break;
      const nx = units[j + 1];
      if (nx.cap && !nx.sentenceStart) {
        j++;
        continue;
      }
      // a connector ("of", "the") continues the run only when a capitalised word follows it
      if (
        CONNECT.has(nx.text) &&
        j + 2 < units.length &&
        !covered[j + 2] &&
        units[j + 2].cap &&
        gapIs(text, nx.end, units[j + 2].start, 32)
      ) {
        j += 2;
        continue;
      }
      break;
    }
    let a = i;
    while (a <= j && isStop(units[a].text)) a++;
    // "Yesterday the Borisov Autoworks": a sentence opener joined through a connector is not a name
    if (a < j && units[a].sentenceStart && !units[a + 1].cap) a += 2;
    while (a <= j && isStop(units[a].text)) a++;
    if (a <= j) {
      const single = a === j;
      const first = units[a];
      const skip =
        single &&
        (first.sentenceStart || (!first.upper && units[a].norm.length < 3) || first.text.length < 2);
      if (!skip && !(single && isDemonym(units[a].norm, gazetteer))) {
        const start = units[a].start;
        const end = endWithoutPossessive(text, start, units[j].end);
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
