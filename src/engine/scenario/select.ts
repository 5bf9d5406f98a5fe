// Selectors: which nodes a node shock hits and which provider links a link shock hits.
import type { CompiledModel } from '../compile.js';
import type { Selector, Shock } from './scenario-schema.js';

/** Tags that mark a provider as a source of finance (for `financing` shocks without `from`). */
export const FINANCE_TAGS = ['finance', 'financing', 'bank', 'credit'];

function relationFromSets(cm: CompiledModel): Map<string, Set<number>> {
  const m = new Map<string, Set<number>>();
  for (let k = 0; k < cm.relType.length; k++) {
    let s = m.get(cm.relType[k]);
    if (!s) m.set(cm.relType[k], (s = new Set()));
    s.add(cm.relFrom[k]);
  }
  return m;
}

/** Marks (1) the nodes matching any of `selectors`. */
export function selectMask(cm: CompiledModel, selectors: Selector[]): Uint8Array {
  const mask = new Uint8Array(cm.n);
  const rel = selectors.some((s) => s.relation) ? relationFromSets(cm) : undefined;
  for (const s of selectors) {
    const ids = s.ids ? new Set(s.ids) : undefined;
    for (let i = 0; i < cm.n; i++) {
      if (mask[i]) continue;
      if (ids && !ids.has(cm.ids[i])) continue;
      if (s.kind !== undefined && cm.kind[i] !== s.kind) continue;
      if (s.country !== undefined && cm.country[i] !== s.country) continue;
      if (s.tag !== undefined && !cm.tags[i].includes(s.tag)) continue;
      if (s.type !== undefined && cm.type[i] !== s.type) continue;
      if (s.relation !== undefined && !rel!.get(s.relation)?.has(i)) continue;
      mask[i] = 1;
    }
  }
  return mask;
}

/** Node indices matching any of `selectors`, increasing. */
export function selectNodes(cm: CompiledModel, selectors: Selector[]): Int32Array {
  const mask = selectMask(cm, selectors);
  const out: number[] = [];
  for (let i = 0; i < cm.n; i++) if (mask[i]) out.push(i);
  return Int32Array.from(out);
}

/**
 * Provider slots a link shock hits: provider in `from`, dependant in `to`, joined by a relation of
 * type `via` (either direction), and, for `loss-of-substitutes`, only substitutes (lead time > 0).
 * A `financing` shock without `from` hits providers tagged as finance or joined by `funds`.
 */
export function selectLinks(cm: CompiledModel, shock: Shock): Int32Array {
  const from = shock.from ? selectMask(cm, shock.from) : undefined;
  const to = shock.to ? selectMask(cm, shock.to) : undefined;
  const pairs = (type: string) => {
    const s = new Set<number>();
    for (let k = 0; k < cm.relType.length; k++)
      if (cm.relType[k] === type) {
        s.add(cm.relFrom[k] * cm.n + cm.relTo[k]);
        s.add(cm.relTo[k] * cm.n + cm.relFrom[k]);
      }
    return s;
  };
  const via = shock.via ? pairs(shock.via) : undefined;
  const funds = shock.type === 'financing' && !shock.from ? pairs('funds') : undefined;
  const out: number[] = [];
  const P = cm.provNode.length;
  for (let p = 0; p < P; p++) {
    const j = cm.provNode[p];
    const i = cm.reqNode[cm.provReq[p]];
    if (from && !from[j]) continue;
    if (to && !to[i]) continue;
    if (via && !via.has(j * cm.n + i)) continue;
    if (funds && !funds.has(j * cm.n + i) && !cm.tags[j].some((t) => FINANCE_TAGS.includes(t))) continue;
    if (shock.type === 'loss-of-substitutes' && !(cm.provLeadTime[p] > 0)) continue;
    out.push(p);
  }
  return Int32Array.from(out);
}
