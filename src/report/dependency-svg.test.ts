import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DependencyEdge, DependencyNode } from './report-document.js';
import { dependencySvg, layoutDependencies } from './dependency-svg.js';

const node = (
  id: string,
  role: DependencyNode['role'] = 'path',
  country: string | null = null,
): DependencyNode => ({
  id,
  name: id.toUpperCase(),
  kind: 'facility',
  country,
  role,
  exposed: country === 'SL',
});
const edge = (from: string, to: string): DependencyEdge => ({ from, to, input: `${from} input` });

describe('layoutDependencies', () => {
  it('puts capabilities in layer 0 and each provider right of its furthest dependant (hand-derived)', () => {
    // cap <- a <- b, and cap <- b directly: b sits at layer 2 (longest chain), not 1.
    const nodes = [node('cap', 'capability'), node('a'), node('b', 'spof')];
    const edges = [edge('a', 'cap'), edge('b', 'a'), edge('b', 'cap')];
    const l = layoutDependencies(nodes, edges);
    expect(l.layer).toEqual({ cap: 0, a: 1, b: 2 });
    expect(l.layers).toEqual([['cap'], ['a'], ['b']]);
  });

  it('terminates on a cycle and keeps shortest distances there', () => {
    const nodes = [node('cap', 'capability'), node('x'), node('y')];
    const edges = [edge('x', 'cap'), edge('y', 'x'), edge('x', 'y')];
    const l = layoutDependencies(nodes, edges);
    expect(l.layer).toEqual({ cap: 0, x: 1, y: 2 });
  });

  it('orders a layer by the barycentre of dependants, so edges do not cross (hand-derived)', () => {
    // Two capabilities c1 (top), c2; provider p2 feeds c1 only, p1 feeds c2 only: p2 goes on top.
    const nodes = [node('c1', 'capability'), node('c2', 'capability'), node('p1'), node('p2')];
    const l = layoutDependencies(nodes, [edge('p2', 'c1'), edge('p1', 'c2')]);
    expect(l.layers[1]).toEqual(['p2', 'p1']);
  });
});

describe('dependencySvg', () => {
  const nodes = [
    node('cap', 'capability', 'NL'),
    node('plant', 'spof', 'SL'),
    node('rail', 'cut', 'SL'),
    node('road', 'cut'),
  ];
  const edges = [edge('plant', 'cap'), edge('rail', 'cap'), edge('road', 'cap')];
  const fig = { kind: 'dependency-graph' as const, nodes, edges, exposedCountry: 'SL' };

  it('draws every node and edge, with the roles and the exposed country in the legend', () => {
    const svg = dependencySvg(fig);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="node /g)?.length).toBe(4);
    expect(svg.match(/marker-end="url\(#dep-arrow\)"/g)?.length).toBe(3);
    expect(svg).toContain('single point of failure');
    expect(svg).toContain('node in SL');
    expect(svg.match(/stroke-dasharray="5 2"/g)?.length).toBe(2); // plant and rail are in SL
  });

  it('escapes names', () => {
    const svg = dependencySvg({ ...fig, nodes: [{ ...nodes[0], name: 'A & <B>' }, ...nodes.slice(1)] });
    expect(svg).toContain('A &amp; &lt;B&gt;');
    expect(svg).not.toContain('<B>');
  });

  it('is the same picture whatever the order of nodes and edges (property)', () => {
    const base = dependencySvg(fig);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(nodes, { minLength: 4 }),
        fc.shuffledSubarray(edges, { minLength: 3 }),
        (ns, es) => {
          expect(dependencySvg({ ...fig, nodes: ns, edges: es })).toBe(base);
        },
      ),
      { numRuns: 30 },
    );
  });
});
