// The workbench server: one function from a Web-standard Request to a Response (a Hono app). The
// model, the evidence workspace and the analyses are injected; binding a port lives in
// src/server/adapter/node.ts. Every route is declared in contract.ts, validated at the boundary
// against its zod schemas, and answers JSON errors `{ code, message }`.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EXPORTERS } from '../cli/exporters.js';
import { sliceModel } from '../model/slice.js';
import type { z } from 'zod';
import { isValidAt } from '../model/dates.js';
import type { Model } from '../model/types.js';
import type { Store } from '../store/store.js';
import {
  ROUTES,
  StartJob,
  type EvidenceData,
  type JobStatus,
  type ModelInfo,
  type Route,
  type RunData,
  type RunResult,
  type StructureData,
} from './contract.js';
import { relationKey } from '../evidence/model-citations.js';
import { createDocuments, type Documents } from './documents.js';
import { createJobs, type JobContext, type Jobs } from './jobs.js';
import { entityMatches, graphAt, indexModel, positionsOf, type ModelIndex } from './model-index.js';
import { openApiDocument } from './openapi.js';
import { staticFiles } from './static-files.js';
import { timeline } from './timeline.js';

/** What the server can ask of the engine; each part is optional until the engine provides it. */
export interface Analyses {
  structure?(
    model: Model,
    options: { asOf?: string; on?: string; maxOrder: number },
  ): StructureData | Promise<StructureData>;
  scenarios?(): { name: string; title?: string; description?: string }[];
  scenarioText?(name: string): string | undefined;
  simulate?(
    model: Model,
    input: { scenario?: string; yaml?: string; samples: number; seed: number; asOf?: string },
    ctx: JobContext,
  ): Promise<RunResult>;
  optimise?: unknown;
}

export interface AppOptions {
  model: Model;
  /** Folder or file the model was read from (resolves sources' local files). */
  modelPath?: string;
  /** The evidence workspace; without one, documents come from local files and runs stay in memory. */
  store?: Store;
  analyses?: Analyses;
  /** When set, every /api request must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** Folder of the built web client (web/dist) to serve at `/`; none = API only. */
  webRoot?: string;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
  /** Extra source id -> document path, for sources whose file the model does not name. */
  documents?: Record<string, string>;
  /** Host names accepted without a token (defence against DNS rebinding). */
  loopbackHosts?: string[];
}

const DEFAULTS = {
  maxBodyBytes: 256 * 1024,
  loopbackHosts: ['localhost', '127.0.0.1', '[::1]'],
};

/** An error with an HTTP status and a stable code, turned into a JSON error response. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 500 | 501 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const path = [where, ...first.path.map(String)].join('.');
  throw new HttpError(400, 'invalid-request', `${path}: ${first.message}`);
}

function safeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * Creates the workbench app.
 * @example
 * const app = createApp({ model: readModel('models/russia-belarus') });
 * const res = await app.request('/api/entities?kind=facility');
 */
