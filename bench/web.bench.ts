// Workbench benchmarks (not tests): first load of the workbench in headless Chromium on loopback,
// frame times while panning and zooming a 10,000-node / 30,000-edge graph (sigma.js, WebGL), and
// API read latency with 50 concurrent keep-alive clients against the server in its own process.
// Targets (issue 7): first load < 2 s; >= 30 fps; API read p95 < 50 ms.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Entity, Model, Relation } from '../src/model/types.js';
import { listen } from '../src/server/adapter/node.js';
import { ensureWebBuilt } from '../src/server/build-web.js';
import { CHROMIUM_ARGS } from '../src/report/render-pdf.js';
import { readModel } from '../src/store/read-model.js';
import type { BenchContext, BenchFigure } from './bench-types.js';

const CHROMIUM = '/usr/bin/chromium';
// WebGL (sigma.js, MapLibre) needs software rendering in a GPU-less headless browser.
const ARGS = [...CHROMIUM_ARGS, '--enable-unsafe-swiftshader'];
const ROOT = join(import.meta.dirname, '..');
const FLAGSHIP = join(ROOT, 'models', 'russia-belarus');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** A synthetic model of `n` entities and `m` relations (seeded), for the graph frame-time benchmark. */
export function syntheticModel(n: number, m: number, seed = 1): Model {
  let a = seed;
  const r = () => (a = (a * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const kinds = ['company', 'facility', 'organisation', 'unit', 'product'] as const;
  const base = { cite: [], estimate: true, aliases: [], tags: [], attributes: {}, quantities: {} };
  const entities: Entity[] = Array.from({ length: n }, (_, i) => ({
    ...base,
    id: `n${i}`,
    name: `Node ${i}`,
    kind: kinds[i % kinds.length],
    country: i % 2 ? 'BY' : 'RU',
  }));
  const relations: Relation[] = Array.from({ length: m }, (_, k) => {
    const from = Math.floor(r() * n);
    const to = (from + 1 + Math.floor(r() * (n - 1))) % n;
    return {
      cite: [],
      estimate: true,
      attributes: {},
      quantities: {},
      id: `e${k}`,
      type: 'supplies',
      from: `n${from}`,
      to: `n${to}`,
    };
  });
  return {
    meta: { id: 'synthetic', title: `Synthetic ${n} nodes / ${m} edges` },
    sources: [],
    entities,
    relations,
    dependencies: [],
  };
}

async function firstLoad(browser: Browser, url: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await ctx.newPage();
    const t0 = performance.now();
    await page.goto(`${url}#view=graph`);
    await page.waitForFunction(() => document.body.dataset.ready === 'graph', undefined, { timeout: 60_000 });
    times.push(performance.now() - t0);
    await ctx.close();
  }
  return times;
}

/** What draws the page's WebGL: the unmasked renderer string, device pixel ratio and canvas sizes. */
async function glInfo(page: Page): Promise<{ renderer: string; dpr: number; canvas: string }> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2')!;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const stage = document.querySelector('#graph-canvas canvas') as HTMLCanvasElement | null;
    return {
      renderer: String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
      dpr: devicePixelRatio,
      canvas: stage ? `${stage.width}×${stage.height}` : 'none',
    };
  });
}

async function openGraph(browser: Browser, url: string, nodesOnly: boolean) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  // tsx keeps function names with a `__name` helper that does not exist in the page.
  await ctx.addInitScript({ content: 'window.__name = (f) => f;' });
  const page = await ctx.newPage();
  await page.goto(`${url}#view=graph`);
  await page.waitForFunction(() => document.body.dataset.ready === 'graph', undefined, { timeout: 120_000 });
  if (nodesOnly) {
    // The same interaction with the edges filtered out (the layer filter), to separate node and edge cost.
    await page.locator('#g-layer').selectOption('dependency');
    await page.waitForTimeout(1000);
  }
  await page.waitForTimeout(1000);
  return { ctx, page };
}

