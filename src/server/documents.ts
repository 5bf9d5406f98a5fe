// Where the workbench reads source documents from: the evidence workspace (paragraphs, mentions and
// full-text search stored by `tyl ingest`) when it holds the source, otherwise the source's local
// file (`file:` in the model, relative to the model folder) split with splitDocument, with mentions
// found by plain name matching. Either way the reader gets the same ParagraphView shape.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { splitDocument } from '../evidence/split-document.js';
import type { Store } from '../store/store.js';
import type { DocumentData, ParagraphView } from './contract.js';
import { fold, type ModelIndex } from './model-index.js';

export interface DocumentsOptions {
  store?: Store;
  /** Folder (or file) the model was read from, to resolve sources' `file:` paths. */
  modelPath?: string;
  /** Extra source id -> file path, for sources whose file is not in the model. */
  files?: Record<string, string>;
  /** Files larger than this are not read. */
  maxFileBytes?: number;
}
const DEFAULTS = { maxFileBytes: 20 * 1024 * 1024 };

export interface Documents {
  document(source: string): Promise<DocumentData | null>;
  paragraphs(source: string, section: string, from: number, to?: number): Promise<ParagraphView[] | null>;
  search(q: string, limit: number): Promise<(ParagraphView & { score: number })[]>;
}

type Mention = ParagraphView['mentions'][number];

/** Finds entity names and aliases (3+ characters, whole words, case- and accent-insensitive) in `text`. */
export function findNameMentions(ix: ModelIndex, text: string): Mention[] {
  const folded = fold(text);
  const out: Mention[] = [];
  for (const e of ix.model.entities) {
    for (const n of new Set([e.name, ...e.aliases])) {
      const f = fold(n);
      if (f.length < 3) continue;
      let i = folded.indexOf(f);
      while (i >= 0) {
        const before = folded[i - 1];
        const after = folded[i + f.length];
        if ((!before || !/[\p{L}\p{N}]/u.test(before)) && (!after || !/[\p{L}\p{N}]/u.test(after)))
          out.push({ start: i, end: i + f.length, entity: e.id });
        i = folded.indexOf(f, i + 1);
      }
    }
  }
  // Keep the longest of overlapping matches.
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  for (const m of out) if (!kept.length || m.start >= kept[kept.length - 1].end) kept.push(m);
  return kept;
}

/** The document reader over a store and/or local files. */
export function createDocuments(ix: ModelIndex, options: DocumentsOptions = {}): Documents {
  const { store, modelPath, files, maxFileBytes } = { ...DEFAULTS, ...options };
  const cache = new Map<string, DocumentData | null>();
  const sourceById = new Map(ix.model.sources.map((s) => [s.id, s]));

  const fromFile = (source: string): DocumentData | null => {
    const src = sourceById.get(source);
    if (!src) return null;
    let path = files?.[source];
    if (!path && src.file && modelPath) {
      let base = modelPath;
      try {
        if (statSync(modelPath).isFile()) base = dirname(modelPath);
      } catch {
        return null;
      }
      path = isAbsolute(src.file) ? src.file : resolve(base, src.file);
    }
    if (!path) return null;
    try {
      if (statSync(path).size > maxFileBytes) return null;
      const split = splitDocument(readFileSync(path, 'utf8'));
      return {
        source: src,
        sections: split.sections.map(({ slug, heading }) => ({ slug, heading })),
        paragraphs: split.paragraphs.map((p) => ({
          source,
          section: p.section,
          heading: p.heading,
          paragraph: p.paragraph,
          text: p.text,
          mentions: findNameMentions(ix, p.text),
        })),
      };
    } catch {
      return null;
    }
  };

  const fromStore = async (source: string): Promise<DocumentData | null> => {
    if (!store) return null;
    const paras = await store.getParagraphs(source);
    if (!paras.length) return null;
    const ments = await store.listMentions({ source });
    const bySlot = new Map<string, Mention[]>();
    for (const m of ments) {
      if (!m.entity) continue;
      const k = `${m.section}\u0000${m.paragraph}`;
      (bySlot.get(k) ?? bySlot.set(k, []).get(k)!).push({ start: m.start, end: m.end, entity: m.entity });
    }
    const src = sourceById.get(source) ?? {
      id: source,
      title: (await store.getDocument(source))?.title ?? source,
    };
    const sections: DocumentData['sections'] = [];
    for (const p of paras)
      if (sections[sections.length - 1]?.slug !== p.section)
        sections.push({ slug: p.section, heading: p.heading });
    return {
      source: src,
      sections,
      paragraphs: paras.map((p) => ({
        source,
        section: p.section,
        heading: p.heading,
        paragraph: p.paragraph,
        text: p.text,
        mentions: (bySlot.get(`${p.section}\u0000${p.paragraph}`) ?? []).sort((a, b) => a.start - b.start),
      })),
    };
  };

  // Store-backed documents change with an ingest: they are cached with the stored version and
  // re-read when it moves; file-backed ones are read once.
  const versions = new Map<string, number>();
  const document = async (source: string) => {
    const version = store ? ((await store.getDocument(source))?.version ?? -1) : -1;
    if (cache.has(source) && versions.get(source) === version) return cache.get(source)!;
    const d = (version >= 0 ? await fromStore(source) : null) ?? fromFile(source);
    cache.set(source, d);
    versions.set(source, version);
    return d;
  };

  return {
    document,
    async paragraphs(source, section, from, to) {
      const d = await document(source);
      if (!d) return null;
      const last = to ?? from;
      return d.paragraphs.filter((p) => p.section === section && p.paragraph >= from && p.paragraph <= last);
    },
    async search(q, limit) {
      if (store) {
        const hits = await store.search(q, { limit });
        const out: (ParagraphView & { score: number })[] = [];
        for (const h of hits) {
          const [p] = (await this.paragraphs(h.source, h.section, h.paragraph)) ?? [];
          if (p) out.push({ ...p, score: -h.score });
        }
        if (out.length) return out;
      }
      // No workspace (or nothing ingested): scan the sources' files, scoring by term hits.
      const terms = fold(q).split(/\s+/).filter(Boolean);
      const out: (ParagraphView & { score: number })[] = [];
      for (const s of ix.model.sources) {
        const d = await document(s.id);
        for (const p of d?.paragraphs ?? []) {
          const t = fold(p.text);
          const score = terms.reduce((n, term) => n + (t.split(term).length - 1), 0);
          if (score > 0 && terms.every((term) => t.includes(term))) out.push({ ...p, score });
        }
      }
      return out.sort((a, b) => b.score - a.score).slice(0, limit);
    },
  };
}
