// `tyl coverage`: how well the model and the ingested sources cover each other. Which elements
// have no citation, which citations point at no ingested paragraph, and which paragraphs of an
// ingested source no element cites.
import type { Model } from '../model/types.js';
import type { Store } from '../store/store.js';
import { citedParagraphs, modelCitations, type CitedBy, type ElementRef } from './model-citations.js';

export interface CoverageResult {
  elements: { total: number; cited: number; uncited: number; estimates: number };
  /** Elements without any citation (estimates listed separately). */
  uncited: ElementRef[];
  uncitedEstimates: ElementRef[];
  citations: { total: number; resolved: number; dangling: number; notIngested: number };
  /** Citations to an ingested source whose paragraph does not exist. */
  dangling: (CitedBy & { reason: string })[];
  /** Sources cited by the model but not in the workspace, with how many citations each. */
  notIngested: { source: string; citations: number }[];
  /** Per ingested source: paragraphs no element cites. */
  sources: {
    source: string;
    title?: string;
    paragraphs: number;
    cited: number;
    uncited: { section: string; paragraph: number; excerpt: string }[];
  }[];
}

/** Computes the coverage report of `model` against the workspace. */
export async function coverage(model: Model, store: Store): Promise<CoverageResult> {
  const { elements, citations } = modelCitations(model);
  const uncited = elements.filter((e) => !e.cited && !e.estimate).map(strip);
  const uncitedEstimates = elements.filter((e) => !e.cited && e.estimate).map(strip);
  const docs = new Map((await store.listDocuments()).map((d) => [d.source, d]));
  const paragraphs = new Map<string, Map<string, { text: string; ord: number }>>();
  for (const s of docs.keys())
    paragraphs.set(
      s,
      new Map(
        (await store.getParagraphs(s)).map((p) => [
          `${p.section}#${p.paragraph}`,
          { text: p.text, ord: p.ord },
        ]),
      ),
    );
  const citedKeys = new Map<string, Set<string>>();
  const dangling: CoverageResult['dangling'] = [];
  const notIngested = new Map<string, number>();
  let resolved = 0;
  for (const c of citations) {
    const ps = paragraphs.get(c.cite.source);
    if (!ps) {
      notIngested.set(c.cite.source, (notIngested.get(c.cite.source) ?? 0) + 1);
      continue;
    }
    const keys = citedParagraphs(c.cite).map((n) => `${c.cite.section}#${n}`);
    const missing = keys.filter((k) => !ps.has(k));
    if (missing.length) {
      const sectionExists = [...ps.keys()].some((k) => k.startsWith(`${c.cite.section}#`));
      dangling.push({
        ...c,
        reason: sectionExists
          ? `no paragraph ${missing.map((k) => k.split('#')[1]).join(', ')} in section "${c.cite.section}"`
          : `no section "${c.cite.section}"`,
      });
    } else resolved++;
    let set = citedKeys.get(c.cite.source);
    if (!set) citedKeys.set(c.cite.source, (set = new Set()));
    for (const k of keys) set.add(k);
  }
  const sources: CoverageResult['sources'] = [];
  for (const [source, ps] of paragraphs) {
    const set = citedKeys.get(source) ?? new Set();
    const un = [...ps.entries()]
      .filter(([k]) => !set.has(k))
      .sort((a, b) => a[1].ord - b[1].ord)
      .map(([k, v]) => ({
        section: k.split('#')[0],
        paragraph: Number(k.split('#')[1]),
        excerpt: v.text.length > 90 ? v.text.slice(0, 89) + '…' : v.text,
      }));
    const title = docs.get(source)?.title;
    sources.push({
      source,
      ...(title ? { title } : {}),
      paragraphs: ps.size,
      cited: ps.size - un.length,
      uncited: un,
    });
  }
  return {
    elements: {
      total: elements.length,
      cited: elements.filter((e) => e.cited).length,
      uncited: uncited.length,
      estimates: uncitedEstimates.length,
    },
    uncited,
    uncitedEstimates,
    citations: {
      total: citations.length,
      resolved,
      dangling: dangling.length,
      notIngested: [...notIngested.values()].reduce((a, b) => a + b, 0),
    },
    dangling,
    notIngested: [...notIngested]
      .map(([source, n]) => ({ source, citations: n }))
      .sort((a, b) => a.source.localeCompare(b.source)),
    sources,
  };
}

function strip(e: ElementRef & { cited?: boolean; estimate?: boolean }): ElementRef {
  return { kind: e.kind, id: e.id, label: e.label, ...(e.at ? { at: e.at } : {}) };
}
