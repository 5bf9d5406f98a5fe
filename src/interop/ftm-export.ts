// Writes a model as newline-delimited FollowTheMoney entities: sources as Document records,
// entities as the FtM schema of their kind (or the `ftm_schema` they were imported with), relations
// as FtM edge entities whose source/target properties come from the schema's `edge` spec (falling
// back to UnknownLink when the endpoints do not fit the edge's ranges), and sanctions as Sanction
// records whose `entity` is their target. What FtM cannot hold (kinds, citations, confidence,
// quantities, dependencies) rides in a `tyl` block that FtM tools ignore and `tyl import ftm` reads.
import type { Schema } from '@opensanctions/followthemoney';
import type { Entity, Model, Relation, Source } from '../model/types.js';
import {
  KIND_SCHEMA,
  TYPE_EDGE,
  badFtmDate,
  edgeRule,
  ftmCountries,
  ftmProperties,
  ftmSchema,
  slugId,
  type TylBlock,
} from './ftm-mapping.js';
import { rawDependency, rawEntity, rawEvidence, rawRelation, rawSource } from './to-raw-model.js';

export interface FtmExportOptions {
  /** Prefix of the FtM ids of sources (Document records); FtM ids share one namespace. */
  sourcePrefix?: string;
}

const DEFAULTS: Required<FtmExportOptions> = { sourcePrefix: 'tyl-source-' };

/** One FtM record as written (a line of the output). */
export interface FtmOut {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets?: string[];
  first_seen?: string;
  last_seen?: string;
  last_change?: string;
  referents?: string[];
  target?: boolean;
  tyl: TylBlock;
}

const PROVENANCE = ['datasets', 'first_seen', 'last_seen', 'last_change', 'referents', 'target'] as const;
/** Properties the importer reads as entity fields, never as attributes. */
const FIELD_PROPS = new Set([
  'name',
  'alias',
  'weakAlias',
  'previousName',
  'description',
  'proof',
  'country',
  'authority',
  'program',
  'entity',
  'startDate',
  'endDate',
]);

/** OpenSanctions' top-level keys, from the attributes an import kept them in. */
function putProvenance(rec: FtmOut, attrs: Record<string, unknown>): void {
  for (const k of ['datasets', 'referents'] as const)
    if (Array.isArray(attrs[k])) rec[k] = [...(attrs[k] as string[])];
  for (const k of ['first_seen', 'last_seen', 'last_change'] as const)
    if (typeof attrs[k] === 'string') rec[k] = attrs[k] as string;
  if (typeof attrs.target === 'boolean') rec.target = attrs.target;
}

function usableSchema(name: unknown): Schema | undefined {
  if (typeof name !== 'string') return undefined;
  const s = ftmSchema(name);
  return s && !s.abstract && !s.isEdge ? s : undefined;
}

/** The FtM id of an entity: the id it was imported with, or its tyl id. */
function ftmIdOf(e: Entity): string {
  return typeof e.attributes.ftm_id === 'string' ? e.attributes.ftm_id : e.id;
}

/** A string attribute value FtM would accept for property `k` of `schema`. */
function fitsProperty(schema: Schema, k: string, values: string[]): boolean {
  const prop = ftmProperties(schema).get(k);
  if (!prop || FIELD_PROPS.has(k) || prop.type.name === 'entity') return false;
  if (prop.type.name === 'date') return values.every((v) => !badFtmDate(v));
  if (prop.type.name === 'country') return values.every((v) => ftmCountries().has(v.toLowerCase()));
  return true;
}

/**
 * The model as FtM records, in order: Documents, entities (with their dependencies in the `tyl`
 * block of the node), relations.
 */
export function ftmRecords(model: Model, options: FtmExportOptions = {}): FtmOut[] {
  const { sourcePrefix } = { ...DEFAULTS, ...options };
  const out: FtmOut[] = [];
  const docId = (s: string) => sourcePrefix + s;
  const byId = new Map(model.entities.map((e) => [e.id, e]));
  const schemaOf = new Map<string, Schema>();
  const countries = ftmCountries();
  const proof = (cite: { source: string }[]) => [...new Set(cite.map((c) => docId(c.source)))];

  for (const s of model.sources) out.push(documentRecord(s, docId(s.id)));

  const depsByNode = new Map<string, Model['dependencies']>();
  for (const d of model.dependencies) depsByNode.set(d.node, [...(depsByNode.get(d.node) ?? []), d]);

  for (const e of model.entities) {
    const schema = usableSchema(e.attributes.ftm_schema) ?? ftmSchema(KIND_SCHEMA[e.kind])!;
    schemaOf.set(e.id, schema);
    const has = (p: string) => ftmProperties(schema).has(p);
    const raw = rawEntity(e);
    const props: Record<string, string[]> = {};
    const tyl: TylBlock = { kind: e.kind };
    if (e.type !== undefined) tyl.type = e.type;
    const ftmId = ftmIdOf(e);
    if (has('name')) props.name = [e.name];
    else tyl.name = e.name;
    if (e.aliases.length) {
      if (has('alias')) props.alias = [...e.aliases];
      else tyl.aliases = [...e.aliases];
    }
    if (e.country && has('country') && countries.has(e.country.toLowerCase()))
      props.country = [e.country.toLowerCase()];
    else if (e.country) tyl.country = e.country;
    if (e.description !== undefined) {
      if (has('description')) props.description = [e.description];
      else tyl.description = e.description;
    }
    if (e.kind === 'sanction' && schema.name === 'Sanction') {
      if (e.authority) props.authority = [e.authority];
      if (e.programme) props.program = [e.programme];
      if (e.targets?.length) props.entity = e.targets.map((t) => (byId.has(t) ? ftmIdOf(byId.get(t)!) : t));
      if (e.valid?.from) props.startDate = [e.valid.from];
      if (e.valid?.to) props.endDate = [e.valid.to];
    } else {
      for (const k of ['authority', 'programme'] as const) if (e[k] !== undefined) tyl[k] = e[k];
      if (e.targets) tyl.targets = [...e.targets];
    }
    if (e.cite.length && has('proof')) props.proof = proof(e.cite);
    for (const k of ['location', 'tags', 'date', 'quantities', 'flow', 'attributes'] as const)
      if (raw[k] !== undefined) tyl[k] = raw[k];
    Object.assign(tyl, rawEvidence(e));
    for (const [k, v] of Object.entries(e.attributes)) {
      const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
      if (values && !(PROVENANCE as readonly string[]).includes(k) && fitsProperty(schema, k, values))
        props[k] = [...values];
    }
    if (slugId(ftmId) !== e.id) tyl.id = e.id;
    const deps = depsByNode.get(e.id);
    if (deps) tyl.dependencies = deps.map(rawDependency);
    const rec: FtmOut = { id: ftmId, schema: schema.name, properties: props, tyl };
    putProvenance(rec, e.attributes);
    out.push(rec);
  }

  for (const r of model.relations) out.push(relationRecord(r, byId, schemaOf, proof));
  return out;
}

