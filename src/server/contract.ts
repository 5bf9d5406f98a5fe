// The workbench API contract: one table of routes, each with zod schemas for its path parameters,
// query, body and response. The server validates requests against it, /api/openapi.json is
// generated from it, and the web client imports its types — one contract, so they cannot drift.
import { z } from 'zod';
import type { Citation, Dependency, Entity, Relation, Source } from '../model/types.js';

/** Export formats the API offers: the keys of the CLI's EXPORTERS registry (src/cli/exporters.ts). */
export const EXPORT_FORMATS = [
  'json',
  'gexf',
  'graphml',
  'ftm',
  'csv-entities',
  'csv-relations',
  'csv-dependencies',
  'csv-sources',
] as const;

const DateStr = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');
const IdStr = z.string().min(1).max(200);
const Int = (min: number, max: number, dflt: number) =>
  z.coerce.number().int().min(min).max(max).default(dflt);

/** A JSON error body: every non-2xx answer of the API has this shape. */
export const ApiError = z.object({
  code: z.string().describe('stable machine-readable code, e.g. not-found, invalid-request'),
  message: z.string().describe('what went wrong, starting with where (e.g. `query.asOf: ...`)'),
});
export type ApiError = z.infer<typeof ApiError>;

const ValidS = z.object({ from: z.string().optional(), to: z.string().optional() });
const CitationS = z.custom<Citation>();

/** The light form of an entity that lists, the graph and the map use. */
export const EntitySummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  type: z.string().optional(),
  country: z.string().optional(),
  tags: z.array(z.string()),
  valid: ValidS.optional(),
  date: z.string().optional(),
  location: z.object({ lat: z.number(), lon: z.number() }).optional(),
  cites: z.number().int().describe('number of citations on the entity'),
  estimate: z.boolean(),
});
export type EntitySummary = z.infer<typeof EntitySummary>;

/** A graph edge: a relation, or a provider link of a dependency (from provider to dependent node). */
export const GraphEdge = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  type: z.string().describe('relation type, or `provides` for a dependency provider link'),
  layer: z.enum(['relation', 'dependency']),
  valid: ValidS.optional(),
  /** For provider links: the dependency id, its criticality, the share and lead time (days). */
  dependency: z.string().optional(),
  criticality: z.number().optional(),
  share: z.number().optional(),
  leadTime: z.number().optional(),
});
export type GraphEdge = z.infer<typeof GraphEdge>;

export const ModelInfo = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  version: z.string().optional(),
  focus: z.object({ actor: z.string().optional(), on: z.string().optional() }).optional(),
  asOf: z.string().optional(),
  counts: z.object({
    entities: z.number(),
    relations: z.number(),
    dependencies: z.number(),
    sources: z.number(),
    citations: z.number(),
  }),
  kinds: z.array(z.string()),
  countries: z.array(z.string()),
  tags: z.array(z.string()),
  relationTypes: z.array(z.string()),
  /** First and last year any element is valid or dated in (for the as-of slider). */
  years: z.object({ from: z.number(), to: z.number() }),
  /** Years the as-of slider replays by default: the decade up to the model's as-of date (within `years`). */
  replay: z.object({ from: z.number(), to: z.number() }),
  sources: z.array(z.custom<Source>()),
  /** Which optional services this server has (engine analyses, evidence workspace, stored runs). */
  capabilities: z.object({
    structure: z.boolean(),
    simulate: z.boolean(),
    workspace: z.boolean(),
    optimise: z.boolean(),
  }),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const EntityList = z.object({ total: z.number().int(), items: z.array(EntitySummary) });
export type EntityList = z.infer<typeof EntityList>;

export const EntityDetail = z.object({
  entity: z.custom<Entity>(),
  relations: z.array(z.custom<Relation>()),
  /** Dependencies of this entity (what it needs). */
  needs: z.array(z.custom<Dependency>()),
  /** Dependencies this entity provides for (who needs it). */
  providesFor: z.array(z.custom<Dependency>()),
  /** Names of every entity referenced above, for display. */
  names: z.record(z.string(), z.string()),
});
export type EntityDetail = z.infer<typeof EntityDetail>;

export const RelationList = z.object({ total: z.number().int(), items: z.array(z.custom<Relation>()) });
export type RelationList = z.infer<typeof RelationList>;

export const GraphData = z.object({
  asOf: z.string().optional(),
  /** Nodes with their layout position (seeded, the same for every as-of date). */
  nodes: z.array(EntitySummary.extend({ x: z.number(), y: z.number() })),
  edges: z.array(GraphEdge),
});
export type GraphData = z.infer<typeof GraphData>;

export const TimelineData = z.object({
  events: z.array(EntitySummary),
  spans: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      layer: z.enum(['relation', 'dependency', 'entity']),
      entity: z.string().describe('the entity a click opens'),
      from: z.string().optional(),
      to: z.string().optional(),
    }),
  ),
  /** Dates where the most elements start or stop being valid, or events happen: the turning points. */
  turningPoints: z.array(z.object({ date: z.string(), changes: z.number(), events: z.array(z.string()) })),
});
export type TimelineData = z.infer<typeof TimelineData>;

