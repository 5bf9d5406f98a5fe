// End-to-end tests of the workbench in a real browser: Debian's Chromium driven by playwright-core,
// against the real server (engine, SQLite workspace, built web client) on 127.0.0.1. Each view is
// used as an analyst would, and screenshots are saved under test-results/.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../src/server/build-web.js';
import { serveWorkbench, type ServingWorkbench } from '../../src/server/serve-workbench.js';
import { CHROMIUM_ARGS } from '../../src/report/render-pdf.js';
import { readModel } from '../../src/store/read-model.js';

const CHROMIUM = '/usr/bin/chromium';
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'workbench');
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results');
// WebGL (sigma.js, MapLibre) needs software rendering in a GPU-less headless browser.
const ARGS = [...CHROMIUM_ARGS, '--enable-unsafe-swiftshader'];

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`skipping browser tests: ${CHROMIUM} not found (apt-get install chromium)`);

describe.skipIf(!haveChromium)('workbench in Chromium', () => {
  let server: ServingWorkbench;
  let ctx: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'tyl-e2e-'));
    const { dist } = await ensureWebBuilt({ force: true, outDir: join(tmp, 'dist') });
    server = await serveWorkbench({
      model: readModel(FIXTURE),
      modelPath: FIXTURE,
      workspace: join(tmp, 'tyl.db'),
      port: 0,
      webRoot: dist,
    });
    ctx = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1366, height: 800 },
    });
    page = await ctx.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    // Nothing may leave the machine: every request goes to the server under test.
    page.on(
      'request',
      (r) =>
        !r.url().startsWith(server.url) &&
        !r.url().startsWith('blob:') &&
        !r.url().startsWith('data:') &&
        problems.push(`off-host request: ${r.url()}`),
    );
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await ctx?.close();
    await server?.stop();
  });

  const open = async (hash: string, view: string) => {
    await page.goto(`${server.url}#${hash}`);
    await page.waitForFunction((v) => document.body.dataset.ready === v, view);
  };
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `web-${name}.png`) });

  it('graph: selecting a capability lights up what it rests on and marks single points of failure', async () => {
    await open('view=graph', 'graph');
    await expect.poll(() => page.locator('#g-info').textContent()).toBe('13 of 13 nodes');
    await open('view=graph&sel=strike', 'graph');
    await expect.poll(() => page.locator('#panel h2').textContent()).toContain('Long-range strike');
    // Upstream of strike: stw, nap, transit, corridor, border; SPOFs: stw, transit, corridor, border.
    await expect
      .poll(() => page.locator('#g-info').textContent())
      .toBe('13 of 13 nodes · 5 upstream of the selection, 4 single points of failure');
    await shot('graph-selected');
    // The as-of slider replays the past: in 2015 the Northland Auto Plant (2016) and both events do not exist yet.
    await page.locator('#g-date').fill('2015');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('date=2015');
    await expect
      .poll(() => page.locator('#g-info').textContent())
      .toBe('10 of 13 nodes valid in 2015 · 4 upstream of the selection, 4 single points of failure');
    await page.locator('#g-kind').selectOption('facility');
    await expect.poll(() => page.locator('#g-info').textContent()).toMatch(/^3 of 13 nodes valid in 2015/);
    await shot('graph-2015-facilities');
  });

  it('map: draws located facilities and rail links on the offline basemap', async () => {
    await open('view=map', 'map');
    await expect
      .poll(() => page.locator('#m-info').textContent())
      .toBe('5 located entities of 13; 1 rail/transit links');
    const rendered = () =>
      page.evaluate(
        () =>
          (
            window as unknown as { __tylMap: { queryRenderedFeatures(o: object): unknown[] } }
          ).__tylMap.queryRenderedFeatures({ layers: ['points'] }).length,
      );
    await expect.poll(rendered, { timeout: 15_000 }).toBe(5);
    const countries = await page.evaluate(
      () =>
        (
          window as unknown as { __tylMap: { querySourceFeatures(s: string): unknown[] } }
        ).__tylMap.querySourceFeatures('countries').length,
    );
    expect(countries).toBeGreaterThan(50);
    await shot('map');
  });

  it('timeline: shows events and validity spans; a click opens the entity', async () => {
    await open('view=timeline', 'timeline');
    await expect(page.locator('.timeline .span').count()).resolves.toBe(4);
    await expect(page.locator('.timeline .event').count()).resolves.toBe(2);
    await page.locator('.timeline .span[data-id="stw-supplies-brigade"]').click();
    await expect.poll(() => page.locator('#panel h2').textContent()).toContain('Southland Tractor Works');
    await shot('timeline');
  });

  it('scenarios: runs a scenario with progress and plots the levels with bands', async () => {
    await open('view=scenarios&scenario=stw-outage', 'scenarios');
    await expect.poll(() => page.locator('#s-yaml').inputValue()).toMatch(/^id: stw-outage/);
    await page.locator('#s-samples').fill('40');
    await page.locator('#s-run').click();
    await page.locator('#s-chart svg').first().waitFor({ timeout: 60_000 });
    const row = page.locator('#s-table tr', { hasText: 'Long-range strike' });
    // Minimum level: 1 - criticality 0.9 while the plant is down and the buffer has run dry.
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('10%');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/runs=r?[\w-]+/);
    await shot('scenarios-run');
  });

  it('vulnerabilities: sortable tables whose rows open the explaining path', async () => {
    await open('view=vulnerabilities', 'vulnerabilities');
    const row = page.locator('#v-capabilities tbody tr', { hasText: 'Long-range strike' });
    await row.click();
    await expect(page.locator('#v-explain [data-spof]').count()).resolves.toBe(4);
    await expect
      .poll(() => page.locator('#v-explain [data-spof="border"]').textContent())
      .toBe('Long-range strike ← Rail transit to the front ← Southland rail corridor ← Border station §');
    // Sorting by a header reorders (and is reachable by keyboard).
    await page.locator('#v-capabilities th', { hasText: 'exposure' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#v-capabilities th[aria-sort="ascending"]').textContent())
      .toContain('exposure');
    await shot('vulnerabilities');
  });

  it('evidence: a citation opens its paragraph in the reader with mentions highlighted', async () => {
    await open('view=graph&sel=stw', 'graph');
    await page.locator('#panel h2 .cite-link').click();
    await page.waitForFunction(() => document.body.dataset.ready === 'evidence');
    const cite = page.locator('#e-citations .cite-anchor', { hasText: 'brief › industry ¶1' });
    await cite.click();
    const target = page.locator('#e-reader .para.target');
    await expect.poll(() => target.getAttribute('data-anchor')).toBe('industry/1');
    await expect
      .poll(() => target.locator('mark[data-entity="stw"]').textContent())
      .toBe('Southland Tractor Works');
    await expect(target.isVisible()).resolves.toBe(true);
    await shot('evidence-reader');
  });

  it('search and keyboard: / focuses search, a paragraph hit opens the reader, digits switch views', async () => {
    await open('view=graph', 'graph');
    await page.keyboard.press('/');
    await page.keyboard.type('upgraded');
    const hit = page.locator('#search-results .hit', { hasText: '¶2' });
    await hit.click();
    await expect
      .poll(() => page.locator('#e-reader .para.target').getAttribute('data-anchor'))
      .toBe('transit/2');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('3');
    await page.waitForFunction(() => document.body.dataset.ready === 'timeline');
    expect(await page.evaluate(() => location.hash)).toContain('view=timeline');
    await shot('search-keyboard');
  });

  it('loads with no page errors and no request leaving the machine', () => {
    expect(problems).toEqual([]);
  });
});
