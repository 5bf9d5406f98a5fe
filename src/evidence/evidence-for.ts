// `tyl evidence`: the paragraphs an element of the model cites, in full, with their document's
// metadata; citations that do not resolve are reported as such.
import { UserError, didYouMean } from '../model/problem.js';
import type { Citation, Model } from '../model/types.js';
import type { Store, DocumentRecord, StoredParagraph } from '../store/store.js';
import { citedParagraphs, modelCitations, type ElementRef } from './model-citations.js';

export interface ResolvedCitation {
  cite: Citation;
  where: string;
  /** `ok`, or why it does not resolve. */
  status: 'ok' | 'source-not-ingested' | 'missing-paragraph';
  document?: Pick<DocumentRecord, 'source' | 'title' | 'author' | 'date' | 'path'>;
  paragraphs: (Pick<StoredParagraph, 'section' | 'heading' | 'paragraph' | 'text'> & { found: boolean })[];
}

export interface EvidenceResult {
  element: ElementRef;
  citations: ResolvedCitation[];
  /** For entities: how often the workspace's documents mention it, per source. */
  mentions?: Record<string, number>;
}

/** Resolves one citation against the workspace. */
export async function resolveCitation(store: Store, cite: Citation, where = ''): Promise<ResolvedCitation> {
  const doc = await store.getDocument(cite.source);
  if (!doc) return { cite, where, status: 'source-not-ingested', paragraphs: [] };
  const paragraphs: ResolvedCitation['paragraphs'] = [];
  for (const n of citedParagraphs(cite)) {
    const p = await store.getParagraph(cite.source, cite.section, n);
    paragraphs.push(
      p
        ? { section: p.section, heading: p.heading, paragraph: p.paragraph, text: p.text, found: true }
        : { section: cite.section, heading: '', paragraph: n, text: '', found: false },
    );
  }
  return {
    cite,
    where,
    status: paragraphs.every((p) => p.found) ? 'ok' : 'missing-paragraph',
    document: {
      source: doc.source,
      path: doc.path,
      ...(doc.title ? { title: doc.title } : {}),
      ...(doc.author ? { author: doc.author } : {}),
      ...(doc.date ? { date: doc.date } : {}),
    },
    paragraphs,
  };
}

/** The evidence for the entity, relation or dependency `ref` (an id, or `from-type-to` for a relation). */
export async function evidenceFor(model: Model, store: Store, ref: string): Promise<EvidenceResult> {
  const { elements, citations } = modelCitations(model);
  const element = elements.find((e) => e.id === ref);
  if (!element) {
    const hint = didYouMean(
      ref,
      elements.map((e) => e.id),
    );
    throw new UserError(
      `evidence/lookup: no entity, relation or dependency "${ref}" in model ${model.meta.id}${hint ? ` (did you mean "${hint}"?)` : ''}`,
    );
  }
  const mine = citations.filter((c) => c.element.kind === element.kind && c.element.id === element.id);
  const resolved: ResolvedCitation[] = [];
  for (const c of mine) resolved.push(await resolveCitation(store, c.cite, c.where));
  const out: EvidenceResult = {
    element: {
      kind: element.kind,
      id: element.id,
      label: element.label,
      ...(element.at ? { at: element.at } : {}),
    },
    citations: resolved,
  };
  if (element.kind === 'entity') {
    const counts: Record<string, number> = {};
    for (const m of await store.listMentions({ entity: element.id }))
      counts[m.source] = (counts[m.source] ?? 0) + 1;
    out.mentions = counts;
  }
  return out;
}
