// Compiles a model (at an as-of date) into flat typed arrays: requirements and their providers in
// compressed sparse row (CSR) form, plus the reverse adjacency (who uses each node). Every analysis
// (structure, simulation, Monte Carlo, optimisation) runs on this one form; see docs/methods.md.
import { isValidAt } from '../model/dates.js';
import type { Model, Quantity } from '../model/types.js';
import { reverseAdjacency } from './reverse-adjacency.js';

/** Which compiled array an uncertain quantity is sampled into. */
export type SampleArray =
  'reqCriticality' | 'reqBuffer' | 'provShare' | 'provQuality' | 'provCost' | 'provLeadTime';

/** One uncertain quantity of the model and the array slot its samples go to. */
export interface SampleSlot {
  array: SampleArray;
  slot: number;
  /** Human-readable name: `<dependency id>.criticality` or `<dependency id>/<provider id>.share`. */
  label: string;
  quantity: Quantity;
  /** Lower and upper bounds the sampled value is clamped to (0..1 for fractions, 0.. for days). */
  lo: number;
  hi: number;
}

/** The compiled model: see /docs/methods.md ("Compiled form"). Plain data, structured-cloneable. */
export interface CompiledModel {
  asOf?: string;
  /** Number of nodes. */
  n: number;
  /** Node index -> entity id (model order). */
  ids: string[];
  /** Entity id -> node index (a null-prototype object). */
  index: Record<string, number>;
  names: string[];
  kind: string[];
  /** Finer entity type (plant, rail, …), or null. */
  type: (string | null)[];
  country: (string | null)[];
  tags: string[][];
  /** Node index -> index into model.entities. */
  entityIndex: Int32Array;

  /** Requirements grouped by dependent node: those of node i are r in [reqOffsets[i], reqOffsets[i+1]). */
  reqOffsets: Int32Array;
  reqNode: Int32Array;
  /** r -> index into model.dependencies. */
  reqDep: Int32Array;
  reqId: string[];
  reqCriticality: Float64Array;
  /** Days of full cover before a shortfall bites. */
  reqBuffer: Float64Array;

  /** Providers of requirement r are p in [provOffsets[r], provOffsets[r+1]). */
  provOffsets: Int32Array;
  provNode: Int32Array;
  /** p -> index of the provider inside model.dependencies[reqDep[r]].providers. */
  provIndex: Int32Array;
  provShare: Float64Array;
  provQuality: Float64Array;
  provCost: Float64Array;
  /** Days; 0 = in use now; > 0 = a substitute that counts only once the shortfall has lasted this long. */
  provLeadTime: Float64Array;
  /** p -> owning requirement r (the inverse of provOffsets). */
  provReq: Int32Array;

  /** Reverse adjacency: provider slots p with provNode[p] === j are usedBy[usedByOffsets[j] .. usedByOffsets[j+1]). */
  usedByOffsets: Int32Array;
  usedBy: Int32Array;

  /** Relations valid at asOf whose both ends are nodes (for relation-type selectors and transit analyses). */
  relFrom: Int32Array;
  relTo: Int32Array;
  relType: string[];
  relId: string[];

  /** Every non-point quantity, with the slot its samples are written to. */
  sampleIndex: SampleSlot[];
}

export interface CompileOptions {
  /** Keep only what is valid on this (full or partial) date; default: keep everything. */
  asOf?: string;
}

const DEFAULTS: CompileOptions = {};

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/**
 * Compiles a model into the typed-array form every analysis takes. Pure.
 *
 * Keeps only entities, dependencies and providers valid at `asOf`; a dependency whose node is
 * dropped is dropped, a provider whose node is dropped is dropped (its requirement may then have no
 * provider at all, which leaves the input unavailable). Quantities use their `nominal` values.
 *
 * @example
 * const cm = compile(model, { asOf: '2014-01-01' });
 * cm.reqOffsets[cm.index['mzkt'] + 1] - cm.reqOffsets[cm.index['mzkt']]; // number of requirements
 */
