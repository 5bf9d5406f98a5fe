// The model as a plain property graph for graph tools (Gephi, Cytoscape, yEd): entities are nodes;
// relations, dependency providers (provider -> dependent node) and sanctions (sanction -> target)
// are edges. Attribute values are scalars (lists joined with "; "), valid time as `valid_from` /
// `valid_to` (and as first/last day for tools that want full dates).
import type { Citation, Model, Quantity } from '../model/types.js';
import { dateEnd, dateStart } from '../model/dates.js';

export type GraphValue = string | number | boolean;

export interface GraphNode {
  id: string;
  attributes: Record<string, GraphValue>;
  /** First and last day of validity, when known. */
  start?: string;
  end?: string;
}

export interface GraphEdge extends GraphNode {
  source: string;
  target: string;
}

export interface ModelGraph {
  id: string;
  title: string;
  asOf?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const cites = (c: Citation[]) =>
  c.map((x) => `${x.source}#${x.section}/${x.paragraph}${x.to ? `-${x.to}` : ''}`).join('; ');

function evidence(
  out: Record<string, GraphValue>,
  e: {
    cite: Citation[];
    confidence?: string;
    valid?: { from?: string; to?: string };
    estimate: boolean;
    note?: string;
  },
) {
  if (e.valid?.from) out.valid_from = e.valid.from;
  if (e.valid?.to) out.valid_to = e.valid.to;
  if (e.confidence) out.confidence = e.confidence;
  out.estimate = e.estimate;
  if (e.cite.length) out.citations = cites(e.cite);
  if (e.note) out.note = e.note;
}

function span(v: { from?: string; to?: string } | undefined): { start?: string; end?: string } {
  return { ...(v?.from ? { start: dateStart(v.from) } : {}), ...(v?.to ? { end: dateEnd(v.to) } : {}) };
}

function quantity(out: Record<string, GraphValue>, name: string, q: Quantity | undefined) {
  if (!q) return;
  out[name] = q.nominal;
  if (q.min !== q.max) {
    out[`${name}_min`] = q.min;
    out[`${name}_max`] = q.max;
  }
}

/** The model as nodes and edges with scalar attributes. */
export function modelGraph(model: Model, options: { asOf?: string } = {}): ModelGraph {
  const ids = new Set(model.entities.map((e) => e.id));
  const nodes: GraphNode[] = model.entities.map((e) => {
    const a: Record<string, GraphValue> = { label: e.name, kind: e.kind };
    if (e.type) a.type = e.type;
    if (e.country) a.country = e.country;
    if (e.aliases.length) a.aliases = e.aliases.join('; ');
    if (e.tags.length) a.tags = e.tags.join('; ');
    if (e.location) {
      a.lat = e.location.lat;
      a.lon = e.location.lon;
    }
    if (e.date) a.date = e.date;
    if (e.authority) a.authority = e.authority;
    if (e.programme) a.programme = e.programme;
    evidence(a, e);
    for (const [k, v] of Object.entries(e.attributes)) {
      const key = `attr_${k}`;
      if (Array.isArray(v)) a[key] = v.join('; ');
      else if (typeof v === 'object') quantity(a, key, v);
      else a[key] = v;
    }
    for (const [k, q] of Object.entries(e.quantities)) quantity(a, `qty_${k}`, q);
    return { id: e.id, attributes: a, ...span(e.valid) };
  });
  const edges: GraphEdge[] = [];
  for (const r of model.relations) {
    const a: Record<string, GraphValue> = { label: r.type, edge: 'relation', type: r.type };
    evidence(a, r);
    for (const [k, q] of Object.entries(r.quantities)) quantity(a, `qty_${k}`, q);
    edges.push({ id: r.id, source: r.from, target: r.to, attributes: a, ...span(r.valid) });
  }
  for (const d of model.dependencies)
    d.providers.forEach((p, i) => {
      const a: Record<string, GraphValue> = {
        label: d.input,
        edge: 'dependency',
        type: 'provides',
        dependency: d.id,
        input: d.input,
      };
      quantity(a, 'criticality', d.criticality);
      quantity(a, 'buffer_days', d.buffer);
      quantity(a, 'share', p.share);
      quantity(a, 'quality', p.quality);
      quantity(a, 'cost', p.cost);
      quantity(a, 'lead_time_days', p.leadTime);
      evidence(a, { ...p, cite: [...d.cite, ...p.cite] });
      const valid = p.valid ?? d.valid;
      if (ids.has(p.provider) && ids.has(d.node))
        edges.push({
          id: `${d.id}#${i + 1}`,
          source: p.provider,
          target: d.node,
          attributes: a,
          ...span(valid),
        });
    });
  for (const e of model.entities)
    for (const t of e.targets ?? [])
      if (ids.has(t)) {
        const a: Record<string, GraphValue> = { label: 'sanctions', edge: 'sanction', type: 'targets' };
        evidence(a, e);
        edges.push({ id: `${e.id}->${t}`, source: e.id, target: t, attributes: a, ...span(e.valid) });
      }
  return {
    id: model.meta.id,
    title: model.meta.title,
    ...(options.asOf ? { asOf: options.asOf } : {}),
    nodes,
    edges,
  };
}
