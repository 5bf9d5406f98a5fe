// Golden files of the Markdown and HTML reports of the report-small fixture (its model and all of
// its scenarios, 100 seeded samples). Numbers are rounded to two decimals before comparing; on a
// mismatch the new rendering is written beside the golden file as <name>-changed.<ext> and the
// test fails. UPDATE_GOLDEN=1 rewrites the golden files.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModel } from '../store/read-model.js';
import { loadScenarios } from '../cli/scenario-arg.js';
import type { Model } from '../model/types.js';
import { reportData, type ReportData } from './report-data.js';
import { buildReport } from './build-report.js';
import { renderMarkdown } from './render-markdown.js';
import { renderHtml } from './render-html.js';
import type { ReportDocument } from './report-document.js';

const root = join(import.meta.dirname, '..', '..');
const fixture = join(root, 'test', 'fixtures', 'report-small');
const goldenDir = join(root, 'test', 'golden', 'report');

/** Rounds every decimal number in a text to two decimals (trailing zeros dropped). */
export function roundNumbers(text: string): string {
  return text.replace(/-?\d+\.\d+/g, (m) => {
    const r = Number(Number(m).toFixed(2));
    return String(Object.is(r, -0) ? 0 : r);
  });
}

function checkGolden(name: string, actual: string): void {
  const golden = join(goldenDir, name);
  const changed = golden.replace(/\.(\w+)$/, '-changed.$1');
  const got = roundNumbers(actual);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
    writeFileSync(golden, got);
    rmSync(changed, { force: true });
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`no golden file ${golden}: written, check it and re-run`);
    return;
  }
  const want = readFileSync(golden, 'utf8');
  if (got !== want) {
    writeFileSync(changed, got);
    expect.fail(`${name} differs from its golden file; see ${changed} (UPDATE_GOLDEN=1 to accept)`);
  }
  rmSync(changed, { force: true });
}

let model: Model;
let data: ReportData;
let doc: ReportDocument;

beforeAll(async () => {
  model = readModel(fixture, root);
  const scenarios = loadScenarios(undefined, fixture, model, root);
  data = await reportData(model, scenarios, { samples: 100, seed: 3, workers: 0 });
  doc = buildReport(data, model, { date: '2026-01-01' });
}, 120_000);

describe('report golden files (report-small)', () => {
  it('Markdown matches', () => checkGolden('report-small.md', renderMarkdown(doc)));
  it('HTML matches', () => checkGolden('report-small.html', renderHtml(doc)));

  it('is the same document for the same seed, and another for another seed', async () => {
    const scenarios = loadScenarios(undefined, fixture, model, root);
    const again = buildReport(
      await reportData(model, scenarios, { samples: 100, seed: 3, workers: 2 }),
      model,
      {
        date: '2026-01-01',
      },
    );
    expect(renderMarkdown(again)).toBe(renderMarkdown(doc));
    const other = buildReport(
      await reportData(model, scenarios, { samples: 100, seed: 4, workers: 0 }),
      model,
      {
        date: '2026-01-01',
      },
    );
    expect(renderMarkdown(other)).not.toBe(renderMarkdown(doc));
  }, 120_000);

  it('cites every finding it can and says estimates are estimates', () => {
    const findings = doc.sections.find((s) => s.id === 'findings')!.blocks.find((b) => b.type === 'findings');
    expect(findings?.type).toBe('findings');
    if (findings?.type !== 'findings') return;
    // Hand-checked on the fixture: the chassis plant, the rail chain (3 nodes) and the radar works
    // are single points of failure; the two radar makers form the one order-2 cut set.
    expect(
      findings.findings
        .filter((f) => f.id.startsWith('spof-'))
        .map((f) => f.id)
        .sort(),
    ).toEqual(['spof-border', 'spof-corridor', 'spof-stw', 'spof-transit']);
    expect(findings.findings.find((f) => f.id === 'cut-sets')?.text).toContain(
      'Southland radar works and Northland radar institute',
    );
    for (const f of findings.findings.filter((x) => x.id.startsWith('spof-') || x.id.startsWith('scenario-')))
      expect(f.cite.length, f.id).toBeGreaterThan(0);
    const scen = findings.findings.find((f) => f.id === 'scenario-plant-outage')!;
    expect(Object.keys(scen.numbers[0].p ?? {})).toEqual(['5', '50', '95']);
    const md = renderMarkdown(doc);
    // The three quantities marked estimate on the paths that matter, each said to be an estimate.
    expect(md).toContain(
      '| buffer | 60 days (estimate) | 30 days – 90 days (uniform) | Stock of spare chassis guessed from fleet size.',
    );
    expect(md.match(/\(estimate\) \|/g)?.length).toBeGreaterThanOrEqual(3);
    expect(md).toContain('brief §industry ¶1');
  });

  it('HTML is self-contained: no script, no external resource', () => {
    const html = renderHtml(doc);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(\s*['"]?http/i);
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(5); // graph, 3 curves, bars, tornadoes
  });
});
