import { describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { parse } from 'graphology-gexf';
import Graph from 'graphology';
import type { GraphConstructor } from 'graphology-types';
import { readModel } from '../store/read-model.js';
import { parseModel } from '../model/parse-model.js';
import { exportGexf } from './gexf-export.js';
import { exportGraphml, xmlEscape } from './graphml-export.js';

const model = readModel('test/fixtures/interop-rich');
// 7 relations + 3 provider edges + 1 sanction target.
const EDGES = 11;

function dom(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: (m) => errors.push(m), fatalError: (m) => errors.push(m) },
  }).parseFromString(text, 'application/xml');
  expect(errors).toEqual([]);
  return doc;
}

describe('exportGexf', () => {
  it('parses back with graphology-gexf: every entity, relation, provider and sanction edge', () => {
    const g = parse(Graph as unknown as GraphConstructor, exportGexf(model), {
      allowUndeclaredAttributes: true,
    });
    expect(g.order).toBe(model.entities.length);
    expect(g.size).toBe(EDGES);
    expect(g.getNodeAttribute('mzkt', 'color')).toBe('#E69F00');
    expect(g.getNodeAttributes('mzkt')).toMatchObject({
      label: 'MZKT',
      kind: 'company',
      country: 'BY',
      valid_from: '1954',
      tags: 'defence; chassis',
    });
    const owns = g.findEdge((_e, a) => a.type === 'owns')!;
    expect(g.source(owns)).toBe('by');
    expect(g.target(owns)).toBe('mzkt');
    const provides = g.filterEdges((_e, a) => a.edge === 'dependency');
    expect(provides.map((e) => [g.source(e), g.target(e)])).toEqual([
      ['mzkt', 'topol-m'],
      ['ru', 'topol-m'],
      ['ru', 'by'],
    ]);
  });

  it('adds GEXF dynamic start/end from valid time', () => {
    const doc = dom(exportGexf(model));
    const graph = doc.getElementsByTagName('graph')[0];
    expect([graph.getAttribute('mode'), graph.getAttribute('timeformat')]).toEqual(['dynamic', 'date']);
    const node = (id: string) =>
      Array.from(
        { length: doc.getElementsByTagName('node').length },
        (_, i) => doc.getElementsByTagName('node')[i],
      ).find((n) => n.getAttribute('id') === id)!;
    // valid { from: 2021-06, to: 2024 }: first day of June 2021 to the last day of 2024.
    expect([
      node('eu-sanctions-2022').getAttribute('start'),
      node('eu-sanctions-2022').getAttribute('end'),
    ]).toEqual(['2021-06-01', '2024-12-31']);
    expect(node('ru').hasAttribute('start')).toBe(false);
  });
});

describe('exportGraphml', () => {
  it('is well-formed GraphML with a typed key for every data element', () => {
    const doc = dom(exportGraphml(model, { asOf: '2023' }));
    const keys = new Map<string, { for: string; name: string; type: string }>();
    const keyEls = doc.getElementsByTagName('key');
    for (let i = 0; i < keyEls.length; i++) {
      const k = keyEls[i];
      keys.set(k.getAttribute('id')!, {
        for: k.getAttribute('for')!,
        name: k.getAttribute('attr.name')!,
        type: k.getAttribute('attr.type')!,
      });
    }
    const nodes = doc.getElementsByTagName('node');
    const edges = doc.getElementsByTagName('edge');
    expect(nodes.length).toBe(model.entities.length);
    expect(edges.length).toBe(EDGES);
    const dataOf = (el: Element) => {
      const out: Record<string, string> = {};
      const ds = el.getElementsByTagName('data');
      for (let i = 0; i < ds.length; i++) {
        const k = keys.get(ds[i].getAttribute('key')!);
        expect(k).toBeDefined();
        expect(k!.for).toBe(el.tagName);
        out[k!.name] = ds[i].textContent!;
        if (k!.type === 'double') expect(Number.isFinite(Number(ds[i].textContent))).toBe(true);
        if (k!.type === 'boolean') expect(['true', 'false']).toContain(ds[i].textContent);
      }
      return out;
    };
    const mzkt = Array.from({ length: nodes.length }, (_, i) => nodes[i]).find(
      (n) => n.getAttribute('id') === 'mzkt',
    )!;
    expect(dataOf(mzkt)).toMatchObject({
      label: 'MZKT',
      aliases: 'Minsk Wheeled Tractor Plant',
      lat: '53.87',
      estimate: 'false',
      start: '1954-01-01',
      citations: 'paper#defence-industry/7',
    });
    expect([...keys.values()].find((k) => k.name === 'lat')!.type).toBe('double');
    expect([...keys.values()].find((k) => k.name === 'estimate')!.type).toBe('boolean');
    for (let i = 0; i < edges.length; i++) dataOf(edges[i]);
  });

  it('escapes XML in ids, names and attributes', () => {
    const m = parseModel([
      {
        path: 'm.yaml',
        text: `entities:\n  - { id: a, kind: state, name: "A <&> \\"B\\" 'C'", estimate: true, attributes: { x: "1 < 2 & \\u0001" } }\n  - { id: b, kind: state, name: B, estimate: true }\nrelations:\n  - { type: owns, from: a, to: b, estimate: true }\n`,
      },
    ]).model!;
    const doc = dom(exportGraphml(m));
    const a = doc.getElementsByTagName('node')[0];
    const texts = Array.from(
      { length: a.getElementsByTagName('data').length },
      (_, i) => a.getElementsByTagName('data')[i].textContent,
    );
    expect(texts).toContain(`A <&> "B" 'C'`);
    expect(texts).toContain('1 < 2 & \uFFFD');
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
