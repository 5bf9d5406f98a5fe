// Candidate claims: in each sentence, every ordered pair of different mentioned entities whose
// intervening words contain a trigger pattern of a relation type proposes that relation, oriented
// by the pattern (active "A supplies B" gives A→B; passive "A is repaired by B" and "A relies on
// B" give B→A). Pattern-based relation extraction in the manner of Hearst (COLING 1992) and
// of Brin's DIPRE (1998), with hand-written patterns. Confidence starts from the pattern's base
// and is lowered by distance between the two mentions, hedging and negation (docs/methods.md).
import type { Mention } from './gazetteer.js';

export interface Trigger {
  type: string;
  /** Matched against the lower-cased words between the two mentions. */
  re: RegExp;
  /** The relation runs from the second mention to the first. */
  reverse?: boolean;
  base: number;
  label: string;
}

/** Trigger patterns, most specific first; the first that matches a pair wins. */
export const TRIGGERS: readonly Trigger[] = [
  {
    type: 'sanctioned-by',
    re: /\b(sanctioned|penali[sz]ed|blacklisted|designated|targeted)\b[^.]*?\bby\b/,
    base: 0.85,
    label: 'sanctioned by',
  },
  {
    type: 'sanctioned-by',
    re: /\b(sanction(s|ed|ing)?|embargo(es|ed)?|impos\w*[^.]*?\b(sanctions|restrictions|penalties|embargo))\b/,
    reverse: true,
    base: 0.75,
    label: 'sanctions',
  },
  {
    type: 'friction-with',
    re: /\b(frictions?|tensions?|disputes?|disagree\w*|rift|clash\w*|at odds|quarrel\w*|feud\w*|spat)\b[^.]*?\b(with|between|and)\b/,
    base: 0.7,
    label: 'friction',
  },
  {
    type: 'supplies',
    re: /\b(relies|rely|relied|relying|reliant|reliance|depends?|depended|depending|dependent|dependence|dependency)\b[^.]*?\b(on|upon)\b/,
    reverse: true,
    base: 0.75,
    label: 'depends on',
  },
  {
    type: 'supplies',
    re: /\b(suppl(ied|ies)|provided|delivered|sold|shipped|manufactured|produced|made|built)\b[^.]*?\bby\b/,
    reverse: true,
    base: 0.8,
    label: 'supplied by',
  },
  {
    type: 'supplies',
    re: /\b(imports?|imported|importing|buys?|bought|purchas\w*|receives?|received|obtains?|obtained|sources?|sourced|procur\w*)\b[^.]*?\bfrom\b/,
    reverse: true,
    base: 0.7,
    label: 'obtains from',
  },
  {
    type: 'repairs',
    re: /\b(repaired|maintained|overhauled|serviced|refurbished|moderni[sz]ed|upgraded)\b[^.]*?\bby\b/,
    reverse: true,
    base: 0.8,
    label: 'repaired by',
  },
  { type: 'trains', re: /\btrained\b[^.]*?\bby\b/, reverse: true, base: 0.8, label: 'trained by' },
  {
    type: 'trained-at',
    re: /\b(trained|trains|training|studied|studies|study|educated|enrolled)\s+(at|in)\b/,
    base: 0.65,
    label: 'trained at',
  },
  { type: 'leases', re: /\b(leased|rented)\s+(to|by)\b/, reverse: true, base: 0.7, label: 'leased to' },
  {
    type: 'stationed-in',
    re: /\b(stationed|deployed|based|garrisoned|positioned)\s+(in|at|on|to)\b/,
    base: 0.7,
    label: 'stationed in',
  },
  {
    type: 'transports',
    re: /\b(transit\w*|pass(es|ed|ing)?|mov(es|ed|ing)|routed|travel\w*|shipped)\b[^.]*?\b(through|via|across)\b/,
    reverse: true,
    base: 0.65,
    label: 'transit through',
  },
  {
    type: 'repairs',
    re: /\b(repair(s|ed|ing)?|maintain(s|ed|ing)?|maintenance|overhaul(s|ed|ing)?|servic(es|ed|ing)|refurbish\w*|moderni[sz]\w*|upgrad(es|ed|ing))\b/,
    base: 0.75,
    label: 'repairs',
  },
  {
    type: 'trains',
    re: /\b(trains|trained|training|educat(es|ed|ing)|instruct(s|ed|ing))\b/,
    base: 0.65,
    label: 'trains',
  },
  {
    type: 'transports',
    re: /\b(transport(s|ed|ing)?|carr(y|ies|ied|ying)|ferr(y|ies|ied|ying)|haul(s|ed|ing)?|logistic\w*)\b/,
    base: 0.6,
    label: 'transports',
  },
  { type: 'leases', re: /\b(leas(e|es|ed|ing)|rent(s|ed|ing)?)\b/, base: 0.7, label: 'leases' },
  { type: 'hosts', re: /\b(hosts?|hosted|hosting|hous(es|ed|ing))\b/, base: 0.7, label: 'hosts' },
  {
    type: 'funds',
    re: /\b(fund(s|ed|ing)?|financ\w*|subsidi[sz]\w*|loans?|lent|lends?|bankroll\w*)\b/,
    base: 0.6,
    label: 'funds',
  },
  { type: 'member-of', re: /\b(member|membership)\s+(of|in)\b|\bjoined\b/, base: 0.7, label: 'member of' },
  { type: 'owns', re: /\b(owned|controlled)\s+by\b/, reverse: true, base: 0.7, label: 'owned by' },
  { type: 'owns', re: /\b(owns?|acquired)\b/, base: 0.6, label: 'owns' },
  { type: 'operates', re: /\boperated\s+by\b/, reverse: true, base: 0.7, label: 'operated by' },
  { type: 'operates', re: /\b(operates|operating|runs)\b/, base: 0.55, label: 'operates' },
  {
    type: 'supplies',
    re: /\b(suppl(y|ies|ied|ying)|provid(e|es|ed|ing)|deliver(s|ed|ing)?|sells?|sold|exports?|exported|exporting|ships|furnish\w*)\b/,
    base: 0.75,
    label: 'supplies',
  },
  {
    type: 'supplies',
    re: /\b(produc\w*|manufactur\w*|makes|made|builds|built)\b[^.]*?\bfor\b/,
    base: 0.6,
    label: 'produces for',
  },
  { type: 'allied-with', re: /\b(all(y|ies|ied)|alliance)\b/, base: 0.5, label: 'allied' },
];

