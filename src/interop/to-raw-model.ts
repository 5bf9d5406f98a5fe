// Turns a normalised `Model` back into the YAML shape an analyst writes (RawModelFile): quantities
// in the units the author gave, defaults left implicit where the loader fills them in, no
// locations. parseModel(toRawModel(m)) gives back `m` (less the `at` locations): the writers of
// imported models and the CSV/FtM round trips rely on it.
import type {
  RawDependency,
  RawEntity,
  RawModelFile,
  RawProvider,
  RawQuantity,
  RawRelation,
  RawSource,
} from '../model/schema.js';
import type {
  AttributeValue,
  Dependency,
  Entity,
  Evidence,
  Model,
  Provider,
  Quantity,
  Relation,
  Source,
} from '../model/types.js';
import { unitInfo } from '../model/units.js';

/** Rounds away the noise of unit conversion (x·f/f) without touching meaningful digits. */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/** The evidence fields worth writing (empty lists and false flags are the defaults). */
export function rawEvidence(
  e: Evidence,
  parentEstimate = false,
): Partial<Pick<RawEntity, 'cite' | 'confidence' | 'valid' | 'estimate' | 'note'>> {
  const out: Partial<Pick<RawEntity, 'cite' | 'confidence' | 'valid' | 'estimate' | 'note'>> = {};
  if (e.cite.length) out.cite = e.cite.map((c) => ({ ...c }));
  if (e.confidence !== undefined) out.confidence = e.confidence;
  if (e.valid && (e.valid.from !== undefined || e.valid.to !== undefined)) out.valid = { ...e.valid };
  if (e.estimate !== parentEstimate) out.estimate = e.estimate;
  if (e.note !== undefined) out.note = e.note;
  return out;
}

/** A quantity as written: in its given unit, with only the fields its distribution needs. */
export function rawQuantity(q: Quantity, parentEstimate = false): RawQuantity {
  const f = q.givenUnit ? (unitInfo(q.givenUnit)?.factor ?? 1) : 1;
  const u = (v: number) => clean(v / f);
  const out: Exclude<RawQuantity, number> = {};
  switch (q.dist) {
    case 'point':
      out.value = u(q.nominal);
      break;
    case 'range':
    case 'uniform':
      if (q.dist === 'uniform') out.dist = 'uniform';
      out.min = u(q.min);
      out.max = u(q.max);
      if (clean(q.nominal) !== clean((q.min + q.max) / 2)) out.value = u(q.nominal);
      break;
    case 'triangular':
    case 'pert':
      out.dist = q.dist;
      out.min = u(q.min);
      out.mode = u(q.mode ?? q.nominal);
      out.max = u(q.max);
      break;
    case 'lognormal':
      out.dist = 'lognormal';
      out.median = u(q.median ?? q.nominal);
      if (q.sigma !== undefined) out.sigma = q.sigma;
      break;
  }
  if (q.givenUnit !== undefined) out.unit = q.givenUnit;
  Object.assign(out, rawEvidence(q, parentEstimate));
  const keys = Object.keys(out);
  return keys.length === 1 && keys[0] === 'value' ? out.value! : out;
}

function rawAttributes(
  attrs: Record<string, AttributeValue>,
  parentEstimate: boolean,
): Record<string, string | boolean | string[] | RawQuantity> | undefined {
  const entries = Object.entries(attrs);
  if (!entries.length) return undefined;
  const out: Record<string, string | boolean | string[] | RawQuantity> = {};
  for (const [k, v] of entries)
    out[k] =
      typeof v === 'object' && !Array.isArray(v)
        ? rawQuantity(v, parentEstimate)
        : Array.isArray(v)
          ? [...v]
          : v;
  return out;
}

function rawQuantities(
  qs: Record<string, Quantity>,
  parentEstimate: boolean,
): Record<string, RawQuantity> | undefined {
  const entries = Object.entries(qs);
  if (!entries.length) return undefined;
  return Object.fromEntries(entries.map(([k, q]) => [k, rawQuantity(q, parentEstimate)]));
}

