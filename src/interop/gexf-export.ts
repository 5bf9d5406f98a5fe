// GEXF (https://gexf.net) through graphology-gexf, for Gephi: node and edge attributes from
// model-graph.ts, valid time both as `valid_from`/`valid_to` attributes and, where an element has
// one, as GEXF dynamic `start`/`end` (graph mode "dynamic", timeformat "date") so Gephi's timeline
// can filter the network by date. graphology-gexf does not write spells, so they are added to its
// output through a DOM pass.
import { MultiDirectedGraph } from 'graphology';
import { write } from 'graphology-gexf';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type { Model } from '../model/types.js';
import type { EntityKind } from '../model/schema.js';
import { modelGraph } from './model-graph.js';

export interface GexfOptions {
  asOf?: string;
  /** GEXF version (default 1.3). */
  version?: '1.2' | '1.3';
}

const DEFAULTS = { version: '1.3' as const };

/** Node colours by kind, so Gephi opens the graph already legible (Okabe–Ito-based palette). */
export const KIND_COLOURS: Record<EntityKind, string> = {
  state: '#0072B2',
  organisation: '#56B4E9',
  company: '#E69F00',
  facility: '#D55E00',
  network: '#CC79A7',
  unit: '#009E73',
  person: '#F0E442',
  product: '#999999',
  service: '#8C6D31',
  capability: '#000000',
  agreement: '#7F7FBF',
  event: '#B2DF8A',
  sanction: '#E31A1C',
};

/**
 * The model as GEXF text.
 * @example writeFileSync('rb.gexf', exportGexf(model));
 */
export function exportGexf(model: Model, options: GexfOptions = {}): string {
  const { version, asOf } = { ...DEFAULTS, ...options };
  const g = modelGraph(model, { asOf });
  const graph = new MultiDirectedGraph();
  graph.setAttribute('creator', 'tyl');
  graph.setAttribute('description', g.title + (asOf ? ` (as of ${asOf})` : ''));
  for (const n of g.nodes) graph.addNode(n.id, n.attributes);
  for (const e of g.edges) graph.addEdgeWithKey(e.id, e.source, e.target, e.attributes);
  const text = write(graph, {
    version,
    formatNode: (_key, a) => {
      const { label, ...rest } = a;
      return {
        label: String(label),
        attributes: rest,
        viz: { color: KIND_COLOURS[a.kind as EntityKind] ?? '#999999' },
      };
    },
    formatEdge: (_key, a) => {
      const { label, ...rest } = a;
      return { label: String(label), attributes: rest };
    },
  });
  const spans = new Map<string, { start?: string; end?: string }>();
  for (const x of [...g.nodes.map((n) => ['node', n] as const), ...g.edges.map((e) => ['edge', e] as const)])
    if (x[1].start || x[1].end) spans.set(`${x[0]} ${x[1].id}`, x[1]);
  if (!spans.size) return text;
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const graphEl = doc.getElementsByTagName('graph')[0];
  graphEl.setAttribute('mode', 'dynamic');
  graphEl.setAttribute('timeformat', 'date');
  for (const tag of ['node', 'edge'] as const) {
    const els = doc.getElementsByTagName(tag);
    for (let i = 0; i < els.length; i++) {
      const el = els[i];
      const s = spans.get(`${tag} ${el.getAttribute('id')}`);
      if (s?.start) el.setAttribute('start', s.start);
      if (s?.end) el.setAttribute('end', s.end);
    }
  }
  return new XMLSerializer().serializeToString(doc) + '\n';
}