const FRICTION_ANYWHERE =
  /\b(friction|frictions|tensions?|disputes?|disagreements?|rift|clash(es)?|at odds|quarrels?)\b/;
const NEGATION = /\b(not|no longer|never|nor|without|neither|hardly)\b|n['’]t\b/;
const HEDGE = /\b(may|might|could|reportedly|allegedly|possibly|likely|perhaps|would|rumou?red|suggests?)\b/;

export interface Claim {
  id: string;
  section: string;
  paragraph: number;
  sentence: string;
  /** Offsets of the sentence in the paragraph text. */
  sentenceStart: number;
  sentenceEnd: number;
  type: string;
  from: string;
  to: string;
  confidence: number;
  trigger: string;
}

export interface ClaimOptions {
  /** Longest gap between the two mentions, in characters (default 160). */
  maxGap?: number;
  /** Claims below this confidence are dropped (default 0.2). */
  minConfidence?: number;
}

export const CLAIM_DEFAULTS: Required<ClaimOptions> = { maxGap: 160, minConfidence: 0.2 };

/** Splits a paragraph into sentences: [start, end) offsets. Abbreviations and initials do not end one. */
export function splitSentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[.!?]+["'”’)\]]*\s+(?=["'“‘([]*[\p{Lu}\d])/gu;
  let start = 0;
  let m;
  while ((m = re.exec(text))) {
    const before = text.slice(Math.max(0, m.index - 6), m.index + 1);
    if (
      /(\b\p{Lu}|\be\.g|\bi\.e|\betc|\bMr|\bMrs|\bDr|\bSt|\bNo|\bvs|\bcf|\bProf|\bGen|\bCol|\bLt|\bJan|\bFeb|\bAug|\bSept?|\bOct|\bNov|\bDec)\.$/u.test(
        before,
      )
    )
      continue;
    out.push([start, m.index + m[0].length]);
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out.filter(([a, b]) => text.slice(a, b).trim());
}

/** cyrb53 (a fast 53-bit string hash; public domain, bryc 2018) as 14 hex digits. */
function hash53(str: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // (2^32 × (h2 & 0x1fffff) + h1 unsigned) in 14 hex digits: 6 for the high part, 8 for the low,
  // written digit by digit (Number#toString(16) on a 53-bit double is the slow generic path)
  const hi = 2097151 & h2;
  let out = '';
  for (let k = 20; k >= 0; k -= 4) out += HEX[(hi >>> k) & 15];
  for (let k = 28; k >= 0; k -= 4) out += HEX[(h1 >>> k) & 15];
  return out;
}

const HEX = '0123456789abcdef';

/** A claim's stable id, from where it is and what it says. */
export function claimId(
  source: string,
  section: string,
  paragraph: number,
  type: string,
  from: string,
  to: string,
): string {
  return 'c-' + hash53(`${source}\u0000${section}\u0000${paragraph}\u0000${type}\u0000${from}\u0000${to}`);
}

/** Every trigger's stem: text between two mentions without any of these cannot match a trigger. */
const ANY_TRIGGER =
  /(suppl|provid|deliver|sell|sold|export|ship|furnish|produc|manufactur|make|made|build|built|reli|rely|depend|import|buy|bought|purchas|receiv|obtain|sourc|procur|repair|maint|overhaul|servic|refurbish|moderni|upgrad|train|stud|educat|enrol|instruct|leas|rent|station|deploy|based|garrison|position|transit|pass|mov|rout|travel|transport|carr|ferr|haul|logistic|host|hous|fund|financ|subsidi|loan|lent|lend|bankroll|member|joined|own|control|acquired|operat|runs|all[iy]|sanction|penali|blacklist|designat|target|embargo|impos|friction|tension|dispute|disagree|rift|clash|odds|quarrel|feud|spat)/;

const WORD = /[\p{L}\p{N}]+/gu;

/** Runs of letters and digits in `s` (ASCII text counted by char codes, the rest by `WORD`). */
function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return (s.match(WORD) ?? []).length;
    const w = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}

/** Extracts candidate claims from one paragraph, given its entity mentions. */
export function extractClaims(
  source: string,
  anchor: { section: string; paragraph: number },
  text: string,
  mentions: readonly Mention[],
  options: ClaimOptions = {},
): Claim[] {
  const { maxGap, minConfidence } = { ...CLAIM_DEFAULTS, ...options };
  const ents = mentions.filter((m) => m.entity !== null);
  if (ents.length < 2) return [];
  // an ambiguous name (several entities at one span) splits its confidence between them
  const readings = new Map<number, number>();
  for (const m of ents) readings.set(m.start, (readings.get(m.start) ?? 0) + 1);
  const lowerText = text.toLowerCase();
  const lower = (a: number, b: number) =>
    lowerText.length === text.length ? lowerText.slice(a, b) : text.slice(a, b).toLowerCase();
  const best = new Map<string, Claim>();
  for (const [s, e] of splitSentences(text)) {
    const inS = ents.filter((m) => m.start >= s && m.end <= e);
    if (inS.length < 2) continue;
    const lowerSentence = lower(s, e);
    if (!ANY_TRIGGER.test(lowerSentence)) continue;
    const hedged = HEDGE.test(lowerSentence);
    for (let i = 0; i < inS.length; i++)
      for (let j = i + 1; j < inS.length; j++) {
        const a = inS[i];
        const b = inS[j];
        if (a.entity === b.entity || b.start < a.end) continue;
        if (b.start - a.end > maxGap) break;
        const between = lower(a.end, b.start);
        let trig: Trigger | undefined = ANY_TRIGGER.test(between)
          ? TRIGGERS.find((t) => t.re.test(between))
          : undefined;
        // "A and B ... friction": a coordination followed (or preceded) by a friction word
        if (!trig && /^\s*(and|,|–|-|—)\s*$/.test(between) && FRICTION_ANYWHERE.test(lowerSentence))
          trig = TRIGGERS.find((t) => t.type === 'friction-with');
        if (!trig) continue;
        const gapWords = countWords(between);
        let conf = trig.base * Math.max(0.5, 1 - Math.max(0, gapWords - 3) / 30);
        if (hedged) conf *= 0.8;
        if (NEGATION.test(between)) conf *= 0.4;
        // another entity between the two weakens the link
        if (inS.some((m) => m.start >= a.end && m.end <= b.start)) conf *= 0.7;
        conf /= readings.get(a.start)! * readings.get(b.start)!;
        conf = Math.round(conf * 100) / 100;
        if (conf < minConfidence) continue;
        const [from, to] = trig.reverse ? [b.entity!, a.entity!] : [a.entity!, b.entity!];
        const key = `${trig.type}\u0000${from}\u0000${to}`;
        const prev = best.get(key);
        if (!prev || prev.confidence < conf) {
          const sentence = text.slice(s, e);
          const lead = sentence.length - sentence.trimStart().length;
          const trail = sentence.length - sentence.trimEnd().length;
          best.set(key, {
            id: prev?.id ?? claimId(source, anchor.section, anchor.paragraph, trig.type, from, to),
            section: anchor.section,
            paragraph: anchor.paragraph,
            sentence: text.slice(s + lead, e - trail),
            sentenceStart: s + lead,
            sentenceEnd: e - trail,
            type: trig.type,
            from,
            to,
            confidence: conf,
            trigger: trig.label,
          });
        }
      }
  }
  return [...best.values()];
}
