// Assembles a CompiledModel from its primary CSR arrays, deriving the rest (requirement owners,
// provider owners, reverse adjacency, id index). Used by the synthetic network generator and by
// tests that build small compiled graphs by hand, so both match what compile() produces.
import type { CompiledModel } from '../compile.js';
import { reverseAdjacency } from '../reverse-adjacency.js';

/** The arrays a compiled graph is made of; everything else is derived. */
export interface CompiledParts {
  ids: string[];
  kind: string[];
  type?: (string | null)[];
  country: (string | null)[];
  tags?: string[][];
  names?: string[];
  reqOffsets: Int32Array;
  reqId: string[];
  reqCriticality: Float64Array;
  reqBuffer: Float64Array;
  provOffsets: Int32Array;
  provNode: Int32Array;
  provShare: Float64Array;
  provQuality: Float64Array;
  provCost: Float64Array;
  provLeadTime: Float64Array;
  relFrom?: Int32Array;
  relTo?: Int32Array;
  relType?: string[];
  relId?: string[];
}

const NO_TAGS: string[] = [];

/** Builds the full compiled form from `parts` (arrays are used, not copied). */
export function assembleCompiled(parts: CompiledParts): CompiledModel {
  const n = parts.ids.length;
  const R = parts.reqOffsets[n];
  const P = parts.provOffsets[R];
  const reqNode = new Int32Array(R);
  for (let i = 0; i < n; i++) reqNode.fill(i, parts.reqOffsets[i], parts.reqOffsets[i + 1]);
  const provReq = new Int32Array(P);
  const provIndex = new Int32Array(P);
  for (let r = 0; r < R; r++)
    for (let p = parts.provOffsets[r]; p < parts.provOffsets[r + 1]; p++) {
      provReq[p] = r;
      provIndex[p] = p - parts.provOffsets[r];
    }
  const { usedByOffsets, usedBy } = reverseAdjacency(n, parts.provNode);
  const index = Object.create(null) as Record<string, number>;
  for (let i = 0; i < n; i++) index[parts.ids[i]] = i;
  const entityIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) entityIndex[i] = i;
  const reqDep = new Int32Array(R);
  for (let r = 0; r < R; r++) reqDep[r] = r;
  return {
    n,
    ids: parts.ids,
    index,
    names: parts.names ?? parts.ids,
    kind: parts.kind,
    type: parts.type ?? new Array<string | null>(n).fill(null),
    country: parts.country,
    tags: parts.tags ?? new Array<string[]>(n).fill(NO_TAGS),
    entityIndex,
    reqOffsets: parts.reqOffsets,
    reqNode,
    reqDep,
    reqId: parts.reqId,
    reqCriticality: parts.reqCriticality,
    reqBuffer: parts.reqBuffer,
    provOffsets: parts.provOffsets,
    provNode: parts.provNode,
    provIndex,
    provShare: parts.provShare,
    provQuality: parts.provQuality,
    provCost: parts.provCost,
    provLeadTime: parts.provLeadTime,
    provReq,
    usedByOffsets,
    usedBy,
    relFrom: parts.relFrom ?? new Int32Array(0),
    relTo: parts.relTo ?? new Int32Array(0),
    relType: parts.relType ?? [],
    relId: parts.relId ?? [],
    sampleIndex: [],
  };
}
