// The model format: the shape of the YAML an analyst writes, as zod schemas. The JSON Schema in
// docs/schema/ is generated from these, so editors and the loader check the same thing.
import { z } from 'zod';

/** Identifiers: lower-case, digits, dashes, dots and underscores; stable across versions. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'an id of lower-case letters, digits, ".", "_" or "-" (e.g. "mzkt")')
  .meta({ id: 'Id' });

const DATE_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** True when a `YYYY-MM-DD` date names a real calendar day (no 2023-02-30). */
function isCalendarDay(d: string): boolean {
  const [y, m, day] = d.split('-').map(Number);
  if (m === undefined || day === undefined) return true;
  return day <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A date that may be partial: `2021`, `2021-11` or `2021-11-03` (a bare year may be a number). */
export const PartialDate = z
  .union([
    z.string().regex(DATE_RE, 'a date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2021-11)'),
    z.number().int().min(1000, 'a four-digit year').max(9999, 'a four-digit year'),
  ])
  .transform((v) => String(v))
  .refine(isCalendarDay, 'a real calendar day (this month has fewer days)')
  .meta({ id: 'PartialDate', description: 'A date, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD' });

/** Confidence: a plain grade, or the NATO Admiralty code (source reliability A–F, credibility 1–6). */
export const Confidence = z
  .union([
    z.enum(['low', 'moderate', 'high']),
    z.string().regex(/^[A-F][1-6]$/, 'low, moderate, high or an Admiralty code such as B2'),
  ])
  .meta({ id: 'Confidence' });

/** Where a fact comes from: a source, its section (heading) and paragraph number within it. */
export const Citation = z
  .strictObject({
    source: Id,
    section: z.string().min(1),
    paragraph: z.number().int().min(1),
    /** Last paragraph of a span, when the claim runs over several. */
    to: z.number().int().min(1).optional(),
    /** What the cited passage supports, in the analyst's own words (never a copied sentence). */
    note: z.string().optional(),
  })
  .meta({ id: 'Citation' });

export const Valid = z
  .strictObject({ from: PartialDate.optional(), to: PartialDate.optional() })
  .meta({ id: 'Valid' });

/** Fields every element (entity, relation, dependency, provider, quantity) may carry. */
export const evidenceFields = {
  cite: z
    .array(Citation)
    .optional()
    .describe('Citations: source id, section slug and paragraph number (paraphrase, never copy)'),
  confidence: Confidence.optional().describe('low, moderate, high, or an Admiralty code such as B2'),
  valid: Valid.optional().describe('When this held: { from, to }, partial dates allowed'),
  /** True when no source states this: an analyst's estimate. */
  estimate: z.boolean().optional().describe("True when no source states this: the analyst's own estimate"),
  note: z.string().optional().describe("The analyst's remark or reasoning"),
};

export const DISTRIBUTIONS = ['point', 'range', 'uniform', 'triangular', 'pert', 'lognormal'] as const;

/**
 * A quantity: a bare number, or an object with a point `value`, a `min`/`max` range, or a
 * distribution (uniform, triangular and PERT take min/mode/max; lognormal takes median and sigma
 * of the log), with its unit and its own evidence.
 */
export const QuantityObject = z.strictObject({
  value: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  mode: z.number().optional(),
  median: z.number().optional(),
  sigma: z.number().optional(),
  dist: z.enum(DISTRIBUTIONS).optional(),
  unit: z.string().optional(),
  ...evidenceFields,
});
export const Quantity = z.union([z.number(), QuantityObject]).meta({
  id: 'Quantity',
  description:
    'A number, or { value | min, max | dist: uniform|triangular|pert|lognormal …, unit } with evidence',
});

export const Location = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

export const ENTITY_KINDS = [
  'state',
  'organisation',
  'company',
  'facility',
  'network',
  'unit',
  'person',
  'product',
  'service',
  'capability',
  'agreement',
  'event',
  'sanction',
] as const;

export const RELATION_TYPES = [
  'operates',
  'owns',
  'located-in',
  'member-of',
  'party-to',
  'trained-at',
  'commands',
  'leases',
  'hosts',
  'sanctioned-by',
  'supplies',
  'repairs',
  'trains',
  'transports',
  'friction-with',
  'allied-with',
  'part-of',
  'produces',
  'exports-to',
  'funds',
  'signed',
  'participates-in',
  'affects',
  'uses',
  'subordinate-to',
  'connects',
  'stationed-in',
  'head-of',
  'successor-of',
  'imports-from',
  'related-to',
] as const;

/** Attribute values: plain scalars, lists of strings, or quantities. */
export const AttributeValue = z.union([z.string(), z.boolean(), z.array(z.string()), Quantity]);

export const Source = z.strictObject({
  id: Id,
  title: z.string().min(1),
  author: z.union([z.string(), z.array(z.string())]).optional(),
  publisher: z.string().optional(),
  date: PartialDate.optional(),
  url: z.string().optional(),
  /** Path of a local copy, relative to the model folder, for ingestion. */
  file: z.string().optional(),
  kind: z.string().optional(),
  note: z.string().optional(),
});

export const Entity = z.strictObject({
  id: Id,
  kind: z.enum(ENTITY_KINDS),
  /** A finer kind: alliance, ministry, plant, airfield, rail, air-defence, exercise… */
  type: z.string().optional().describe('A finer kind, in kebab case: ministry, plant, airfield, exercise…'),
  name: z.string().min(1),
  aliases: z.array(z.string()).optional().describe('Spelling and transliteration variants of the name'),
  /** ISO 3166-1 alpha-2 code of the country it belongs to. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as BY or RU')
    .optional(),
  location: Location.optional(),
  tags: z.array(z.string()).optional(),
  description: z.string().optional(),
  /** For events: when it happened (also its valid.from when that is absent). */
  date: PartialDate.optional(),
  /** For sanctions: who imposed it, under which programme, on whom. */
  authority: z.string().optional(),
  programme: z.string().optional(),
  targets: z.array(Id).optional(),
  attributes: z.record(z.string(), AttributeValue).optional(),
  /** Named figures (troops, revenue, track upgraded…) with units and uncertainty. */
  quantities: z.record(z.string(), Quantity).optional(),
  /** Flow data for optimisation: capacity and demand per day, value weight, inventory on hand. */
  flow: z
    .strictObject({
      capacity: Quantity.optional(),
      demand: Quantity.optional(),
      weight: Quantity.optional(),
      inventory: Quantity.optional(),
    })
    .optional(),
  ...evidenceFields,
});

export const Relation = z.strictObject({
  id: Id.optional(),
  type: z.enum(RELATION_TYPES),
  from: Id,
  to: Id,
  attributes: z.record(z.string(), AttributeValue).optional(),
  quantities: z.record(z.string(), Quantity).optional(),
  ...evidenceFields,
});

export const Provider = z.strictObject({
  provider: Id,
  /** Share of the need this provider can cover, 0..1. */
  share: Quantity.optional().describe('Share of the need this provider can cover, 0..1 (default 1)'),
  /** Effectiveness of what it provides relative to the incumbent, 0..1. */
  quality: Quantity.optional().describe('Effectiveness relative to the incumbent, 0..1 (default 1)'),
  /** Cost relative to the incumbent (1 = same). */
  cost: Quantity.optional().describe('Cost factor relative to the incumbent (default 1 = same)'),
  /** Time to switch to this provider once needed (0 = in use now). */
  lead_time: Quantity.optional().describe(
    'Time to switch to this provider once needed (default 0 days = in use now)',
  ),
  /** Shared capacity this provider can give all its dependants, in the need's units per day (LP). */
  capacity: Quantity.optional(),
  ...evidenceFields,
});

export const Dependency = z.strictObject({
  id: Id,
  /** The node that needs the input. */
  node: Id.describe('Entity id of the node that needs the input'),
  /** What is needed, in words: "heavy wheeled chassis", "rail transit to the front". */
  input: z.string().min(1),
  /** How much losing this input limits the node: 1 = it stops, lower = it degrades. */
  criticality: Quantity.optional().describe(
    'How much losing the input limits the node, 0..1 (default 1 = it stops)',
  ),
  /** Stock or slack that covers a shortfall for a while (a time quantity). */
  buffer: Quantity.optional().describe('Stock or slack covering a total shortfall, a time (default 0 days)'),
  /** Units of input per unit of the node's output (bill of materials, for optimisation). */
  bom: Quantity.optional(),
  providers: z.array(Provider).min(1).describe('Alternative providers of the input (at least one)'),
  ...evidenceFields,
});

export const ModelMeta = z.strictObject({
  id: Id,
  title: z.string(),
  version: z.string().optional(),
  description: z.string().optional(),
  /** Default actor whose capabilities are analysed, and the one whose nodes exposure measures. */
  focus: z.strictObject({ actor: z.string().optional(), on: z.string().optional() }).optional(),
  /** Default as-of date for analyses. */
  as_of: PartialDate.optional(),
});

/** One YAML file of a model: any mix of these sections. */
export const ModelFile = z.strictObject({
  model: ModelMeta.optional(),
  sources: z.array(Source).optional(),
  entities: z.array(Entity).optional(),
  relations: z.array(Relation).optional(),
  dependencies: z.array(Dependency).optional(),
});

export type RawQuantity = z.infer<typeof Quantity>;
export type RawEntity = z.infer<typeof Entity>;
export type RawRelation = z.infer<typeof Relation>;
export type RawDependency = z.infer<typeof Dependency>;
export type RawProvider = z.infer<typeof Provider>;
export type RawSource = z.infer<typeof Source>;
export type RawModelFile = z.infer<typeof ModelFile>;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export type RelationType = (typeof RELATION_TYPES)[number];
export type CitationT = z.infer<typeof Citation>;
export type ValidT = z.infer<typeof Valid>;
export type ConfidenceT = z.infer<typeof Confidence>;