/** A paragraph of a source, with the spans where model entities are mentioned. */
export const ParagraphView = z.object({
  source: z.string(),
  section: z.string(),
  heading: z.string(),
  paragraph: z.number().int(),
  text: z.string(),
  mentions: z.array(z.object({ start: z.number(), end: z.number(), entity: z.string() })),
});
export type ParagraphView = z.infer<typeof ParagraphView>;

export const EvidenceData = z.object({
  element: z.object({
    id: z.string(),
    layer: z.enum(['entity', 'relation', 'dependency']),
    label: z.string(),
  }),
  citations: z.array(
    z.object({
      /** Where in the element the citation sits: `` (the element), `providers[0]`, `quantities.troops`… */
      on: z.string(),
      cite: CitationS,
      /** The cited paragraph(s), when the source is available; null when it cannot be resolved. */
      paragraphs: z.array(ParagraphView).nullable(),
    }),
  ),
});
export type EvidenceData = z.infer<typeof EvidenceData>;

export const DocumentData = z.object({
  source: z.custom<Source>(),
  sections: z.array(z.object({ slug: z.string(), heading: z.string() })),
  paragraphs: z.array(ParagraphView),
});
export type DocumentData = z.infer<typeof DocumentData>;

export const SearchResult = z.object({
  entities: z.array(EntitySummary),
  paragraphs: z.array(ParagraphView.extend({ score: z.number() })),
});
export type SearchResult = z.infer<typeof SearchResult>;

/** Structural analysis of one capability (or all): exposure, single points of failure, cut sets. */
export const StructureRow = z.object({
  target: z.string(),
  targetName: z.string(),
  /** Share of the requirement resting on the focus actor/country's nodes (0..1), when computed. */
  exposure: z.number().nullable(),
  spofs: z.array(z.object({ node: z.string(), name: z.string(), path: z.array(z.string()) })),
  cutSets: z.array(z.object({ nodes: z.array(z.string()), order: z.number().int() })),
  rei: z.number().nullable().optional(),
});
export type StructureRow = z.infer<typeof StructureRow>;
export const StructureData = z.object({
  asOf: z.string().optional(),
  on: z.string().optional(),
  rows: z.array(StructureRow),
  /** Extra per-node measures (e.g. risk exposure index, betweenness), when the engine provides them. */
  nodes: z.array(z.object({ id: z.string(), name: z.string(), measures: z.record(z.string(), z.number()) })),
});
export type StructureData = z.infer<typeof StructureData>;

export const ScenarioList = z.object({
  items: z.array(
    z.object({ name: z.string(), title: z.string().optional(), description: z.string().optional() }),
  ),
});
export type ScenarioList = z.infer<typeof ScenarioList>;
export const ScenarioText = z.object({ name: z.string(), yaml: z.string() });
export type ScenarioText = z.infer<typeof ScenarioText>;

/** One output series of a run: a capability's level over time with its percentile band. */
export const Series = z.object({
  id: z.string(),
  name: z.string(),
  t: z.array(z.number()),
  p50: z.array(z.number()),
  p5: z.array(z.number()).optional(),
  p95: z.array(z.number()).optional(),
  min: z.number(),
  lost: z.number().describe('capability-days lost (P50)'),
  recover: z.number().nullable().describe('days to recover (P50), null when it does not within the horizon'),
});
export type Series = z.infer<typeof Series>;
export const RunResult = z.object({
  scenario: z.string(),
  samples: z.number().int(),
  seed: z.number().int(),
  horizon: z.number(),
  series: z.array(Series),
  /** Every node's minimum level in the nominal run (uncertain inputs at their nominal values), for impact colours. */
  nodes: z.array(z.object({ id: z.string(), min: z.number() })).optional(),
});
export type RunResult = z.infer<typeof RunResult>;

export const JobKind = z.enum(['simulate']);
export const StartJob = z.object({
  kind: JobKind.default('simulate'),
  /** A scenario name from the model's scenarios/ folder, or YAML text in `yaml`. */
  scenario: IdStr.optional(),
  yaml: z.string().max(200_000).optional(),
  samples: z.number().int().min(1).max(100_000).default(200),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  asOf: DateStr.optional(),
});
export type StartJob = z.input<typeof StartJob>;

export const JobStatus = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  progress: z.number().describe('0..1'),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: ApiError.optional(),
  /** The id of the stored run, once done. */
  run: z.string().optional(),
});
export type JobStatus = z.infer<typeof JobStatus>;
export const JobList = z.object({ items: z.array(JobStatus) });
export type JobList = z.infer<typeof JobList>;

export const RunSummary = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  scenario: z.string(),
});
export type RunSummary = z.infer<typeof RunSummary>;
export const RunList = z.object({ items: z.array(RunSummary) });
export type RunList = z.infer<typeof RunList>;
export const RunData = RunSummary.extend({ result: RunResult });
export type RunData = z.infer<typeof RunData>;

