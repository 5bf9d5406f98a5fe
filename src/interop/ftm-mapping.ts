// The correspondence between FollowTheMoney (the data model of OpenSanctions and Aleph,
// https://followthemoney.tech) and tyl's kinds and relation types. Schema names, inheritance,
// edge specs (which property holds the source and which the target), temporal extents and property
// types all come from the maintained package @opensanctions/followthemoney; this file only says
// which tyl kind or relation type each FtM schema family means, and which end of an FtM edge is the
// tyl relation's `from`.
import { Model as FtmModel, defaultModel } from '@opensanctions/followthemoney';
import type { Property, Schema } from '@opensanctions/followthemoney';
import type { EntityKind, RelationType } from '../model/schema.js';

let model: FtmModel | undefined;

/** The FtM model of the installed package (built once). */
export function ftmModel(): FtmModel {
  return (model ??= new FtmModel(defaultModel));
}

const propCache = new Map<string, Map<string, Property>>();

/**
 * A schema's properties, own and inherited, by name. The package rebuilds this map on every
 * `getProperty`, which is too slow for a million-line import, so it is cached per schema.
 */
export function ftmProperties(schema: Schema): Map<string, Property> {
  let props = propCache.get(schema.name);
  if (!props) propCache.set(schema.name, (props = schema.getProperties()));
  return props;
}

/** The schema named `name`, or undefined when the package knows no such schema. */
export function ftmSchema(name: string): Schema | undefined {
  return ftmModel().schemata[name];
}

export interface KindRule {
  /** FtM schema; a rule matches that schema and every schema that extends it. */
  schema: string;
  kind: EntityKind;
  /** tyl's finer `type`, when the kind alone loses what the schema said. */
  type?: string;
}

/** FtM node schemata to tyl kinds, most specific first (the first rule whose schema `isA` wins). */
export const KIND_RULES: readonly KindRule[] = [
  { schema: 'Person', kind: 'person' },
  { schema: 'PublicBody', kind: 'organisation', type: 'public-body' },
  { schema: 'Company', kind: 'company' },
  { schema: 'Organization', kind: 'organisation' },
  { schema: 'LegalEntity', kind: 'organisation', type: 'legal-entity' },
  { schema: 'Vessel', kind: 'product', type: 'vessel' },
  { schema: 'Airplane', kind: 'product', type: 'airplane' },
  { schema: 'Vehicle', kind: 'product', type: 'vehicle' },
  { schema: 'Sanction', kind: 'sanction' },
  { schema: 'Position', kind: 'organisation', type: 'position' },
  { schema: 'CourtCase', kind: 'event', type: 'court-case' },
  { schema: 'Project', kind: 'event', type: 'project' },
  { schema: 'Event', kind: 'event' },
  { schema: 'Contract', kind: 'agreement' },
  { schema: 'RealEstate', kind: 'facility' },
  { schema: 'Security', kind: 'product', type: 'security' },
  { schema: 'Asset', kind: 'product', type: 'asset' },
];

export interface EdgeRule {
  /** FtM edge schema (an `Interest`/`Interval` with an `edge` spec). */
  schema: string;
  type: RelationType;
  /** Which end of the FtM edge spec becomes the tyl relation's `from` (default: the edge's source). */
  from?: 'source' | 'target';
}

/** FtM edge schemata to tyl relation types. Direction comes from each schema's `edge` spec. */
export const EDGE_RULES: readonly EdgeRule[] = [
  { schema: 'Ownership', type: 'owns' },
  { schema: 'Directorship', type: 'head-of' },
  { schema: 'Membership', type: 'member-of' },
  { schema: 'Employment', type: 'member-of' },
  { schema: 'Occupancy', type: 'member-of' },
  { schema: 'Family', type: 'related-to' },
  { schema: 'Associate', type: 'related-to' },
  { schema: 'Representation', type: 'related-to' },
  { schema: 'UnknownLink', type: 'related-to' },
  // "predecessor preceeds successor": tyl says the successor is successor-of the predecessor.
  { schema: 'Succession', type: 'successor-of', from: 'target' },
  // "debtor owes creditor": the creditor funds the debtor.
  { schema: 'Debt', type: 'funds', from: 'target' },
  { schema: 'Payment', type: 'funds' },
  // "contract awarded to supplier": the supplier is party to the contract.
  { schema: 'ContractAward', type: 'party-to', from: 'target' },
  { schema: 'CourtCaseParty', type: 'participates-in' },
  { schema: 'ProjectParticipant', type: 'participates-in' },
];

