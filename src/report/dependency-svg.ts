// The dependency picture: capabilities and the chains of providers behind their vulnerabilities,
// drawn as a layered graph (Sugiyama, Tagawa & Toda, "Methods for visual understanding of
// hierarchical system structures", IEEE SMC 11(2), 1981): layers by longest provider chain from a
// capability, order within a layer by repeated barycentre sweeps, ties broken by id, so the same
// graph always gives the same picture. Hand-written SVG: no browser, no randomness.
import type { DependencyEdge, DependencyNode, Figure } from './report-document.js';

type Graph = Extract<Figure, { kind: 'dependency-graph' }>;

export interface DependencyLayout {
  /** Layer (column) and position within it of each node. */
  layer: Record<string, number>;
  order: Record<string, number>;
  layers: string[][];
}

export const ROLE_STYLE: Record<DependencyNode['role'], { fill: string; stroke: string; label: string }> = {
  capability: { fill: '#dbe8f5', stroke: '#1f5f99', label: 'capability at risk' },
  spof: { fill: '#f6d5d1', stroke: '#c0392b', label: 'single point of failure' },
  cut: { fill: '#fbe5c8', stroke: '#d68910', label: 'member of a smallest cut set' },
  path: { fill: '#f2f3f4', stroke: '#7f8c8d', label: 'on an explaining path' },
};

/**
 * Deterministic layered layout: capabilities in layer 0, each provider one layer right of the
 * furthest node depending on it (longest path; inside a cycle the shortest distance is used).
 */
export function layoutDependencies(
  nodes: DependencyNode[],
  edges: DependencyEdge[],
  sweeps = 6,
): DependencyLayout {
  const ids = nodes.map((n) => n.id).sort();
  const providers = new Map<string, string[]>(ids.map((id) => [id, []]));
  const dependants = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    providers.get(e.to)?.push(e.from);
    dependants.get(e.from)?.push(e.to);
  }
  const roots = nodes.filter((n) => n.role === 'capability').map((n) => n.id);
  const start = roots.length ? roots : ids.filter((id) => !dependants.get(id)!.length);
  // Shortest distance first (covers cycles), then longest-path relaxation bounded by n rounds.
  const layer: Record<string, number> = {};
  const queue = [...start].sort();
  for (const r of queue) layer[r] = 0;
  for (let h = 0; h < queue.length; h++)
    for (const p of providers.get(queue[h]) ?? [])
      if (layer[p] === undefined) {
        layer[p] = layer[queue[h]] + 1;
        queue.push(p);
      }
  for (const id of ids) layer[id] ??= 0;
  const shortest = { ...layer };
  let changed = true;
  for (let round = 0; changed && round < ids.length; round++) {
    changed = false;
    for (const e of edges)
      if (
        layer[e.from] !== undefined &&
        layer[e.to] !== undefined &&
        !start.includes(e.from) &&
        layer[e.from] < layer[e.to] + 1
      ) {
        layer[e.from] = layer[e.to] + 1;
        changed = true;
      }
  }
  if (changed) Object.assign(layer, shortest); // a cycle kept raising layers: keep distances
  const depth = Math.max(0, ...Object.values(layer));
  const layers: string[][] = Array.from({ length: depth + 1 }, () => []);
  for (const id of ids) layers[layer[id]].push(id);
  const order: Record<string, number> = {};
  const place = () => layers.forEach((l) => l.forEach((id, k) => (order[id] = k)));
  place();
  const bary = (id: string, nbrs: string[], fallback: number) => {
    const xs = nbrs.filter((x) => order[x] !== undefined).map((x) => order[x]);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : fallback;
  };
  for (let s = 0; s < sweeps; s++) {
    const forward = s % 2 === 0;
    const seq = forward ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const l of seq) {
      const key = new Map(
        l.map((id) => [id, bary(id, forward ? dependants.get(id)! : providers.get(id)!, order[id])]),
      );
      l.sort((a, b) => key.get(a)! - key.get(b)! || a.localeCompare(b));
      l.forEach((id, k) => (order[id] = k));
    }
  }
  place();
  return { layer, order, layers };
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Splits a name into at most two lines of about `width` characters. */
function lines(name: string, width: number): string[] {
  if (name.length <= width) return [name];
  const words = name.split(/\s+/);
  let a = '';
  let k = 0;
  while (k < words.length && (a + (a ? ' ' : '') + words[k]).length <= width)
    a += (a ? ' ' : '') + words[k++];
  if (!a) a = name.slice(0, width - 1) + '…';
  let b = words.slice(k).join(' ');
  if (!words.slice(0, k).length) b = name.slice(width - 1);
  if (b.length > width) b = b.slice(0, width - 1) + '…';
  return b ? [a, b] : [a];
}

