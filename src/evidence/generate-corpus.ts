// A seeded synthetic corpus for benchmarks and fault tests: a gazetteer of made-up entity names
// (with aliases) and Markdown documents whose sentences mention them in the forms the matcher must
// handle (possessives, upper case, diacritics) and state relations with the trigger words of
// extract-claims.ts. Deterministic for a given seed.
import type { GazetteerEntry } from './gazetteer.js';
import { mulberry32 } from '../engine/generate/mulberry32.js';

export interface CorpusOptions {
  /** Pages of about 3 KB each (default 1000). */
  pages?: number;
  /** Entities in the gazetteer (default 5000). */
  entities?: number;
  /** Pages per document (default 10). */
  pagesPerDocument?: number;
  seed?: number;
}

export const CORPUS_DEFAULTS: Required<CorpusOptions> = {
  pages: 1000,
  entities: 5000,
  pagesPerDocument: 10,
  seed: 1,
};

export interface Corpus {
  seed: number;
  entities: GazetteerEntry[];
  documents: { name: string; text: string }[];
  bytes: number;
}

const SYL = [
  'ka',
  'lo',
  'mi',
  'ners',
  'vo',
  'stok',
  'gra',
  'din',
  'bel',
  'ru',
  'sko',
  'ta',
  'pol',
  'zav',
  'od',
  'ne',
  'vik',
  'ar',
  'len',
  'to',
  'bor',
  'isov',
  'mo',
  'zy',
  'ryn',
];
const KIND = [
  'Works',
  'Plant',
  'Holding',
  'Bureau',
  'Depot',
  'Airbase',
  'Railway',
  'Institute',
  'Brigade',
  'Ministry',
];
const FILLER =
  'the with of for and in that this a report noted officials according to sources equipment parts fuel trains units during since 2014 several major regional new old key further'.split(
    ' ',
  );
const TEMPLATES = [
  '{a} supplies {x} to {b}.',
  '{b} relies on {a} for {x}.',
  '{a} repairs {x} for {b}.',
  '{b} is supplied by {a} with {x}.',
  'In {y}, the {a} sanctioned {b}.',
  'Tensions between {a} and {b} grew over {x}.',
  '{a} trains officers of {b} at its academy.',
  'Trains from {a} transit through {b} every week.',
  '{a} hosts units of {b} near the border.',
  'Officials at {c} said that {a} may lease {x} from {b}.',
  'The report on {x} does not mention {a} at all.',
];

const FILLERS = [
  'The situation on {x} remained unclear for most of the period under review.',
  'Analysts at the {c} disagreed about how much of this was new.',
  'Figures for {x} were not published, and estimates vary widely between sources.',
  'This pattern has held since at least {y}, although the evidence is patchy.',
  'Several interviewees stressed that {x} mattered more than formal agreements.',
];
const SINGLES = [
  '{a} declined to comment on {x}.',
  'Production at {a} rose sharply after {y}.',
  'Little is known about the finances of {a}.',
  'According to the {c}, {a} employs several thousand people.',
];

function word(r: () => number, n: number): string {
  let w = '';
  for (let i = 0; i < n; i++) w += SYL[Math.floor(r() * SYL.length)];
  return w[0].toUpperCase() + w.slice(1);
}

/** Generates the corpus. */
export function generateCorpus(options: CorpusOptions = {}): Corpus {
  const { pages, entities: nEnt, pagesPerDocument, seed } = { ...CORPUS_DEFAULTS, ...options };
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const entities: GazetteerEntry[] = [];
  const seen = new Set<string>();
  while (entities.length < nEnt) {
    const base = word(r, 2 + Math.floor(r() * 2));
    const name =
      r() < 0.7 ? `${base} ${pick(KIND)}` : r() < 0.5 ? `${base} ${word(r, 2)} ${pick(KIND)}` : base;
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    const names = [name];
    const alias = base.toUpperCase().slice(0, 4);
    if (r() < 0.3 && !seen.has(alias.toLowerCase())) {
      seen.add(alias.toLowerCase());
      names.push(alias);
    }
    entities.push({ id: `e${entities.length}`, names });
  }
  const mention = () => {
    const e = pick(entities);
    const n = pick(e.names);
    const v = r();
    return v < 0.1 ? `${n}’s` : v < 0.15 ? n.toUpperCase() : v < 0.2 ? n.replace(/o/, 'ö') : n;
  };
  const documents: Corpus['documents'] = [];
  let bytes = 0;
  for (let d = 0; d * pagesPerDocument < pages; d++) {
    const lines = [
      '---',
      `title: Synthetic report ${d + 1}`,
      'author: tyl corpus generator',
      `date: 20${10 + (d % 14)}-0${1 + (d % 9)}`,
      '---',
      '',
    ];
    for (let p = 0; p < pagesPerDocument && d * pagesPerDocument + p < pages; p++) {
      lines.push(`## Page ${p + 1}: ${word(r, 2)} and ${word(r, 2)}`, '');
      let size = 0;
      while (size < 3000) {
        const sentences: string[] = [];
        const k = 3 + Math.floor(r() * 4);
        for (let s = 0; s < k; s++) {
          // densities calibrated on the flagship paper (about 11 entity mentions and 2 claims per KB)
          const v = r();
          const template = v < 0.4 ? pick(FILLERS) : v < 0.75 ? pick(SINGLES) : pick(TEMPLATES);
          let t = template
            .replace('{a}', mention())
            .replace('{b}', mention())
            .replace('{c}', `${word(r, 2)} ${word(r, 2)}`)
            .replace(/\{x\}/g, () => `${pick(FILLER)} ${pick(FILLER)} ${pick(FILLER)}`)
            .replace('{y}', String(2000 + Math.floor(r() * 24)));
          if (r() < 0.3 && !template.startsWith('{'))
            t = `${pick(['However', 'Meanwhile', 'In practice', 'Reportedly'])}, ${t[0].toLowerCase()}${t.slice(1)}`;
          sentences.push(t);
        }
        const para = sentences.join(' ');
        lines.push(para, '');
        size += para.length + 1;
      }
    }
    const text = lines.join('\n');
    bytes += Buffer.byteLength(text);
    documents.push({ name: `report-${String(d + 1).padStart(4, '0')}.md`, text });
  }
  return { seed, entities, documents, bytes };
}
