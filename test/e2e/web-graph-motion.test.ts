// End-to-end test of the graph view's motion frames (web/src/views/motion-sigma.ts) in Debian's
// Chromium: on a graph large enough for them, moving the camera shows the light motion frame
// (nodes, no ordinary edges), and once the camera stops sigma's full frame, with every edge, is on
// screen again. Assertions read the pixels of real screenshots, not timings.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticModel } from '../../bench/web.bench.js';
import { listen } from '../../src/server/adapter/node.js';
import { ensureWebBuilt } from '../../src/server/build-web.js';
import { CHROMIUM_ARGS } from '../../src/report/render-pdf.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results');
const ARGS = [...CHROMIUM_ARGS, '--enable-unsafe-swiftshader'];

interface Pixels {
  /** Light grey pixels: relation edges are drawn #d0d0d0 (nodes are coloured, labels dark). */
  edgeGrey: number;
  /** Pixels that are neither background nor grey: nodes. */
  coloured: number;
  /** Pixels of the colour of companies (#4e79a7), one of the kinds: node colours survive motion. */
  company: number;
}

describe.skipIf(!existsSync(CHROMIUM))('graph motion frames in Chromium', () => {
  let tmp: string;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'tyl-e2e-motion-'));
    const { dist } = await ensureWebBuilt({ force: true, outDir: join(tmp, 'dist') });
    // 2,000 nodes + 6,000 edges: above the 5,000 items from which motion frames are drawn.
    server = await listen({ model: syntheticModel(2000, 6000), webRoot: dist, analyses: {} }, { port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    await ctx.addInitScript({ content: 'window.__name = (f) => f;' });
    page = await ctx.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Counts pixels of the graph canvas in a real screenshot, decoded by the browser itself. */
  const pixels = async (name: string): Promise<Pixels> => {
    const box = (await page.locator('#graph-canvas').boundingBox())!;
    const png = await page.screenshot({ clip: box, path: join(SHOTS, `web-motion-${name}.png`) });
    return page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(img.width, img.height).getContext('2d')!;
      c.drawImage(img, 0, 0);
      const d = c.getImageData(0, 0, img.width, img.height).data;
      let edgeGrey = 0;
      let coloured = 0;
      let company = 0;
      for (let i = 0; i < d.length; i += 4) {
        const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
        const grey = Math.abs(r - g) < 6 && Math.abs(g - b) < 6;
        if (grey && r >= 196 && r <= 222) edgeGrey++;
        else if (!grey) coloured++;
        if (Math.abs(r - 0x4e) < 12 && Math.abs(g - 0x79) < 12 && Math.abs(b - 0xa7) < 12) company++;
      }
      return { edgeGrey, coloured, company };
    }, png.toString('base64'));
  };
  const phase = () =>
    page.evaluate(() => document.querySelector<HTMLElement>('#graph-canvas')!.dataset.motion);

  it('draws the light frame while the camera moves and every edge again once it stops', async () => {
    await page.goto(`${server.url}#view=graph`);
    await page.waitForFunction(() => document.body.dataset.ready === 'graph', undefined, {
      timeout: 120_000,
    });
    expect(await phase()).toBeUndefined();
    const rest = await pixels('rest');
    expect(rest.edgeGrey).toBeGreaterThan(5000);
    expect(rest.coloured).toBeGreaterThan(1000);
    expect(rest.company).toBeGreaterThan(500);

    // A long camera animation (as the wheel and inertia drive it) keeps the camera moving.
    await page.evaluate(() => {
      const w = window as unknown as {
        __tylGraph: { renderer: { getCamera(): { animate(s: object, o: object): Promise<void> } } };
      };
      void w.__tylGraph.renderer.getCamera().animate({ ratio: 0.6, x: 0.45 }, { duration: 6000 });
    });
    await expect.poll(phase, { timeout: 10_000 }).toBe('moving');
    await page.waitForTimeout(500);
    const visibility = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLCanvasElement>('#graph-canvas canvas')].map(
          (c) => `${c.className}:${c.style.visibility || 'visible'}`,
        ),
      );
    expect(await visibility()).toEqual(['sigma-stage:hidden', 'sigma-motion:visible']);
    const moving = await pixels('moving');
    // Nodes are drawn in motion frames; ordinary edges are not (a node may be grey-ish at its rim).
    expect(moving.coloured).toBeGreaterThan(rest.coloured / 4);
    expect(moving.company).toBeGreaterThan(rest.company / 4);
    expect(moving.edgeGrey).toBeLessThan(rest.edgeGrey / 10);

    // When the animation ends, sigma's full frame comes back with its edges.
    await expect.poll(phase, { timeout: 90_000, interval: 200 }).toBe('idle');
    expect(await visibility()).toEqual(['sigma-stage:visible', 'sigma-motion:hidden']);
    const after = await pixels('stopped');
    expect(after.edgeGrey).toBeGreaterThan(5000);
    expect(after.edgeGrey).toBeGreaterThan(moving.edgeGrey * 10);

    // A real mouse drag: motion frames while the button is held, even when the pointer pauses
    // longer than the rest delay; the full frame once it is released and the inertia has run out.
    const box = (await page.locator('#graph-canvas').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(cx + 15 * i, cy + 5 * i);
    await expect.poll(phase, { timeout: 10_000 }).toBe('moving');
    await page.waitForTimeout(1000);
    expect(await phase()).toBe('moving');
    await page.mouse.up();
    await expect.poll(phase, { timeout: 90_000, interval: 200 }).toBe('idle');
    expect((await pixels('dragged')).edgeGrey).toBeGreaterThan(5000);
  }, 240_000);

  it('a camera that moves again while the full frame is being drawn comes to rest again', async () => {
    await page.goto(`${server.url}#view=graph`);
    await page.waitForFunction(() => document.body.dataset.ready === 'graph', undefined, {
      timeout: 120_000,
    });
    // The full render at the rest (phase still `moving`, no animation left) moves the camera again
    // at once: the motion layer has just issued that frame and waits for the GPU to finish it.
    const moves = await page.evaluate(() => {
      type Cam = {
        getState(): { x: number };
        setState(s: object): void;
        animate(s: object, o: object): Promise<void>;
        isAnimating(): boolean;
      };
      const r = (
        window as unknown as {
          __tylGraph: {
            renderer: { getCamera(): Cam; on(e: string, f: () => void): void; motionPhase: string };
          };
        }
      ).__tylGraph.renderer;
      const w = window as unknown as { __moves: number };
      w.__moves = 0;
      r.on('afterRender', () => {
        if (r.motionPhase !== 'moving' || r.getCamera().isAnimating() || w.__moves > 0) return;
        w.__moves++;
        r.getCamera().setState({ x: r.getCamera().getState().x + 0.05 });
      });
      void r.getCamera().animate({ ratio: 0.8 }, { duration: 400 });
      return w.__moves;
    });
    expect(moves).toBe(0);
    await expect.poll(phase, { timeout: 10_000 }).toBe('moving');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __moves: number }).__moves), {
        timeout: 90_000,
      })
      .toBe(1);
    await expect.poll(phase, { timeout: 90_000, interval: 200 }).toBe('idle');
    expect((await pixels('moved-while-drawing')).edgeGrey).toBeGreaterThan(5000);
  }, 240_000);
});