interface FrameRun {
  /** Intervals between animation frames (ms) while the camera moved. */
  frames: number[];
  /** Frames in which the camera state differed from the frame before. */
  moved: number;
  nodes: number;
  edges: number;
  /** After the path: ms from the last camera move until the full frame (every edge) was drawn. */
  restMs: number;
  /** The longest the page's main thread was busy (ms) while the full frame was being drawn. */
  restGap: number;
  /** Sigma's own full renders during the run (mouse runs only; -1 otherwise). */
  fullFrames: number;
  /** Whether sigma's full frame was back on screen at the end (motion phase `idle`). */
  idle: boolean;
}

/**
 * Frame times while the camera follows a scripted pan + zoom path for `seconds`: each animation
 * frame sets the camera to the path's position at that time (two loops of a Lissajous pan while
 * zooming in 3.3× and out again), as an animation does, so a slow frame skips ahead rather than
 * slowing the path down. Frame times are the intervals between requestAnimationFrame callbacks.
 */
async function pathFrames(browser: Browser, url: string, seconds: number): Promise<FrameRun> {
  const { ctx, page } = await openGraph(browser, url, false);
  const out = await page.evaluate(async (ms) => {
    type R = {
      getCamera(): {
        getState(): { x: number; y: number; ratio: number; angle: number };
        setState(s: object): void;
      };
      getGraph(): { order: number; size: number };
      on(e: string, f: () => void): void;
      motionPhase: string;
    };
    const r = (window as unknown as { __tylGraph: { renderer: R } }).__tylGraph.renderer;
    const cam = r.getCamera();
    const frames: number[] = [];
    let moved = 0;
    let key = '';
    await new Promise<void>((done) => {
      let t0 = -1;
      let last = -1;
      const step = (now: number) => {
        if (t0 < 0) t0 = now;
        else frames.push(now - last);
        last = now;
        const s = cam.getState();
        const k = `${s.x} ${s.y} ${s.ratio}`;
        if (k !== key) moved++;
        key = k;
        const t = (now - t0) / ms;
        if (t >= 1) return done();
        cam.setState({
          x: 0.5 + 0.2 * Math.cos(4 * Math.PI * t),
          y: 0.5 + 0.15 * Math.sin(4 * Math.PI * t),
          ratio: Math.pow(0.3, Math.sin(Math.PI * t)),
          angle: 0,
        });
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    // The camera stopped: time until sigma's full frame is on screen again, and the longest gap
    // between 5 ms timer polls meanwhile (how long the page could not answer input).
    const stop = performance.now();
    let restMs = -1;
    let restGap = 0;
    let prev = stop;
    await new Promise<void>((done) => {
      const poll = () => {
        restGap = Math.max(restGap, performance.now() - prev);
        prev = performance.now();
        // A renderer without motion frames (motionPhase undefined) has its full frame already.
        if (r.motionPhase !== 'moving') {
          restMs = performance.now() - stop;
          return requestAnimationFrame(() => {
            restGap = Math.max(restGap, performance.now() - prev);
            done();
          });
        }
        if (performance.now() - stop > 60_000) return done();
        setTimeout(poll, 5);
      };
      poll();
    });
    return {
      fullFrames: -1,
      frames,
      moved,
      restMs,
      restGap,
      idle: r.motionPhase !== 'moving',
      nodes: r.getGraph().order,
      edges: r.getGraph().size,
    };
  }, seconds * 1000);
  await ctx.close();
  return out;
}

/** Frame times while real mouse input pans (drags) and zooms (wheel); pauses between gestures included. */
async function mouseFrames(
  browser: Browser,
  url: string,
  seconds: number,
  nodesOnly = false,
): Promise<FrameRun> {
  const { ctx, page } = await openGraph(browser, url, nodesOnly);
  // Record every animation frame in the page while real mouse input pans (drags) and zooms (wheel).
  await page.evaluate(() => {
    const w = window as unknown as {
      __frames: number[];
      __full: number;
      __tylGraph: { renderer: { on(e: string, f: () => void): void } };
    };
    w.__frames = [];
    // Sigma's own (full) renders during the interaction: at rests, on hover changes.
    w.__full = 0;
    w.__tylGraph.renderer.on('afterRender', () => w.__full++);
    let last = performance.now();
    const step = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const box = (await page.locator('#graph-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const end = performance.now() + seconds * 1000;
  for (let k = 0; performance.now() < end; k++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(cx + Math.cos(k + i / 5) * 12 * i, cy + Math.sin(k + i / 5) * 8 * i);
    await page.mouse.up();
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, k % 2 ? 120 : -120);
  }
  const out = await page.evaluate(() => {
    const w = window as unknown as {
      __frames: number[];
      __full: number;
      __tylGraph: { graph: { order: number; size: number }; renderer: { motionPhase: string } };
    };
    return {
      fullFrames: w.__full,
      frames: w.__frames.slice(5),
      moved: -1,
      restMs: -1,
      restGap: -1,
      idle: w.__tylGraph.renderer.motionPhase !== 'moving',
      nodes: w.__tylGraph.graph.order,
      edges: w.__tylGraph.graph.size,
    };
  });
  await ctx.close();
  return out;
}

/** Starts `tyl serve` in a child process and resolves with its URL. */
function serveChild(model: string, workspace: string): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'tyl.js'), 'serve', model, '--port', '0', '--workspace', workspace],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /open (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`tyl serve exited with ${code}: ${out}`)));
  });
}