/** FtM schemata read as tyl sources (documents), not entities. */
export const SOURCE_SCHEMA = 'Document';

export type SchemaMapping =
  | { as: 'entity'; rule: KindRule }
  | { as: 'relation'; rule: EdgeRule }
  | { as: 'source' }
  | { as: 'skip'; reason: string };

const mappingCache = new Map<string, SchemaMapping>();

/** What an FtM schema becomes in tyl. */
export function mapSchema(schema: Schema): SchemaMapping {
  let m = mappingCache.get(schema.name);
  if (m) return m;
  if (schema.isEdge) {
    const rule = EDGE_RULES.find((r) => r.schema === schema.name);
    m = rule
      ? { as: 'relation', rule }
      : { as: 'skip', reason: `no tyl relation type for the FtM edge schema ${schema.name}` };
  } else if (schema.isA(SOURCE_SCHEMA)) m = { as: 'source' };
  else {
    const rule = KIND_RULES.find((r) => schema.isA(r.schema));
    m = rule
      ? { as: 'entity', rule }
      : { as: 'skip', reason: `no tyl kind for the FtM schema ${schema.name}` };
  }
  mappingCache.set(schema.name, m);
  return m;
}

/** The FtM schema a tyl kind is written as (when the entity carries no `ftm_schema` attribute). */
export const KIND_SCHEMA: Record<EntityKind, string> = {
  state: 'PublicBody',
  organisation: 'Organization',
  company: 'Company',
  facility: 'RealEstate',
  network: 'Asset',
  unit: 'Organization',
  person: 'Person',
  product: 'Asset',
  service: 'Asset',
  capability: 'Asset',
  agreement: 'Contract',
  event: 'Event',
  sanction: 'Sanction',
};

/** The FtM edge schema each tyl relation type is written as; other types become UnknownLink. */
export const TYPE_EDGE: Partial<Record<RelationType, string>> = {
  owns: 'Ownership',
  'head-of': 'Directorship',
  'member-of': 'Membership',
  'successor-of': 'Succession',
  funds: 'Payment',
  'party-to': 'ContractAward',
  'participates-in': 'ProjectParticipant',
  'related-to': 'UnknownLink',
};

/** The edge rule (schema and direction) of an FtM edge schema name. */
export function edgeRule(schema: string): EdgeRule | undefined {
  return EDGE_RULES.find((r) => r.schema === schema);
}

/**
 * What tyl adds to an FtM record it writes, under the extra top-level key `tyl` (FtM readers ignore
 * keys they do not know, as they do OpenSanctions' `datasets` or `first_seen`): the fields FtM has
 * no property for (kind, citations, confidence, estimates, quantities, dependencies…). A record
 * with a `tyl` block is read back exactly; a record without one is mapped by the rules above.
 */
export interface TylBlock {
  [field: string]: unknown;
}

/** FtM date values: ISO 8601 prefixes, `2021` to `2021-02-16T21:48:52` (UTC, no zone). */
export const FTM_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?)?)?Z?$/;

/** Why `value` is not a valid FtM date, or undefined when it is one (checks the calendar too). */
export function badFtmDate(value: string): string | undefined {
  const m = FTM_DATE.exec(value);
  if (!m) return 'not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)';
  const [, y, mo, d, h, mi, s] = m;
  if (mo !== undefined && (+mo < 1 || +mo > 12)) return `month ${mo} does not exist`;
  if (d !== undefined) {
    const days = new Date(Date.UTC(+y, +mo, 0)).getUTCDate();
    if (+d < 1 || +d > days) return `day ${d} does not exist in ${y}-${mo}`;
  }
  if (h !== undefined && +h > 23) return `hour ${h} does not exist`;
  if (mi !== undefined && +mi > 59) return `minute ${mi} does not exist`;
  if (s !== undefined && +s > 59) return `second ${s} does not exist`;
  return undefined;
}

/** The tyl partial date (YYYY, YYYY-MM or YYYY-MM-DD) of a valid FtM date. */
export function partialDate(ftmDate: string): string {
  return ftmDate.slice(0, 10);
}

/** FtM country codes the package knows (lower-case ISO 3166-1 alpha-2 plus FtM's own, e.g. `eu`, `suhh`). */
export function ftmCountries(): Map<string, string> {
  return ftmModel().types.country.values;
}

/** A tyl id for an FtM id: lower-cased, with characters outside [a-z0-9._-] replaced by `-`. */
export function slugId(ftmId: string): string {
  let s = ftmId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  if (!/^[a-z0-9]/.test(s)) s = 'x' + s;
  return s;
}
