import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModel } from '../store/read-model.js';
import { createApp } from './app.js';
import {
  ROUTES,
  type Route,
  type EntityList,
  type EvidenceData,
  type GraphData,
  type TimelineData,
} from './contract.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'workbench');
const model = readModel(FIXTURE);
const app = createApp({ model, modelPath: FIXTURE });
const get = async <T>(path: string, init?: RequestInit) => {
  const res = await app.request(path, init);
  return { status: res.status, body: (await res.json()) as T };
};

describe('workbench API (in-process)', () => {
  it('describes the model with counts and facets', async () => {
    const { status, body } = await get<{
      counts: Record<string, number>;
      kinds: string[];
      years: { from: number; to: number };
    }>('/api/model');
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ entities: 13, relations: 7, dependencies: 4, sources: 1 });
    expect(body.kinds).toEqual([
      'capability',
      'event',
      'facility',
      'network',
      'product',
      'service',
      'state',
      'unit',
    ]);
    // Years span the earliest valid.from (2013) to the model's as-of year (2022).
    expect(body.years).toEqual({ from: 2013, to: 2022 });
  });

  it('filters entities by kind, country and as-of date', async () => {
    const all = await get<EntityList>('/api/entities?kind=facility');
    expect(all.body.items.map((e) => e.id).sort()).toEqual(['border', 'depot', 'nap', 'stw']);
    // The Northland Auto Plant is valid from 2016, so it is absent in 2015.
    const y2015 = await get<EntityList>('/api/entities?kind=facility&asOf=2015');
    expect(y2015.body.items.map((e) => e.id).sort()).toEqual(['border', 'depot', 'stw']);
    const sl = await get<EntityList>('/api/entities?country=SL&kind=facility');
    expect(sl.body.total).toBe(3);
    const text = await get<EntityList>('/api/entities?q=stw');
    expect(text.body.items.map((e) => e.id)).toEqual(['stw']);
  });

  it('returns one entity with what it provides for, and JSON 404s', async () => {
    const { body } = await get<{ providesFor: { id: string }[]; relations: { id: string }[] }>(
      '/api/entities/stw',
    );
    expect(body.providesFor.map((d) => d.id)).toEqual(['strike-needs-chassis']);
    expect(body.relations).toHaveLength(2);
    const missing = await get<{ code: string; message: string }>('/api/entities/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'not-found', message: 'entities/nope: no such entity' });
  });

  it('slices the graph at a date', async () => {
    const all = await get<GraphData>('/api/graph');
    // 7 relations + 5 provider links.
    expect(all.body.edges).toHaveLength(12);
    const y2015 = await get<GraphData>('/api/graph?asOf=2015');
    // NAP (from 2016) and the two events (dated 2020 and 2021, so valid from then) are absent.
    expect(y2015.body.nodes).toHaveLength(10);
    // Without NAP (2016) and trained-at (2020): 5 relations and 4 provider links remain.
    expect(y2015.body.edges.filter((e) => e.layer === 'relation')).toHaveLength(5);
    expect(y2015.body.edges.filter((e) => e.layer === 'dependency')).toHaveLength(4);
  });

  it('builds the timeline with events in order and turning points', async () => {
    const { body } = await get<TimelineData>('/api/timeline');
    expect(body.events.map((e) => e.id)).toEqual(['corridor-upgrade', 'government-change']);
    const tp2020 = body.turningPoints.find((t) => t.date === '2020');
    // trained-at starts in 2020 and the corridor upgrade happens then.
    expect(tp2020).toEqual({ date: '2020', changes: 2, events: ['corridor-upgrade'] });
  });

  it('resolves citations to paragraphs with mentions located in the text', async () => {
    const { body } = await get<EvidenceData>('/api/evidence/stw');
    expect(body.element).toEqual({ id: 'stw', layer: 'entity', label: 'Southland Tractor Works' });
    const [c] = body.citations;
    expect(c.cite).toMatchObject({ source: 'brief', section: 'industry', paragraph: 1 });
    const p = c.paragraphs![0];
    expect(p.text).toMatch(/^The Southland Tractor Works builds heavy chassis/);
    const m = p.mentions.find((x) => x.entity === 'stw')!;
    expect(p.text.slice(m.start, m.end)).toBe('Southland Tractor Works');
    const dep = await get<EvidenceData>('/api/evidence/strike-needs-chassis');
    expect(dep.body.citations.map((x) => x.on)).toEqual(['', 'providers[nap]']);
  });

  it('serves the source document split into sections and paragraphs', async () => {
    const { body } = await get<{ sections: { slug: string }[]; paragraphs: unknown[] }>(
      '/api/sources/brief/document',
    );
    expect(body.sections.map((s) => s.slug)).toEqual(['summary', 'industry', 'transit', 'politics']);
    expect(body.paragraphs).toHaveLength(6);
  });

  it('searches entities and paragraphs', async () => {
    const { body } = await get<{
      entities: { id: string }[];
      paragraphs: { section: string; paragraph: number }[];
    }>('/api/search?q=corridor');
    expect(body.entities.map((e) => e.id)).toContain('corridor');
    expect(body.paragraphs.map((p) => `${p.section}/${p.paragraph}`).sort()).toEqual([
      'transit/1',
      'transit/2',
    ]);
  });

  it('validates input at the boundary', async () => {
    const bad = await get<{ code: string; message: string }>('/api/entities?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid-request');
    expect(bad.body.message).toMatch(/^query\.limit: /);
    const date = await get<{ message: string }>('/api/graph?asOf=2020-13');
    expect(date.status).toBe(400);
    expect(date.body.message).toMatch(/^query\.asOf: /);
    const route = await get<{ code: string }>('/api/nothing');
    expect(route).toEqual({
      status: 404,
      body: { code: 'not-found', message: 'GET /api/nothing: no such route' },
    });
  });

  it('limits request bodies and checks their type', async () => {
    const big = await app.request('/api/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(300_000) },
      body: 'x'.repeat(300_000),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'payload-too-large' });
    const text = await app.request('/api/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
    const broken = await app.request('/api/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'invalid-json' });
  });

  it('refuses foreign Host headers without a token (DNS rebinding)', async () => {
    const res = await app.request('/api/health', { headers: { Host: 'evil.example:4317' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden-host' });
  });

  it('checks the bearer token on every API request when one is set', async () => {
    const token = 'a-long-enough-test-token';
    const guarded = createApp({ model, token });
    const none = await guarded.request('/api/health');
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(await none.json()).toMatchObject({ code: 'unauthorized' });
    expect(
      (
        await guarded.request('/api/entities', {
          headers: { Authorization: 'Bearer wrong-token-of-some-length' },
        })
      ).status,
    ).toBe(401);
    expect(
      (await guarded.request('/api/entities', { headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    // With a token, other hosts are allowed (the operator chose to expose it).
    expect(
      (
        await guarded.request('/api/health', {
          headers: { Host: 'tyl.example', Authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(200);
  });

  it('publishes an OpenAPI document covering every route of the contract', async () => {
    const { body } = await get<{
      openapi: string;
      paths: Record<string, Record<string, { parameters: { name: string; in: string }[] }>>;
    }>('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    for (const r of Object.values(ROUTES) as Route[]) {
      const op = body.paths[r.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      const declared = [...Object.keys(r.params?.shape ?? {}), ...Object.keys(r.query?.shape ?? {})].sort();
      expect(op.parameters.map((p) => p.name).sort()).toEqual(declared);
    }
  });

  it('exports through the EXPORTERS registry, sliced at a date', async () => {
    const json = await app.request('/api/export');
    expect(((await json.json()) as { entities: unknown[] }).entities).toHaveLength(13);
    const gexf = await app.request('/api/export?format=gexf&asOf=2015');
    const xml = await gexf.text();
    expect(gexf.headers.get('Content-Type')).toMatch(/gexf/);
    expect(gexf.headers.get('Content-Disposition')).toBe('attachment; filename="workbench-2015.gexf"');
    // The 2015 slice leaves out NAP (2016) and the events dated 2020 and 2021.
    expect(xml.match(/<node /g)).toHaveLength(10);
    const csv = await app.request('/api/export?format=csv-entities');
    expect((await csv.text()).trim().split('\n')).toHaveLength(14);
    expect((await app.request('/api/export?format=pdf')).status).toBe(400);
    // The API offers exactly the registry's formats.
    const { EXPORTERS } = await import('../cli/exporters.js');
    const { EXPORT_FORMATS } = await import('./contract.js');
    expect([...EXPORT_FORMATS].sort()).toEqual(Object.keys(EXPORTERS).sort());
  });

  it('serves the web client from its folder, and nothing outside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tyl-web-'));
    mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'secret.txt'), 'no');
    const web = createApp({ model, webRoot: join(root, 'dist') });
    const page = await web.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toContain('<title>x</title>');
    expect((await web.request('/../secret.txt')).status).toBe(404);
    expect((await web.request('/%2e%2e/secret.txt')).status).toBe(404);
  });
});

describe('workbench API with the engine and a SQLite workspace', async () => {
  const { engineAnalyses } = await import('./engine-analyses.js');
  const { openSqliteStore } = await import('../store/sqlite-store.js');
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'tyl-ws-')), 'tyl.db'), { create: true });
  const full = createApp({
    model,
    modelPath: FIXTURE,
    analyses: engineAnalyses(FIXTURE, { bandSamples: 20 }),
    store,
  });
  const json = async <T>(path: string, init?: RequestInit) =>
    (await full.request(path, init)).json() as Promise<T>;
  const startJob = (body: unknown) =>
    full.request('/api/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const settle = async (id: string) => {
    for (;;) {
      const s = await json<{ state: string; run?: string; error?: { code: string; message: string } }>(
        `/api/jobs/${id}`,
      );
      if (s.state !== 'queued' && s.state !== 'running') return s;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('lists the scenario library with titles', async () => {
    const { items } = await json<{ items: { name: string; title?: string }[] }>('/api/scenarios');
    expect(items.map((s) => s.name)).toEqual(['both', 'corridor-sabotage', 'stw-outage']);
    expect(items[2].title).toBe('Southland Tractor Works stops');
    expect((await json<{ yaml: string }>('/api/scenarios/stw-outage')).yaml).toMatch(/^id: stw-outage/);
  });

  it('reports single points of failure with the path that explains each', async () => {
    const s = await json<{
      on: string;
      rows: { target: string; exposure: number; spofs: { node: string; path: string[] }[] }[];
    }>('/api/structure');
    expect(s.on).toBe('SL');
    const [row] = s.rows;
    expect(row.target).toBe('strike');
    // Every provider of strike's inputs is in Southland, so all of it rests there.
    expect(row.exposure).toBeCloseTo(1, 9);
    // The chassis plant (NAP's share 0.2 x quality 0.7 cannot stand in) and the single rail chain are SPOFs.
    expect(new Map(row.spofs.map((x) => [x.node, x.path]))).toEqual(
      new Map([
        ['stw', ['strike', 'stw']],
        ['transit', ['strike', 'transit']],
        ['corridor', ['strike', 'transit', 'corridor']],
        ['border', ['strike', 'transit', 'corridor', 'border']],
      ]),
    );
  });

  it('runs a scenario as a job and stores the run in the workspace', async () => {
    const res = await startJob({ scenario: 'stw-outage', samples: 20, seed: 3 });
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string };
    const done = await settle(job.id);
    expect(done.state).toBe('done');
    const run = await json<{
      scenario: string;
      result: {
        seed: number;
        series: { id: string; t: number[]; p50: number[]; min: number; lost: number }[];
      };
    }>(`/api/runs/${done.run}`);
    expect(run.scenario).toBe('stw-outage');
    expect(run.result.seed).toBe(3);
    const strike = run.result.series.find((x) => x.id === 'strike')!;
    // Hand-derived: the plant stops on day 10; 60 days of buffer hold until day 70; from then the level is
    // 1 - 0.9 (criticality) = 0.1 until the plant restarts at day 100.
    expect(strike.min).toBeCloseTo(0.1, 9);
    expect(strike.p50[strike.t.indexOf(50)]).toBe(1);
    expect(strike.p50[strike.t.indexOf(85)]).toBeCloseTo(0.1, 9);
    // Nominal per-node impacts: the plant is out (0), and what rests on it drops.
    const nodes = new Map(
      (run.result as unknown as { nodes: { id: string; min: number }[] }).nodes.map((x) => [x.id, x.min]),
    );
    expect(nodes.get('stw')).toBe(0);
    expect(nodes.get('strike')).toBeCloseTo(0.1, 9);
    expect(nodes.has('border')).toBe(false);
    expect((await store.listRuns()).map((r) => r.id)).toContain(done.run);
    expect((await json<{ items: { id: string }[] }>('/api/runs')).items.map((r) => r.id)).toContain(done.run);
  });

  it('runs edited YAML and reports scenario errors as job failures with located messages', async () => {
    const bad = await startJob({
      yaml: 'id: x\ntitle: X\nshocks:\n  - type: outage\n    target: nowhere\n',
      samples: 5,
    });
    const done = await settle(((await bad.json()) as { id: string }).id);
    expect(done.state).toBe('failed');
    expect(done.error!.code).toBe('invalid-request');
    expect(done.error!.message).toMatch(/nowhere/);
    const unknown = await startJob({ scenario: 'no-such', samples: 5 });
    expect(unknown.status).toBe(404);
  });

  it('cancels a running job', async () => {
    const res = await startJob({ scenario: 'corridor-sabotage', samples: 400, seed: 1 });
    const { id } = (await res.json()) as { id: string };
    const cancelled = await json<{ state: string }>(`/api/jobs/${id}`, { method: 'DELETE' });
    expect(cancelled.state).toBe('cancelled');
    const after = await settle(id);
    expect(after.state).toBe('cancelled');
    expect(after.run).toBeUndefined();
  });
});