/** An entity as written in YAML. */
export function rawEntity(e: Entity): RawEntity {
  const out: RawEntity = { id: e.id, kind: e.kind, name: e.name };
  if (e.type !== undefined) out.type = e.type;
  if (e.aliases.length) out.aliases = [...e.aliases];
  if (e.country !== undefined) out.country = e.country;
  if (e.location) out.location = { ...e.location };
  if (e.tags.length) out.tags = [...e.tags];
  if (e.description !== undefined) out.description = e.description;
  if (e.date !== undefined) out.date = e.date;
  if (e.authority !== undefined) out.authority = e.authority;
  if (e.programme !== undefined) out.programme = e.programme;
  if (e.targets) out.targets = [...e.targets];
  const attributes = rawAttributes(e.attributes, e.estimate);
  if (attributes) out.attributes = attributes;
  const quantities = rawQuantities(e.quantities, e.estimate);
  if (quantities) out.quantities = quantities;
  if (e.flow) {
    const flow: NonNullable<RawEntity['flow']> = {};
    for (const [k, q] of Object.entries(e.flow))
      if (q) flow[k as keyof typeof flow] = rawQuantity(q, e.estimate);
    out.flow = flow;
  }
  return Object.assign(out, rawEvidence(e));
}

/** A relation as written in YAML (always with its id, so references to it stay stable). */
export function rawRelation(r: Relation): RawRelation {
  const out: RawRelation = { id: r.id, type: r.type, from: r.from, to: r.to };
  const attributes = rawAttributes(r.attributes, r.estimate);
  if (attributes) out.attributes = attributes;
  const quantities = rawQuantities(r.quantities, r.estimate);
  if (quantities) out.quantities = quantities;
  return Object.assign(out, rawEvidence(r));
}

/**
 * Whether a defaulted quantity field (share, lead time, criticality…) needs writing: the author
 * wrote it (the loader locates written quantities, not the defaults it fills in), or it differs
 * from the default.
 */
function given(q: Quantity, def: number): boolean {
  return (
    q.at !== undefined ||
    q.dist !== 'point' ||
    q.nominal !== def ||
    q.givenUnit !== undefined ||
    q.cite.length > 0 ||
    q.confidence !== undefined ||
    q.valid !== undefined ||
    q.note !== undefined
  );
}

function rawProvider(p: Provider, parentEstimate: boolean): RawProvider {
  const out: RawProvider = { provider: p.provider };
  if (given(p.share, 1)) out.share = rawQuantity(p.share, p.estimate);
  if (given(p.quality, 1)) out.quality = rawQuantity(p.quality, p.estimate);
  if (given(p.cost, 1)) out.cost = rawQuantity(p.cost, p.estimate);
  if (given(p.leadTime, 0)) out.lead_time = rawQuantity(p.leadTime, p.estimate);
  if (p.capacity) out.capacity = rawQuantity(p.capacity, p.estimate);
  return Object.assign(out, rawEvidence(p, parentEstimate));
}

/** A dependency as written in YAML. */
export function rawDependency(d: Dependency): RawDependency {
  const out: RawDependency = {
    id: d.id,
    node: d.node,
    input: d.input,
    providers: d.providers.map((p) => rawProvider(p, d.estimate)),
  };
  if (given(d.criticality, 1)) out.criticality = rawQuantity(d.criticality, d.estimate);
  if (given(d.buffer, 0)) out.buffer = rawQuantity(d.buffer, d.estimate);
  if (d.bom) out.bom = rawQuantity(d.bom, d.estimate);
  return Object.assign(out, rawEvidence(d));
}

/** A source as written in YAML. */
export function rawSource(s: Source): RawSource {
  const { at: _at, ...rest } = s;
  void _at;
  return { ...rest };
}

/** The whole model as one YAML model file. */
export function toRawModel(model: Model): RawModelFile {
  return {
    model: { ...model.meta },
    sources: model.sources.map(rawSource),
    entities: model.entities.map(rawEntity),
    relations: model.relations.map(rawRelation),
    dependencies: model.dependencies.map(rawDependency),
  };
}