export const Health = z.object({ ok: z.boolean(), name: z.literal('tyl'), model: z.string() });
export type Health = z.infer<typeof Health>;

/** One row of the route table. */
export interface Route {
  method: 'get' | 'post' | 'delete';
  /** Hono path syntax (`:id`); turned into `{id}` in the OpenAPI document. */
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
}

/** The API: every route the server answers under /api, with its schemas. */
export const ROUTES = {
  health: {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and the loaded model id',
    response: Health,
  },
  model: {
    method: 'get',
    path: '/api/model',
    summary: 'The loaded model: metadata, counts, facets, sources',
    response: ModelInfo,
  },
  entities: {
    method: 'get',
    path: '/api/entities',
    summary: 'Entities, filtered by kind, country, tag, text and as-of date',
    query: z.object({
      kind: z.string().max(50).optional(),
      country: z.string().max(10).optional(),
      tag: z.string().max(100).optional(),
      q: z.string().max(200).optional(),
      asOf: DateStr.optional(),
      limit: Int(1, 10_000, 500),
      offset: Int(0, 1_000_000, 0),
    }),
    response: EntityList,
  },
  entity: {
    method: 'get',
    path: '/api/entities/:id',
    summary: 'One entity with its relations and dependencies',
    params: z.object({ id: IdStr }),
    response: EntityDetail,
  },
  relations: {
    method: 'get',
    path: '/api/relations',
    summary: 'Relations, filtered by type, entity and as-of date',
    query: z.object({
      type: z.string().max(50).optional(),
      entity: IdStr.optional(),
      asOf: DateStr.optional(),
      limit: Int(1, 10_000, 1000),
      offset: Int(0, 1_000_000, 0),
    }),
    response: RelationList,
  },
  graph: {
    method: 'get',
    path: '/api/graph',
    summary: 'Nodes and edges (relations and provider links), all or valid at a date',
    query: z.object({ asOf: DateStr.optional() }),
    response: GraphData,
  },
  timeline: {
    method: 'get',
    path: '/api/timeline',
    summary: 'Events, validity spans and turning points',
    response: TimelineData,
  },
  search: {
    method: 'get',
    path: '/api/search',
    summary: 'Entities by name or alias, and source paragraphs by text',
    query: z.object({ q: z.string().min(1).max(200), limit: Int(1, 200, 20) }),
    response: SearchResult,
  },
  evidence: {
    method: 'get',
    path: '/api/evidence/:id',
    summary: 'The citations of an entity, relation or dependency, resolved to their paragraphs',
    params: z.object({ id: IdStr }),
    response: EvidenceData,
  },
  document: {
    method: 'get',
    path: '/api/sources/:id/document',
    summary: 'A source split into sections and numbered paragraphs, with entity mentions',
    params: z.object({ id: IdStr }),
    response: DocumentData,
  },
  structure: {
    method: 'get',
    path: '/api/structure',
    summary: 'Exposure, single points of failure and minimal cut sets of the capabilities',
    query: z.object({ asOf: DateStr.optional(), on: z.string().max(50).optional(), maxOrder: Int(1, 3, 2) }),
    response: StructureData,
  },
  scenarios: {
    method: 'get',
    path: '/api/scenarios',
    summary: "The model's scenario library",
    response: ScenarioList,
  },
  scenario: {
    method: 'get',
    path: '/api/scenarios/:name',
    summary: 'A scenario file as YAML text',
    params: z.object({ name: IdStr }),
    response: ScenarioText,
  },
  startJob: {
    method: 'post',
    path: '/api/jobs',
    summary: 'Start an analysis job (a scenario run)',
    body: StartJob,
    response: JobStatus,
  },
  jobs: { method: 'get', path: '/api/jobs', summary: 'Jobs of this server, newest first', response: JobList },
  job: {
    method: 'get',
    path: '/api/jobs/:id',
    summary: "A job's state and progress",
    params: z.object({ id: IdStr }),
    response: JobStatus,
  },
  cancelJob: {
    method: 'delete',
    path: '/api/jobs/:id',
    summary: 'Cancel a job',
    params: z.object({ id: IdStr }),
    response: JobStatus,
  },
  runs: {
    method: 'get',
    path: '/api/runs',
    summary: 'Stored analysis runs, newest first',
    response: RunList,
  },
  run: {
    method: 'get',
    path: '/api/runs/:id',
    summary: 'A stored run with its result',
    params: z.object({ id: IdStr }),
    response: RunData,
  },
  exportModel: {
    method: 'get',
    path: '/api/export',
    summary:
      'The model (or its slice at a date) in an export format of the EXPORTERS registry (json, gexf, graphml, ftm, csv-…)',
    query: z.object({ format: z.enum(EXPORT_FORMATS).default('json'), asOf: DateStr.optional() }),
    response: z.unknown(),
  },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof ROUTES;
/** The response type of a route. */
export type ResponseOf<K extends RouteName> = z.infer<(typeof ROUTES)[K]['response']>;
