// A read index over a loaded model for the API: entity summaries, lookups by id, the relations and
// dependencies touching each entity, facets and the graph at a date. Built once per model so read
// endpoints answer from memory; every as-of filter goes through isValidAt (src/model/dates.ts).
import { dateEnd, dateStart } from '../model/dates.js';
import { sliceModel } from '../model/slice.js';
import { layout } from './graph-layout.js';
import { modelCitations } from '../evidence/model-citations.js';
import type { Citation, Dependency, Entity, Model, Relation, Valid } from '../model/types.js';
import type { EntitySummary, GraphData, GraphEdge } from './contract.js';

export interface ModelIndex {
  model: Model;
  summaries: EntitySummary[];
  entityById: Map<string, Entity>;
  relationById: Map<string, Relation>;
  dependencyById: Map<string, Dependency>;
  relationsOf: Map<string, Relation[]>;
  needsOf: Map<string, Dependency[]>;
  providesFor: Map<string, Dependency[]>;
  edges: GraphEdge[];
  /** Every citation in the model (see evidence/model-citations.ts), by `kind:id` of its element. */
  citationsBy: Map<string, { on: string; cite: Citation }[]>;
  facets: { kinds: string[]; countries: string[]; tags: string[]; relationTypes: string[] };
  years: { from: number; to: number };
  citationCount: number;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
};

/** The light summary of an entity the lists, graph and map use. */
export function summarise(e: Entity): EntitySummary {
  const s: EntitySummary = {
    id: e.id,
    name: e.name,
    kind: e.kind,
    tags: e.tags,
    cites: e.cite.length,
    estimate: e.estimate,
  };
  if (e.type) s.type = e.type;
  if (e.country) s.country = e.country;
  if (e.valid) s.valid = e.valid;
  if (e.date) s.date = e.date;
  if (e.location) s.location = e.location;
  return s;
}

const yearOf = (d: string | undefined) => (d ? Number(d.slice(0, 4)) : undefined);

/** Builds the read index of a model. */
export function indexModel(model: Model): ModelIndex {
  const entityById = new Map(model.entities.map((e) => [e.id, e]));
  const relationById = new Map(model.relations.map((r) => [r.id, r]));
  const dependencyById = new Map(model.dependencies.map((d) => [d.id, d]));
  const relationsOf = new Map<string, Relation[]>();
  const needsOf = new Map<string, Dependency[]>();
  const providesFor = new Map<string, Dependency[]>();
  const edges: GraphEdge[] = [];
  const years: number[] = [];
  const citationsBy = new Map<string, { on: string; cite: Citation }[]>();
  const { citations } = modelCitations(model);
  for (const c of citations)
    push(citationsBy, `${c.element.kind}:${c.element.id}`, { on: c.where, cite: c.cite });
  const noteYears = (v: { valid?: { from?: string; to?: string }; date?: string }) => {
    for (const y of [yearOf(v.valid?.from), yearOf(v.valid?.to), yearOf(v.date)]) if (y) years.push(y);
  };
  for (const e of model.entities) {
    noteYears(e);
  }
  for (const r of model.relations) {
    push(relationsOf, r.from, r);
    if (r.to !== r.from) push(relationsOf, r.to, r);
    noteYears(r);
    const edge: GraphEdge = { id: r.id, from: r.from, to: r.to, type: r.type, layer: 'relation' };
    if (r.valid) edge.valid = r.valid;
    edges.push(edge);
  }
  for (const d of model.dependencies) {
    push(needsOf, d.node, d);
    noteYears(d);
    d.providers.forEach((p, i) => {
      push(providesFor, p.provider, d);
      const valid = intersect(d.valid, p.valid);
      const edge: GraphEdge = {
        id: `${d.id}/${i}`,
        from: p.provider,
        to: d.node,
        type: 'provides',
        layer: 'dependency',
        dependency: d.id,
        criticality: d.criticality.nominal,
        share: p.share.nominal,
        leadTime: p.leadTime.nominal,
      };
      if (valid) edge.valid = valid;
      edges.push(edge);
    });
  }
  const uniq = (xs: Iterable<string | undefined>) =>
    [...new Set([...xs].filter((x): x is string => !!x))].sort();
  const thisYear = new Date().getUTCFullYear();
  const asOfYear = yearOf(model.meta.as_of);
  const yr = years.length
    ? { from: Math.min(...years), to: Math.max(...years, asOfYear ?? 0) }
    : { from: thisYear - 10, to: thisYear };
  return {
    model,
    summaries: model.entities.map(summarise),
    entityById,
    relationById,
    dependencyById,
    relationsOf,
    needsOf,
    providesFor,
    edges,
    facets: {
      kinds: uniq(model.entities.map((e) => e.kind)),
      countries: uniq(model.entities.map((e) => e.country)),
      tags: uniq(model.entities.flatMap((e) => e.tags)),
      relationTypes: uniq(model.relations.map((r) => r.type)),
    },
    years: yr,
    citationCount: citations.length,
    citationsBy,
  };
}

/** Where two validity intervals overlap (either may be absent: always valid). */
function intersect(a: Valid | undefined, b: Valid | undefined): Valid | undefined {
  if (!a || !b) return a ?? b;
  const out: Valid = {};
  const from = [a.from, b.from]
    .filter((x): x is string => !!x)
    .sort((x, y) => dateStart(y).localeCompare(dateStart(x)))[0];
  const to = [a.to, b.to]
    .filter((x): x is string => !!x)
    .sort((x, y) => dateEnd(x).localeCompare(dateEnd(y)))[0];
  if (from) out.from = from;
  if (to) out.to = to;
  return out;
}

/** Layout positions of every entity of the whole model (see graph-layout.ts), by id. */
export function positionsOf(ix: ModelIndex): Map<string, { x: number; y: number }> {
  const kinds = new Map(ix.facets.kinds.map((k, i) => [k, i]));
  const idx = new Map(ix.summaries.map((n, i) => [n.id, i]));
  const pairs: [number, number][] = ix.edges
    .filter((e) => idx.has(e.from) && idx.has(e.to))
    .map((e) => [idx.get(e.from)!, idx.get(e.to)!]);
  const { x, y } = layout(
    ix.summaries.length,
    pairs,
    ix.summaries.map((n) => kinds.get(n.kind) ?? 0),
  );
  return new Map(
    ix.summaries.map((n, i) => [n.id, { x: Math.round(x[i] * 100) / 100, y: Math.round(y[i] * 100) / 100 }]),
  );
}

/** The graph (nodes and edges) of the model as it stood at `asOf` (sliceModel), or all of it. */
export function graphAt(
  ix: ModelIndex,
  asOf: string | undefined,
  positions: Map<string, { x: number; y: number }>,
): GraphData {
  const at = asOf ? indexModel(sliceModel(ix.model, asOf)) : ix;
  const nodes = at.summaries.map((s) => ({ ...s, ...(positions.get(s.id) ?? { x: 0, y: 0 }) }));
  return asOf ? { asOf, nodes, edges: at.edges } : { nodes, edges: at.edges };
}

/** Case- and accent-insensitive form used by the text filters. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** True when the entity's id, name or an alias contains `q` (folded). */
export function entityMatches(e: Entity, q: string): boolean {
  const f = fold(q);
  return [e.id, e.name, ...e.aliases].some((s) => fold(s).includes(f));
}

/** Sort key of a partial date (its first day). */
export const dateKey = (d: string) => dateStart(d);