export function createApp(options: AppOptions): Hono {
  const o = { ...DEFAULTS, ...options };
  const ix: ModelIndex = indexModel(o.model);
  // The layout is computed once, when the app is created, so no request waits for it.
  const positions = positionsOf(ix);
  const docs: Documents = createDocuments(ix, { store: o.store, modelPath: o.modelPath, files: o.documents });
  const jobs: Jobs = createJobs();
  const memoryRuns = new Map<string, RunData>();
  const analyses = o.analyses ?? {};
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json({ code: err.code, message: err.message }, err.status);
    if (err instanceof SyntaxError)
      return c.json({ code: 'invalid-json', message: `body: ${err.message}` }, 400);
    console.error(err);
    return c.json({ code: 'internal', message: 'server: internal error' }, 500);
  });
  app.notFound((c) =>
    c.json(
      { code: 'not-found', message: `${c.req.method} ${new URL(c.req.url).pathname}: no such route` },
      404,
    ),
  );

  // Security: host check (DNS rebinding) without a token; bearer token on every API request with one.
  app.use('*', async (c, next) => {
    if (!o.token) {
      const host = (c.req.header('host') ?? new URL(c.req.url).host).replace(/:\d+$/, '').toLowerCase();
      if (!o.loopbackHosts.includes(host))
        throw new HttpError(403, 'forbidden-host', `server: host "${host}" is not served without TYL_TOKEN`);
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  });
  app.use('/api/*', async (c, next) => {
    if (o.token) {
      const h = c.req.header('authorization') ?? '';
      const m = /^Bearer\s+(.+)$/i.exec(h);
      if (!m || !safeEqual(m[1].trim(), o.token)) {
        c.header('WWW-Authenticate', 'Bearer');
        throw new HttpError(
          401,
          'unauthorized',
          'server: this API needs "Authorization: Bearer <TYL_TOKEN>"',
        );
      }
    }
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: o.maxBodyBytes,
      onError: (c) =>
        c.json({ code: 'payload-too-large', message: `body: larger than ${o.maxBodyBytes} bytes` }, 413),
    }),
  );

  const params = <R extends Route>(c: Context, r: R) =>
    check(r.params!, c.req.param(), 'params') as z.infer<NonNullable<R['params']>>;
  const query = <R extends Route>(c: Context, r: R) =>
    check(r.query!, c.req.query(), 'query') as z.infer<NonNullable<R['query']>>;
  const notFound = (what: string) => new HttpError(404, 'not-found', what);

  // Answers that depend only on the (immutable) model are serialised once and kept as bytes;
  // graph slices keep the most recent dates.
  const encoder = new TextEncoder();
  const cached = new Map<string, Uint8Array>();
  const once = (c: Context, key: string, make: () => unknown) => {
    let body = cached.get(key);
    if (body === undefined) {
      body = encoder.encode(JSON.stringify(make()));
      if (cached.size >= 128) cached.delete(cached.keys().next().value!);
      cached.set(key, body);
    }
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/json; charset=utf-8',
    });
  };

  app.get(ROUTES.health.path, (c) => c.json({ ok: true, name: 'tyl' as const, model: o.model.meta.id }));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument({ title: 'tyl workbench API' })));

  app.get(ROUTES.model.path, (c) =>
    once(c, 'model', () => {
      const m = o.model;
      const info: ModelInfo = {
        id: m.meta.id,
        title: m.meta.title,
        description: m.meta.description,
        version: m.meta.version,
        focus: m.meta.focus,
        asOf: m.meta.as_of,
        counts: {
          entities: m.entities.length,
          relations: m.relations.length,
          dependencies: m.dependencies.length,
          sources: m.sources.length,
          citations: ix.citationCount,
        },
        ...ix.facets,
        years: ix.years,
        replay: { from: Math.max(ix.years.from, ix.years.to - 9), to: ix.years.to },
        sources: m.sources.map(({ at: _at, ...s }) => s),
        capabilities: {
          structure: !!analyses.structure,
          simulate: !!analyses.simulate,
          workspace: !!o.store,
          optimise: !!analyses.optimise,
        },
      };
      return info;
    }),
  );

  app.get(ROUTES.entities.path, (c) => {
    const q = query(c, ROUTES.entities);
    const items = ix.summaries.filter((s, i) => {
      if (q.kind && s.kind !== q.kind) return false;
      if (q.country && s.country !== q.country) return false;
      if (q.tag && !s.tags.includes(q.tag)) return false;
      if (q.asOf && !isValidAt(s.valid, q.asOf)) return false;
      if (q.q && !entityMatches(o.model.entities[i], q.q)) return false;
      return true;
    });
    return c.json({ total: items.length, items: items.slice(q.offset, q.offset + q.limit) });
  });

  app.get(ROUTES.entity.path, (c) => {
    const { id } = params(c, ROUTES.entity);
    const entity = ix.entityById.get(id);
    if (!entity) throw notFound(`entities/${id}: no such entity`);
    const relations = ix.relationsOf.get(id) ?? [];
    const needs = ix.needsOf.get(id) ?? [];
    const providesFor = ix.providesFor.get(id) ?? [];
    const names: Record<string, string> = {};
    const name = (x: string) => (names[x] = ix.entityById.get(x)?.name ?? x);
    name(id);
    relations.forEach((r) => (name(r.from), name(r.to)));
    [...needs, ...providesFor].forEach((d) => (name(d.node), d.providers.forEach((p) => name(p.provider))));
    return c.json({ entity, relations, needs, providesFor, names });
  });

  app.get(ROUTES.relations.path, (c) => {
    const q = query(c, ROUTES.relations);
    const items = (q.entity ? (ix.relationsOf.get(q.entity) ?? []) : o.model.relations).filter(
      (r) => (!q.type || r.type === q.type) && (!q.asOf || isValidAt(r.valid, q.asOf)),
    );
    return c.json({ total: items.length, items: items.slice(q.offset, q.offset + q.limit) });
  });

  app.get(ROUTES.graph.path, (c) => {
    const { asOf } = query(c, ROUTES.graph);
    return once(c, `graph|${asOf ?? ''}`, () => graphAt(ix, asOf, positions));
  });
  app.get(ROUTES.timeline.path, (c) => once(c, 'timeline', () => timeline(ix)));

  app.get(ROUTES.search.path, async (c) => {
    const q = query(c, ROUTES.search);
    const entities = ix.summaries
      .filter((_s, i) => entityMatches(o.model.entities[i], q.q))
      .slice(0, q.limit);
    return c.json({ entities, paragraphs: await docs.search(q.q, q.limit) });
  });

  app.get(ROUTES.evidence.path, async (c) => {
    const { id } = params(c, ROUTES.evidence);
    const e = ix.entityById.get(id);
    const r = ix.relationById.get(id);
    const d = ix.dependencyById.get(id);
    if (!e && !r && !d) throw notFound(`evidence/${id}: no entity, relation or dependency has this id`);
    const nm = (x: string) => ix.entityById.get(x)?.name ?? x;
    const element: EvidenceData['element'] = e
      ? { id, layer: 'entity', label: e.name }
      : r
        ? { id, layer: 'relation', label: `${nm(r.from)} ${r.type} ${nm(r.to)}` }
        : { id, layer: 'dependency', label: `${nm(d!.node)} needs ${d!.input}` };
    const citations: EvidenceData['citations'] = [];
    const key = e ? `entity:${id}` : r ? `relation:${relationKey(r)}` : `dependency:${id}`;
    for (const { on, cite } of ix.citationsBy.get(key) ?? [])
      citations.push({
        on,
        cite,
        paragraphs: await docs.paragraphs(cite.source, cite.section, cite.paragraph, cite.to),
      });
    return c.json({ element, citations });
  });

  app.get(ROUTES.document.path, async (c) => {
    const { id } = params(c, ROUTES.document);
    const d = await docs.document(id);
    if (!d)
      throw notFound(
        `sources/${id}: no such source, or its text is not available (ingest it with \`tyl ingest\`)`,
      );
    return c.json(d);
  });

  app.get(ROUTES.structure.path, async (c) => {
    const q = query(c, ROUTES.structure);
    if (!analyses.structure)
      throw new HttpError(
        501,
        'not-available',
        'structure: the engine does not provide structural analysis yet',
      );
    return c.json(await analyses.structure(o.model, { asOf: q.asOf, on: q.on, maxOrder: q.maxOrder }));
  });

  app.get(ROUTES.scenarios.path, (c) => c.json({ items: analyses.scenarios?.() ?? [] }));
  app.get(ROUTES.scenario.path, (c) => {
    const { name } = params(c, ROUTES.scenario);
    const yaml = analyses.scenarioText?.(name);
    if (yaml === undefined) throw notFound(`scenarios/${name}: no such scenario`);
    return c.json({ name, yaml });
  });

  const saveRun = async (
    label: string,
    scenario: string,
    params: unknown,
    result: RunResult,
  ): Promise<string> => {
    if (o.store) {
      const rec = await o.store.saveRun(
        {
          kind: 'simulate',
          model: o.model.meta.id,
          seed: result.seed,
          parameters: { label, scenario, ...(params as object) },
          result,
        },
        { actor: 'workbench' },
      );
      return rec.id;
    }
    const id = `r${memoryRuns.size + 1}`;
    memoryRuns.set(id, { id, label, scenario, createdAt: new Date().toISOString(), result });
    return id;
  };

  app.post(ROUTES.startJob.path, async (c) => {
    if (!(c.req.header('content-type') ?? '').includes('application/json'))
      throw new HttpError(415, 'unsupported-media-type', 'body: send application/json');
    const body = check(StartJob, await c.req.json(), 'body');
    if (!analyses.simulate)
      throw new HttpError(501, 'not-available', 'jobs: the engine does not provide simulation yet');
    if (!body.scenario && !body.yaml)
      throw new HttpError(400, 'invalid-request', 'body: give a scenario name or its yaml');
    if (body.scenario && !body.yaml && analyses.scenarioText?.(body.scenario) === undefined)
      throw notFound(`scenarios/${body.scenario}: no such scenario`);
    const scenario = body.scenario ?? 'custom';
    const label = `${scenario} · ${body.samples} samples · seed ${body.seed}${body.asOf ? ` · as of ${body.asOf}` : ''}`;
    const simulate = analyses.simulate;
    const job: JobStatus = jobs.start(body.kind, label, async (ctx) => {
      const result = await simulate(o.model, body, ctx);
      ctx.signal.throwIfAborted();
      return saveRun(label, scenario, body, result);
    });
    return c.json(job, 202);
  });
  app.get(ROUTES.jobs.path, (c) => c.json({ items: jobs.list() }));
  app.get(ROUTES.job.path, (c) => {
    const { id } = params(c, ROUTES.job);
    const j = jobs.get(id);
    if (!j) throw notFound(`jobs/${id}: no such job`);
    return c.json(j);
  });
  app.delete(ROUTES.cancelJob.path, (c) => {
    const { id } = params(c, ROUTES.cancelJob);
    const j = jobs.cancel(id);
    if (!j) throw notFound(`jobs/${id}: no such job`);
    return c.json(j);
  });

  const fromRecord = (r: {
    id: string;
    createdAt: string;
    parameters: unknown;
    result: unknown;
  }): RunData => {
    const p = (r.parameters ?? {}) as { label?: string; scenario?: string };
    return {
      id: r.id,
      createdAt: r.createdAt,
      label: p.label ?? r.id,
      scenario: p.scenario ?? '',
      result: r.result as RunResult,
    };
  };
  app.get(ROUTES.runs.path, async (c) => {
    const items = o.store
      ? (await o.store.listRuns({ kind: 'simulate', limit: 100 })).map(fromRecord)
      : [...memoryRuns.values()].reverse();
    return c.json({ items: items.map(({ result: _r, ...s }) => s) });
  });
  app.get(ROUTES.run.path, async (c) => {
    const { id } = params(c, ROUTES.run);
    const rec = o.store ? await o.store.getRun(id) : undefined;
    const run = rec ? fromRecord(rec) : memoryRuns.get(id);
    if (!run) throw notFound(`runs/${id}: no such run`);
    return c.json(run);
  });

  app.get(ROUTES.exportModel.path, (c) => {
    const q = query(c, ROUTES.exportModel);
    const exporter = EXPORTERS[q.format];
    if (!exporter)
      throw new HttpError(400, 'invalid-request', `query.format: "${q.format}" is not an export format`);
    const text = exporter(q.asOf ? sliceModel(o.model, q.asOf) : o.model, q.asOf ? { asOf: q.asOf } : {});
    const ext = q.format === 'ftm' ? 'ftm.json' : q.format.startsWith('csv-') ? 'csv' : q.format;
    const type =
      q.format === 'json' || q.format === 'ftm'
        ? 'application/json'
        : q.format.startsWith('csv-')
          ? 'text/csv'
          : q.format === 'gexf'
            ? 'application/gexf+xml'
            : 'application/xml';
    const file = `${o.model.meta.id}${q.asOf ? `-${q.asOf}` : ''}${q.format.startsWith('csv-') ? `-${q.format.slice(4)}` : ''}.${ext}`;
    return c.body(text, 200, {
      'Content-Type': `${type}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${file}"`,
    });
  });

  app.all('/api/*', (c) => {
    throw new HttpError(404, 'not-found', `${c.req.method} ${new URL(c.req.url).pathname}: no such route`);
  });

  if (o.webRoot) app.get('*', staticFiles(o.webRoot));
  return app;
}