async function loadTest(url: string, paths: string[], clients: number, seconds: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const lat: number[] = [];
  const end = performance.now() + seconds * 1000;
  const get = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      const req = request(new URL(path, url), { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${path}: HTTP ${res.statusCode}`));
          lat.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  let k = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) await get(paths[k++ % paths.length]);
    }),
  );
  agent.destroy();
  return lat;
}

export default async function webBench({ log, quick }: BenchContext): Promise<BenchFigure[]> {
  if (!existsSync(CHROMIUM)) {
    log(`skipped: ${CHROMIUM} not found`);
    return [];
  }
  const tmp = mkdtempSync(join(tmpdir(), 'tyl-bench-web-'));
  const figures: BenchFigure[] = [];
  const modelPath = existsSync(FLAGSHIP) ? FLAGSHIP : join(ROOT, 'test', 'fixtures', 'workbench');
  // TYL_BENCH_WEB_DIR: benchmark another copy of web/ (e.g. an older commit's, for before/after).
  const webDir = process.env.TYL_BENCH_WEB_DIR;
  if (webDir) log(`web client from ${webDir}`);
  const { dist } = await ensureWebBuilt({ force: true, outDir: join(tmp, 'dist'), webDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    // 1. First load of the workbench (cold browser context, graph view ready).
    const flagship = await listen({ model: readModel(modelPath), modelPath, webRoot: dist }, { port: 0 });
    const loads = await firstLoad(browser, flagship.url, quick ? 3 : 7);
    await flagship.close();
    log(`first loads (ms): ${loads.map((x) => x.toFixed(0)).join(', ')}`);
    figures.push({
      label: `first load of the workbench (graph view ready), median of ${loads.length}`,
      value: Math.round(pct(loads, 50)),
      unit: 'ms',
      target: '< 2000 ms',
      met: pct(loads, 50) < 2000,
      note: `${modelPath.endsWith('russia-belarus') ? 'flagship' : 'fixture'} model, cold browser context, loopback; load average ${loadavg()[0].toFixed(1)}`,
    });

    // 2. Frame times of a 10k / 30k graph while panning and zooming (graph only: no structural
    //    analysis runs in this process while frames are measured).
    const [n, m] = quick ? [2000, 6000] : [10_000, 30_000];
    const synth = await listen({ model: syntheticModel(n, m), webRoot: dist, analyses: {} }, { port: 0 });
    const probe = await openGraph(browser, synth.url, false);
    const gl = await glInfo(probe.page);
    await probe.ctx.close();
    const env = `${browser.version()}, ${gl.renderer}, canvas ${gl.canvas} at devicePixelRatio ${gl.dpr}`;
    log(`browser: ${env}`);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const path = await pathFrames(browser, synth.url, quick ? 3 : 8);
    const mouse = await mouseFrames(browser, synth.url, quick ? 3 : 6);
    const nodesOnly = await mouseFrames(browser, synth.url, quick ? 3 : 6, true);
    const cpu = process.cpuUsage(cpu0);
    await synth.close();
    log(
      `frame runs: ${((performance.now() - t0) / 1000).toFixed(1)} s wall; this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (the browser's own processes not included)`,
    );
    const stats = (r: FrameRun) => {
      const mean = r.frames.reduce((a, b) => a + b, 0) / r.frames.length;
      return { fps: 1000 / mean, med: pct(r.frames, 50), p95: pct(r.frames, 95) };
    };
    const sp = stats(path);
    log(
      `scripted path: ${path.frames.length} frames (${path.moved} with the camera moved), median ${sp.med.toFixed(1)} ms, p95 ${sp.p95.toFixed(1)} ms, ${sp.fps.toFixed(1)} fps; full frame back ${path.restMs.toFixed(0)} ms after the stop, main thread busy at most ${path.restGap.toFixed(0)} ms at a time meanwhile`,
    );
    figures.push({
      label: `graph pan + zoom along a scripted camera path, ${path.nodes} nodes / ${path.edges} edges (frames per second while moving)`,
      value: Number(sp.fps.toFixed(1)),
      unit: 'fps',
      target: '>= 30 fps',
      met: sp.fps >= 30,
      note: `median frame ${sp.med.toFixed(1)} ms, p95 ${sp.p95.toFixed(1)} ms, ${path.frames.length} frames; motion frames (nodes as points, emphasised edges only), full frame ${path.restMs.toFixed(0)} ms after the camera stops (longest main-thread task meanwhile ${path.restGap.toFixed(0)} ms); ${env}; load average ${loadavg()[0].toFixed(1)}`,
    });
    const sm = stats(mouse);
    log(
      `mouse: ${mouse.frames.length} frames (${mouse.fullFrames} full), median ${sm.med.toFixed(1)} ms, p95 ${sm.p95.toFixed(1)} ms, ${sm.fps.toFixed(1)} fps`,
    );
    figures.push({
      label: `graph pan/zoom by mouse (drags and wheel, pauses between gestures included), ${mouse.nodes} nodes / ${mouse.edges} edges (frames per second over the interaction)`,
      value: Number(sm.fps.toFixed(1)),
      unit: 'fps',
      note: `median frame ${sm.med.toFixed(1)} ms, p95 ${sm.p95.toFixed(1)} ms; ${mouse.fullFrames} full frames drawn by sigma meanwhile (at rests between gestures, on hover changes); load average ${loadavg()[0].toFixed(1)}`,
    });
    const sn = stats(nodesOnly);
    log(
      `nodes only (mouse): ${nodesOnly.frames.length} frames (${nodesOnly.fullFrames} full), median ${sn.med.toFixed(1)} ms, p95 ${sn.p95.toFixed(1)} ms`,
    );
    figures.push({
      label: `the same by mouse with the edges filtered out, ${nodesOnly.nodes} nodes (frames per second)`,
      value: Number(sn.fps.toFixed(1)),
      unit: 'fps',
      note: `median frame ${sn.med.toFixed(1)} ms, p95 ${sn.p95.toFixed(1)} ms; load average ${loadavg()[0].toFixed(1)}`,
    });
  } finally {
    await browser.close();
  }

  // 3. API read latency, 50 concurrent keep-alive clients, server in its own process.
  const srv = await serveChild(modelPath, join(tmp, 'tyl.db'));
  try {
    const ids = (
      (await (await fetch(`${srv.url}api/entities?limit=40`)).json()) as { items: { id: string }[] }
    ).items.map((e) => e.id);
    const paths = [
      '/api/model',
      '/api/entities?kind=facility',
      '/api/graph',
      '/api/graph?asOf=2019',
      ...ids.map((id) => `/api/entities/${id}`),
      ...ids.slice(0, 10).map((id) => `/api/evidence/${id}`),
      '/api/timeline',
    ];
    await loadTest(srv.url, paths, 50, 1); // warm-up
    const lat = await loadTest(srv.url, paths, 50, quick ? 3 : 10);
    const p95 = pct(lat, 95);
    log(
      `${lat.length} requests; p50 ${pct(lat, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms`,
    );
    figures.push({
      label: 'API read p95 latency, 50 concurrent clients',
      value: Number(p95.toFixed(1)),
      unit: 'ms',
      target: '< 50 ms',
      met: p95 < 50,
      note: `${lat.length} requests in ${quick ? 3 : 10} s over ${paths.length} read endpoints (model, entities, graph, evidence, timeline); p50 ${pct(lat, 50).toFixed(1)} ms; load average ${loadavg()[0].toFixed(1)}`,
    });
  } finally {
    srv.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  return figures;
}
