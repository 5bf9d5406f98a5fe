// A compact way to write a small compiled graph by hand (tests, examples): nodes and requirements
// as plain lists, assembled into the same CompiledModel that compile() produces.
import type { CompiledModel } from '../compile.js';
import { assembleCompiled } from './assemble-compiled.js';

/** A provider written as [node id, share?, quality?, leadTimeDays?] (defaults 1, 1, 0). */
export type ProviderSpec = [string, number?, number?, number?];

export interface RequirementSpec {
  node: string;
  providers: ProviderSpec[];
  criticality?: number;
  buffer?: number;
  id?: string;
}

export interface GraphSpec {
  /** Node ids, or [id, kind, country] triples (default kind "company", no country). */
  nodes: (string | [string, string, string?])[];
  requirements: RequirementSpec[];
}

/**
 * Builds a compiled graph from a compact spec.
 *
 * @example
 * buildCompiled({ nodes: [['t', 'capability'], 'a', 'b'], requirements: [{ node: 't', providers: [['a'], ['b']] }] });
 */
export function buildCompiled(spec: GraphSpec): CompiledModel {
  const ids: string[] = [];
  const kind: string[] = [];
  const country: (string | null)[] = [];
  for (const nd of spec.nodes) {
    const [id, k, c] = typeof nd === 'string' ? [nd, 'company', undefined] : nd;
    ids.push(id);
    kind.push(k);
    country.push(c ?? null);
  }
  const index = new Map(ids.map((id, i) => [id, i]));
  const at = (id: string) => {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`engine/build-compiled: unknown node "${id}"`);
    return i;
  };
  const reqs = spec.requirements
    .map((r, k) => ({ ...r, k, i: at(r.node) }))
    .sort((a, b) => a.i - b.i || a.k - b.k);
  const n = ids.length;
  const R = reqs.length;
  const P = reqs.reduce((s, r) => s + r.providers.length, 0);
  const reqOffsets = new Int32Array(n + 1);
  for (const r of reqs) reqOffsets[r.i + 1]++;
  for (let i = 0; i < n; i++) reqOffsets[i + 1] += reqOffsets[i];
  const provOffsets = new Int32Array(R + 1);
  const provNode = new Int32Array(P);
  const provShare = new Float64Array(P);
  const provQuality = new Float64Array(P);
  const provLeadTime = new Float64Array(P);
  let p = 0;
  reqs.forEach((r, k) => {
    provOffsets[k] = p;
    for (const [id, share = 1, quality = 1, lead = 0] of r.providers) {
      provNode[p] = at(id);
      provShare[p] = share;
      provQuality[p] = quality;
      provLeadTime[p] = lead;
      p++;
    }
  });
  provOffsets[R] = P;
  return assembleCompiled({
    ids,
    kind,
    country,
    reqOffsets,
    reqId: reqs.map((r) => r.id ?? `${r.node}-r${r.k}`),
    reqCriticality: Float64Array.from(reqs.map((r) => r.criticality ?? 1)),
    reqBuffer: Float64Array.from(reqs.map((r) => r.buffer ?? 0)),
    provOffsets,
    provNode,
    provShare,
    provQuality,
    provCost: new Float64Array(P).fill(1),
    provLeadTime,
  });
}
