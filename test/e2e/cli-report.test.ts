// End-to-end: the real `tyl report` on the flagship model and its scenario library (Markdown, few
// samples for speed), and its user errors.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTyl } from './run-tyl.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let cwd: string;

const tyl = (...args: string[]) => runTyl(cwd, args);

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tyl-report-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('tyl report on the flagship', () => {
  it('writes a Markdown report of the whole scenario library', () => {
    const r = tyl('report', '--format', 'md', '--samples', '20', '--seed', '2', '--date', '2026-01-01');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^# Dependency report: Russia's reliance on Belarus/);
    for (const h of [
      'Key findings',
      'Dependency picture',
      'Exposure',
      'Single points of failure and cut sets',
      'Scenarios',
      'Sensitivity',
      'Assumptions and estimates',
      'Sources',
    ])
      expect(md).toContain(`\n## ${h}\n`);
    expect(md).toContain('| Samples | 20 |');
    expect(md).toContain('| Seed | 2 |');
    expect(md).toContain('| Run date | 2026-01-01 |');
    // Every scenario of the library is run and reported.
    const files = readdirSync(join(root, 'models', 'russia-belarus', 'scenarios')).filter((f) =>
      f.endsWith('.yaml'),
    );
    const line = /\| Scenarios \| ([^|]+) \|/.exec(md)?.[1] ?? '';
    for (const f of files) expect(line).toContain(f.replace(/\.yaml$/, ''));
    // Findings carry percentiles and citations in the "source §section ¶n" form.
    expect(md).toMatch(/P50 [\d.]+ capability-days \(P5 [\d.]+ – P95 [\d.]+; nominal [\d.]+\)/);
    expect(md).toMatch(/Sources: ferris-2023 §[a-z0-9-]+ ¶\d+/);
    expect(md).toContain('```mermaid');
    expect(md).toContain('(estimate)');
    expect(md).toContain('[ferris-2023]');
  }, 300_000);

  it('writes HTML to --out and reports what it wrote', () => {
    const r = tyl(
      'report',
      '--scenario',
      'rail-sabotage',
      '--samples',
      '0',
      '--format',
      'html',
      '--out',
      'r.html',
      '--date',
      '2026-01-01',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^wrote r\.html \(html, \d+ bytes; seed 1, 0 samples\)/);
    const html = readFileSync(join(cwd, 'r.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Rail sabotage');
    expect(html).not.toMatch(/<script|<link|\bsrc=/i);
  }, 300_000);

  it('rejects an unknown format and a bad date with located messages', () => {
    const f = tyl('report', '--format', 'docx');
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('tyl report: --format must be one of html, md, pdf');
    const d = tyl('report', '--format', 'md', '--date', '25/11/2026');
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('tyl report: --date must be a date YYYY-MM-DD');
    const o = tyl('report', '--format', 'md', '--on', 'byy');
    expect(o.code).toBe(1);
    expect(o.stderr).toContain(
      'tyl report: --on "byy" is neither an entity nor a country of the model (did you mean "by"?)',
    );
    const s = tyl('report', '--format', 'md', '--scenario', 'rail-sabotag');
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('did you mean "rail-sabotage"');
  });
});