/**
 * SVG of the dependency picture.
 *
 * @example
 * dependencySvg(figure); // '<svg xmlns="http://www.w3.org/2000/svg" ...'
 */
export function dependencySvg(fig: Graph): string {
  const W = 156;
  const H = 40;
  const GX = 34;
  const GY = 8;
  const PAD = 16;
  const { layer, order, layers } = layoutDependencies(fig.nodes, fig.edges);
  const rows = Math.max(1, ...layers.map((l) => l.length));
  const width = PAD * 2 + layers.length * W + (layers.length - 1) * GX;
  const legendH = 46;
  const height = PAD * 2 + rows * H + (rows - 1) * GY + legendH;
  const pos = (id: string) => {
    const l = layers[layer[id]];
    const offset = ((rows - l.length) * (H + GY)) / 2;
    return { x: PAD + layer[id] * (W + GX), y: PAD + offset + order[id] * (H + GY) };
  };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="dependency-graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="10">`,
    '<defs><marker id="dep-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#566573"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  const byId = new Map(fig.nodes.map((n) => [n.id, n]));
  const sorted = [...fig.edges].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  for (const e of sorted) {
    if (!byId.has(e.from) || !byId.has(e.to)) continue;
    const a = pos(e.from);
    const b = pos(e.to);
    // From the provider's left side to the dependant's right side (providers sit further right).
    const x1 = layer[e.from] > layer[e.to] ? a.x : a.x + W;
    const x2 = layer[e.from] > layer[e.to] ? b.x + W : b.x;
    const y1 = a.y + H / 2;
    const y2 = b.y + H / 2;
    const mx = (x1 + x2) / 2;
    const bend = layer[e.from] === layer[e.to] ? 40 : 0;
    out.push(
      `<path d="M${x1},${y1} C${mx + bend},${y1} ${mx + bend},${y2} ${x2},${y2}" fill="none" stroke="#566573" stroke-width="1.1" stroke-opacity="0.75" marker-end="url(#dep-arrow)"><title>${esc(`${byId.get(e.to)!.name} needs ${e.input} from ${byId.get(e.from)!.name}`)}</title></path>`,
    );
  }
  for (const n of [...fig.nodes].sort((a, b) => a.id.localeCompare(b.id))) {
    const { x, y } = pos(n.id);
    const st = ROLE_STYLE[n.role];
    const ls = lines(n.name, 27);
    out.push(
      `<g class="node ${n.role}"><title>${esc(`${n.name} (${n.id}, ${n.kind}${n.country ? `, ${n.country}` : ''})`)}</title>`,
      `<rect x="${x}" y="${y}" width="${W}" height="${H}" rx="5" fill="${st.fill}" stroke="${st.stroke}" stroke-width="${n.exposed ? 2.6 : 1.2}"${n.exposed ? ' stroke-dasharray="5 2"' : ''}/>`,
    );
    ls.forEach((t, k) =>
      out.push(
        `<text x="${x + 8}" y="${y + H / 2 + (k - (ls.length - 1) / 2) * 12 + 5}" fill="#1b2631">${esc(t)}</text>`,
      ),
    );
    if (n.country)
      out.push(
        `<text x="${x + W - 6}" y="${y + 11}" text-anchor="end" font-size="9" font-weight="bold" fill="${st.stroke}">${esc(n.country)}</text>`,
      );
    out.push('</g>');
  }
  // Legend.
  const ly = height - legendH + 10;
  let lx = PAD;
  for (const role of ['capability', 'spof', 'cut', 'path'] as const) {
    const st = ROLE_STYLE[role];
    out.push(
      `<rect x="${lx}" y="${ly}" width="14" height="11" rx="2" fill="${st.fill}" stroke="${st.stroke}"/>`,
    );
    out.push(`<text x="${lx + 19}" y="${ly + 10}" fill="#333">${esc(st.label)}</text>`);
    lx += 28 + st.label.length * 5.4;
  }
  if (fig.exposedCountry) {
    out.push(
      `<rect x="${lx}" y="${ly}" width="14" height="11" rx="2" fill="white" stroke="#333" stroke-width="2.2" stroke-dasharray="4 2"/>`,
    );
    out.push(`<text x="${lx + 19}" y="${ly + 10}" fill="#333">node in ${esc(fig.exposedCountry)}</text>`);
  }
  out.push(
    `<text x="${PAD}" y="${ly + 28}" fill="#555">Arrows run from a provider to the node that needs it; hover a box or arrow for details.</text>`,
  );
  out.push('</svg>');
  return out.join('\n');
}
