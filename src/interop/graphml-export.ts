// GraphML (http://graphml.graphdrawing.org/specification.html), written by hand: one <key> per
// attribute name with its type (boolean, double or string, inferred over all values), list values
// already joined, text XML-escaped. Read by Gephi, Cytoscape, yEd and networkx.
import type { Model } from '../model/types.js';
import { modelGraph, type GraphNode, type GraphValue } from './model-graph.js';

export interface GraphmlOptions {
  asOf?: string;
}

/** Text as XML character data or attribute value: escaped, characters XML 1.0 forbids replaced. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type KeyType = 'boolean' | 'double' | 'string';

function keys(elements: GraphNode[], withTime: boolean): Map<string, KeyType> {
  const types = new Map<string, KeyType>();
  const merge = (k: string, v: GraphValue) => {
    const t: KeyType = typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'double' : 'string';
    const prev = types.get(k);
    types.set(k, prev === undefined || prev === t ? t : 'string');
  };
  for (const e of elements) {
    for (const [k, v] of Object.entries(e.attributes)) merge(k, v);
    if (withTime) {
      if (e.start) merge('start', e.start);
      if (e.end) merge('end', e.end);
    }
  }
  return types;
}

function value(v: GraphValue): string {
  return typeof v === 'number' ? String(v) : xmlEscape(String(v));
}

/**
 * The model as GraphML text.
 * @example writeFileSync('rb.graphml', exportGraphml(model));
 */
export function exportGraphml(model: Model, options: GraphmlOptions = {}): string {
  const g = modelGraph(model, options);
  const nodeKeys = keys(g.nodes, true);
  const edgeKeys = keys(g.edges, true);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  const ids = { node: new Map<string, string>(), edge: new Map<string, string>() };
  for (const [what, ks] of [
    ['node', nodeKeys],
    ['edge', edgeKeys],
  ] as const)
    [...ks].forEach(([name, type], i) => {
      const id = `${what[0]}${i}`;
      ids[what].set(name, id);
      out.push(`  <key id="${id}" for="${what}" attr.name="${xmlEscape(name)}" attr.type="${type}"/>`);
    });
  out.push(`  <key id="g0" for="graph" attr.name="title" attr.type="string"/>`);
  if (g.asOf) out.push(`  <key id="g1" for="graph" attr.name="as_of" attr.type="string"/>`);
  out.push(`  <graph id="${xmlEscape(g.id)}" edgedefault="directed">`);
  out.push(`    <data key="g0">${xmlEscape(g.title)}</data>`);
  if (g.asOf) out.push(`    <data key="g1">${xmlEscape(g.asOf)}</data>`);
  const data = (what: 'node' | 'edge', e: GraphNode) => {
    const all: [string, GraphValue][] = [...Object.entries(e.attributes)];
    if (e.start) all.push(['start', e.start]);
    if (e.end) all.push(['end', e.end]);
    return all.map(([k, v]) => `<data key="${ids[what].get(k)}">${value(v)}</data>`).join('');
  };
  for (const n of g.nodes) out.push(`    <node id="${xmlEscape(n.id)}">${data('node', n)}</node>`);
  for (const e of g.edges)
    out.push(
      `    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">${data('edge', e)}</edge>`,
    );
  out.push('  </graph>', '</graphml>');
  return out.join('\n') + '\n';
}