function documentRecord(s: Source, id: string): FtmOut {
  const props: Record<string, string[]> = { title: [s.title] };
  if (s.author) props.author = Array.isArray(s.author) ? [...s.author] : [s.author];
  if (s.publisher) props.publisher = [s.publisher];
  if (s.date) props.publishedAt = [s.date];
  if (s.url) props.sourceUrl = [s.url];
  return { id, schema: 'Document', properties: props, tyl: { ...rawSource(s) } };
}

function relationRecord(
  r: Relation,
  byId: Map<string, Entity>,
  schemaOf: Map<string, Schema>,
  proof: (cite: { source: string }[]) => string[],
): FtmOut {
  const fromSchema = schemaOf.get(r.from);
  const toSchema = schemaOf.get(r.to);
  // The FtM edge for the type, if both ends fit the ranges of its source and target properties.
  // The edge schema it was imported as, if that still means its type; else the type's own.
  const imported =
    typeof r.attributes.ftm_schema === 'string' ? edgeRule(r.attributes.ftm_schema) : undefined;
  let name = imported?.type === r.type ? imported.schema : (TYPE_EDGE[r.type] ?? 'UnknownLink');
  const fits = (edgeName: string) => {
    const schema = ftmSchema(edgeName)!;
    const rule = edgeRule(edgeName);
    const [s, t] = rule?.from === 'target' ? [toSchema, fromSchema] : [fromSchema, toSchema];
    const props = ftmProperties(schema);
    return (
      !!s &&
      !!t &&
      s.isA(props.get(schema.edge!.source)!.getRange()) &&
      t.isA(props.get(schema.edge!.target)!.getRange())
    );
  };
  if (!fits(name)) name = TYPE_EDGE[r.type] && fits(TYPE_EDGE[r.type]!) ? TYPE_EDGE[r.type]! : 'UnknownLink';
  const schema = ftmSchema(name)!;
  const rule = edgeRule(name);
  const edge = schema.edge!;
  const idOf = (id: string) => {
    const e = byId.get(id);
    return e && typeof e.attributes.ftm_id === 'string' ? e.attributes.ftm_id : id;
  };
  const [source, target] = rule?.from === 'target' ? [r.to, r.from] : [r.from, r.to];
  const props: Record<string, string[]> = { [edge.source]: [idOf(source)], [edge.target]: [idOf(target)] };
  if (r.valid?.from) props.startDate = [r.valid.from];
  if (r.valid?.to) props.endDate = [r.valid.to];
  if (name === 'UnknownLink' && r.type !== 'related-to') props.role = [r.type];
  if (r.cite.length) props.proof = proof(r.cite);
  for (const [k, v] of Object.entries(r.attributes)) {
    const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    if (
      values &&
      k !== edge.source &&
      k !== edge.target &&
      !(PROVENANCE as readonly string[]).includes(k) &&
      fitsProperty(schema, k, values)
    )
      props[k] = [...values];
  }
  const ftmId = typeof r.attributes.ftm_id === 'string' ? r.attributes.ftm_id : r.id;
  const raw = rawRelation(r);
  const tyl: TylBlock = { type: r.type };
  if (slugId(ftmId) !== r.id) tyl.id = r.id;
  for (const k of ['quantities', 'attributes'] as const) if (raw[k] !== undefined) tyl[k] = raw[k];
  const ev = rawEvidence(r);
  delete ev.valid;
  Object.assign(tyl, ev);
  const rec: FtmOut = { id: ftmId, schema: name, properties: props, tyl };
  putProvenance(rec, r.attributes);
  return rec;
}

/**
 * The model as newline-delimited FtM JSON (one record per line), the layout `tyl import ftm` and
 * OpenSanctions' `entities.ftm.json` share.
 * @example writeFileSync('model.ftm.json', exportFtm(model));
 */
export function exportFtm(model: Model, options: FtmExportOptions = {}): string {
  return ftmRecords(model, options)
    .map((r) => JSON.stringify(r))
    .join('\n')
    .concat(model.entities.length + model.sources.length + model.relations.length ? '\n' : '');
}