export function compile(model: Model, options: CompileOptions = {}): CompiledModel {
  const { asOf } = { ...DEFAULTS, ...options };
  const ok = (valid: Parameters<typeof isValidAt>[0]) => asOf === undefined || isValidAt(valid, asOf);

  // Entities valid at asOf, in model order. Every one when there is no date: the arrays are then
  // built at their final size (at a million nodes, growing them by push left some hundred MB of
  // garbage for the collector, with the model resident).
  const E = model.entities.length;
  let kept: number[] | undefined;
  if (asOf !== undefined) {
    kept = [];
    for (let k = 0; k < E; k++) if (ok(model.entities[k].valid)) kept.push(k);
  }
  const n = kept ? kept.length : E;
  const entityAt = (i: number) => model.entities[kept ? kept[i] : i];
  const ids: string[] = new Array<string>(n);
  const names: string[] = new Array<string>(n);
  const kind: string[] = new Array<string>(n);
  const type: (string | null)[] = new Array<string | null>(n);
  const country: (string | null)[] = new Array<string | null>(n);
  const tags: string[][] = new Array<string[]>(n);
  const entityIndex = new Int32Array(n);
  const index: Record<string, number> = Object.create(null) as Record<string, number>;
  for (let i = 0; i < n; i++) {
    const e = entityAt(i);
    index[e.id] = i;
    ids[i] = e.id;
    names[i] = e.name;
    kind[i] = e.kind;
    type[i] = e.type ?? null;
    country[i] = e.country ?? null;
    tags[i] = e.tags;
    entityIndex[i] = kept ? kept[i] : i;
  }

  // Requirements grouped by node (model order within a node), by counting sort.
  const D = model.dependencies.length;
  const depNode = new Int32Array(D).fill(-1);
  const reqOffsets = new Int32Array(n + 1);
  let maxP = 0;
  for (let k = 0; k < D; k++) {
    const d = model.dependencies[k];
    const i = index[d.node];
    if (i === undefined || !ok(d.valid)) continue;
    depNode[k] = i;
    reqOffsets[i + 1]++;
    maxP += d.providers.length;
  }
  for (let i = 0; i < n; i++) reqOffsets[i + 1] += reqOffsets[i];
  const R = reqOffsets[n];
  const reqDep = new Int32Array(R);
  {
    const fill = reqOffsets.slice(0, n);
    for (let k = 0; k < D; k++) if (depNode[k] >= 0) reqDep[fill[depNode[k]]++] = k;
  }
  const reqNode = new Int32Array(R);
  const reqId: string[] = new Array<string>(R);
  const reqCriticality = new Float64Array(R);
  const reqBuffer = new Float64Array(R);
  const provOffsets = new Int32Array(R + 1);
  const provNodeA = new Int32Array(maxP);
  const provIndexA = new Int32Array(maxP);
  const provReqA = new Int32Array(maxP);
  const share = new Float64Array(maxP);
  const quality = new Float64Array(maxP);
  const cost = new Float64Array(maxP);
  const lead = new Float64Array(maxP);
  const sampleIndex: SampleSlot[] = [];
  // The label (`owner.field`) is built only for an uncertain quantity: most are points, and at a
  // million nodes the labels of all of them came to millions of strings built for nothing.
  const uncertain = (
    q: Quantity,
    array: SampleArray,
    slot: number,
    owner: string,
    field: string,
    lo: number,
    hi: number,
  ) => {
    if (q.dist !== 'point' && q.min !== q.max)
      sampleIndex.push({ array, slot, label: `${owner}.${field}`, quantity: q, lo, hi });
  };

  let P = 0;
  for (let i = 0; i < n; i++)
    for (let r = reqOffsets[i]; r < reqOffsets[i + 1]; r++) {
      const d = model.dependencies[reqDep[r]];
      reqNode[r] = i;
      reqId[r] = d.id;
      reqCriticality[r] = clamp(d.criticality.nominal, 0, 1);
      reqBuffer[r] = Math.max(0, d.buffer.nominal);
      uncertain(d.criticality, 'reqCriticality', r, d.id, 'criticality', 0, 1);
      uncertain(d.buffer, 'reqBuffer', r, d.id, 'buffer', 0, Infinity);
      provOffsets[r] = P;
      for (let j = 0; j < d.providers.length; j++) {
        const p = d.providers[j];
        const pn = index[p.provider];
        if (pn === undefined || !ok(p.valid)) continue;
        provNodeA[P] = pn;
        provIndexA[P] = j;
        provReqA[P] = r;
        share[P] = clamp(p.share.nominal, 0, 1);
        quality[P] = clamp(p.quality.nominal, 0, 1);
        cost[P] = Math.max(0, p.cost.nominal);
        lead[P] = Math.max(0, p.leadTime.nominal);
        if (
          p.share.dist !== 'point' ||
          p.quality.dist !== 'point' ||
          p.cost.dist !== 'point' ||
          p.leadTime.dist !== 'point'
        ) {
          const base = `${d.id}/${p.provider}`;
          uncertain(p.share, 'provShare', P, base, 'share', 0, 1);
          uncertain(p.quality, 'provQuality', P, base, 'quality', 0, 1);
          uncertain(p.cost, 'provCost', P, base, 'cost', 0, Infinity);
          uncertain(p.leadTime, 'provLeadTime', P, base, 'lead_time', 0, Infinity);
        }
        P++;
      }
    }
  provOffsets[R] = P;
  // Slots were sized for every provider; trimmed only when some were dropped (an as-of date), so a
  // large model is not copied once more (each copy is external memory that can set off a full
  // garbage collection; see typed-arena.ts).
  const trim = <T extends Int32Array | Float64Array>(a: T): T => (P === maxP ? a : (a.slice(0, P) as T));
  const provNode = trim(provNodeA);

  const { usedByOffsets, usedBy } = reverseAdjacency(n, provNode);

  const relFrom: number[] = [];
  const relTo: number[] = [];
  const relType: string[] = [];
  const relId: string[] = [];
  for (const rel of model.relations) {
    const f = index[rel.from];
    const t = index[rel.to];
    if (f === undefined || t === undefined || !ok(rel.valid)) continue;
    relFrom.push(f);
    relTo.push(t);
    relType.push(rel.type);
    relId.push(rel.id);
  }

  const out: CompiledModel = {
    n,
    ids,
    index,
    names,
    kind,
    type,
    country,
    tags,
    entityIndex,
    reqOffsets,
    reqNode,
    reqDep,
    reqId,
    reqCriticality,
    reqBuffer,
    provOffsets,
    provNode,
    provIndex: trim(provIndexA),
    provShare: trim(share),
    provQuality: trim(quality),
    provCost: trim(cost),
    provLeadTime: trim(lead),
    provReq: trim(provReqA),
    usedByOffsets,
    usedBy,
    relFrom: Int32Array.from(relFrom),
    relTo: Int32Array.from(relTo),
    relType,
    relId,
    sampleIndex,
  };
  if (asOf !== undefined) out.asOf = asOf;
  return out;
}

/** Node indices of entities of kind `capability` (the default outputs of a simulation). */
export function capabilityNodes(cm: CompiledModel): number[] {
  const out: number[] = [];
  for (let i = 0; i < cm.n; i++) if (cm.kind[i] === 'capability') out.push(i);
  return out;
}
