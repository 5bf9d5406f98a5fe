// End-to-end: `tyl report --format pdf` through the real CLI and Debian's chromium, then page 1
// rasterised by pdftoppm (poppler-utils) and checked as a real rendered page: A4 proportions and a
// plausible share of ink. The PNG is kept under test-results/ for a human to look at.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tyl.js');
const fixture = join(root, 'test', 'fixtures', 'report-small');
const results = join(root, 'test-results');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tyl-report-pdf-'));
  mkdirSync(results, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Decodes a binary greyscale PGM (P5, maxval < 256) as produced by `pdftoppm -gray`. */
export function decodePgm(buf: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const tokens: string[] = [];
  let i = 0;
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[i]))) i++;
    if (buf[i] === 0x23) {
      while (buf[i] !== 0x0a) i++; // comment line
      continue;
    }
    let t = '';
    while (!/\s/.test(String.fromCharCode(buf[i]))) t += String.fromCharCode(buf[i++]);
    tokens.push(t);
  }
  i++; // the single whitespace after maxval
  const [magic, w, h, max] = tokens;
  if (magic !== 'P5' || Number(max) > 255) throw new Error(`not an 8-bit binary PGM: ${tokens.join(' ')}`);
  const width = Number(w);
  const height = Number(h);
  return { width, height, pixels: new Uint8Array(buf.subarray(i, i + width * height)) };
}

describe('tyl report --format pdf', () => {
  it('prints a real A4 report whose first page is rendered text and figures', () => {
    const pdf = join(dir, 'report.pdf');
    const r = spawnSync(
      process.execPath,
      [bin, 'report', fixture, '--format', 'pdf', '--out', pdf, '--samples', '50', '--date', '2026-01-01'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.stderr).toContain('wrote');
    expect(r.status).toBe(0);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1])).toBeGreaterThan(2);
    expect(info.stdout).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);

    const png = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      join(results, 'report-small-page1'),
    ]);
    expect(png.status).toBe(0);
    const pgm = spawnSync('pdftoppm', [
      '-gray',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      join(dir, 'page1'),
    ]);
    expect(pgm.status).toBe(0);
    const { width, height, pixels } = decodePgm(readFileSync(join(dir, 'page1.pgm')));
    // A4 at 50 dpi: 8.27 x 11.69 in.
    expect(Math.abs(width - 413)).toBeLessThanOrEqual(2);
    expect(Math.abs(height - 585)).toBeLessThanOrEqual(2);
    let dark = 0;
    for (const p of pixels) if (p < 160) dark++;
    const share = dark / pixels.length;
    expect(share).toBeGreaterThan(0.01); // not blank
    expect(share).toBeLessThan(0.35); // not a black or failed page
    // Ink in the top tenth (the title) and in the lower half (findings): a laid-out page.
    const band = (y0: number, y1: number) => {
      let n = 0;
      for (let y = Math.floor(y0 * height); y < y1 * height; y++)
        for (let x = 0; x < width; x++) if (pixels[y * width + x] < 160) n++;
      return n;
    };
    expect(band(0, 0.1)).toBeGreaterThan(200);
    expect(band(0.5, 0.95)).toBeGreaterThan(500);
  }, 180_000);
});
