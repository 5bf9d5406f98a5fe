// Every citation in a model, with the element it supports: the common ground of `tyl evidence`
// and `tyl coverage`.
import type { Citation, Evidence, Model, Quantity } from '../model/types.js';

export type ElementKind = 'entity' | 'relation' | 'dependency';

export interface ElementRef {
  kind: ElementKind;
  id: string;
  label: string;
  at?: { file: string; line: number; column: number };
}

export interface CitedBy {
  element: ElementRef;
  /** Where inside the element, e.g. `` (the element), `quantities.troops`, `providers[mzkt]`. */
  where: string;
  cite: Citation;
  estimate: boolean;
}

/** The id a relation is known by: its own, or `from-type-to`. */
export function relationKey(r: { id: string; from: string; type: string; to: string }): string {
  return r.id || `${r.from}-${r.type}-${r.to}`;
}

function quantityCites(
  out: CitedBy[],
  element: ElementRef,
  prefix: string,
  qs: Record<string, unknown> | undefined,
): void {
  for (const [k, v] of Object.entries(qs ?? {}))
    if (v && typeof v === 'object' && 'cite' in v)
      for (const c of (v as Quantity).cite)
        out.push({ element, where: `${prefix}.${k}`, cite: c, estimate: (v as Quantity).estimate });
}

function own(out: CitedBy[], element: ElementRef, ev: Evidence, where = ''): void {
  for (const c of ev.cite) out.push({ element, where, cite: c, estimate: ev.estimate });
}

/** Lists the model's elements and every citation they carry (including quantities and providers). */
export function modelCitations(model: Model): {
  elements: (ElementRef & { cited: boolean; estimate: boolean })[];
  citations: CitedBy[];
} {
  const citations: CitedBy[] = [];
  const elements: (ElementRef & { cited: boolean; estimate: boolean })[] = [];
  const add = (ref: ElementRef, ev: Evidence, body: () => void) => {
    const before = citations.length;
    own(citations, ref, ev);
    body();
    elements.push({ ...ref, cited: citations.length > before, estimate: ev.estimate });
  };
  for (const e of model.entities) {
    const ref: ElementRef = { kind: 'entity', id: e.id, label: e.name, ...(e.at ? { at: e.at } : {}) };
    add(ref, e, () => {
      quantityCites(citations, ref, 'quantities', e.quantities);
      quantityCites(citations, ref, 'attributes', e.attributes);
      quantityCites(citations, ref, 'flow', e.flow as Record<string, unknown> | undefined);
    });
  }
  for (const r of model.relations) {
    const ref: ElementRef = {
      kind: 'relation',
      id: relationKey(r),
      label: `${r.from} ${r.type} ${r.to}`,
      ...(r.at ? { at: r.at } : {}),
    };
    add(ref, r, () => {
      quantityCites(citations, ref, 'quantities', r.quantities);
      quantityCites(citations, ref, 'attributes', r.attributes);
    });
  }
  for (const d of model.dependencies) {
    const ref: ElementRef = {
      kind: 'dependency',
      id: d.id,
      label: `${d.node} needs ${d.input}`,
      ...(d.at ? { at: d.at } : {}),
    };
    add(ref, d, () => {
      quantityCites(citations, ref, 'dependency', {
        criticality: d.criticality,
        buffer: d.buffer,
        ...(d.bom ? { bom: d.bom } : {}),
      });
      for (const p of d.providers) {
        own(citations, ref, p, `providers[${p.provider}]`);
        quantityCites(citations, ref, `providers[${p.provider}]`, {
          share: p.share,
          quality: p.quality,
          cost: p.cost,
          lead_time: p.leadTime,
        });
      }
    });
  }
  return { elements, citations };
}

/** Paragraph numbers a citation covers (`paragraph`..`to`). */
export function citedParagraphs(c: Citation): number[] {
  const out: number[] = [];
  for (let n = c.paragraph; n <= Math.max(c.paragraph, c.to ?? c.paragraph); n++) out.push(n);
  return out;
}
