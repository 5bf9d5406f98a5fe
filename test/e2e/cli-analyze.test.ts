// End-to-end: the real `tyl` executable runs analyze, simulate and sensitivity on the engine oracle
// fixture (hand-derived numbers) and on the flagship model, in a temporary working folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTyl } from './run-tyl.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/engine/analyze.js';
import type { SensitivityResult } from '../../src/engine/sensitivity/sensitivity.js';

const root = join(import.meta.dirname, '..', '..');
const fixture = join(root, 'test', 'fixtures', 'engine-oracle');
let cwd: string;

const tyl = (...args: string[]) => runTyl(cwd, args);

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tyl-analyze-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('tyl analyze on the oracle fixture', () => {
  it('computes findings, impacts and writes the full result', () => {
    const r = tyl(
      'analyze',
      fixture,
      '--samples',
      '60',
      '--seed',
      '5',
      '--workers',
      '2',
      '--json',
      '--out',
      'result.json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as AnalysisResult;
    expect(JSON.parse(readFileSync(join(cwd, 'result.json'), 'utf8'))).toEqual(out);
    expect(out.seed).toBe(5);
    expect(out.samples).toBe(60);
    expect(out.scenarios.map((s) => s.id).sort()).toEqual([
      'curve',
      'financing',
      'no-substitutes',
      'rail',
      'sanctions',
      'slowdown',
    ]);
    // Flows from BY to RU cut for 30 days: the AND capability loses all 30 days in every sample.
    const sanctions = out.scenarios.find((s) => s.id === 'sanctions')!;
    const and = sanctions.impacts.find((x) => x.id === 'and-cap')!;
    expect(and.nominal.daysLost).toBe(30);
    expect(and.mc!.daysLost.p['5']).toBe(30);
    expect(and.mc!.daysLost.p['95']).toBe(30);
    // Single points of failure found with their explaining path.
    const x = out.singlePoints.find((s) => s.node === 'and-x')!;
    expect(x.stops.map((s) => s.target)).toEqual(['and-cap']);
    expect(x.stops[0].path).toMatchObject([
      { node: 'and-cap', dependency: 'and-needs-x', provider: 'and-x' },
    ]);
    expect(out.baselineShortfalls.map((b) => b.id)).toEqual(['cyc-a']);
    expect(out.findings.some((f) => f.includes('Losing Input X (BY) alone stops 1 capability'))).toBe(true);
  });

  it('gives identical numbers for the same seed whatever the number of workers', () => {
    const a = tyl(
      'analyze',
      fixture,
      '--samples',
      '80',
      '--seed',
      '11',
      '--workers',
      '1',
      '--json',
      '--out',
      '-',
    );
    const b = tyl(
      'analyze',
      fixture,
      '--samples',
      '80',
      '--seed',
      '11',
      '--workers',
      '4',
      '--json',
      '--out',
      '-',
    );
    expect(a.code).toBe(0);
    const [ra, rb] = [JSON.parse(a.stdout) as AnalysisResult, JSON.parse(b.stdout) as AnalysisResult];
    expect(rb.workers).toBe(4);
    expect({ ...rb, workers: 1 }).toEqual(ra);
  });

  it('prints a readable report and writes tyl-analysis.json by default', () => {
    const r = tyl('analyze', fixture, '--scenario', 'rail', '--samples', '0');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Key findings');
    expect(r.stdout).toContain('Scenario impacts');
    expect(r.stdout).toMatch(/Rail outage with linear recovery\s+AND capability\s+25\.5/);
    expect(existsSync(join(cwd, 'tyl-analysis.json'))).toBe(true);
  });

  it('rejects an unknown scenario with a suggestion, and a broken one with located errors', () => {
    const r = tyl('analyze', fixture, '--scenario', 'sanction', '--samples', '0', '--out', '-');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('scenario/load: no scenario "sanction" (did you mean "sanctions"?)');
    const broken = join(root, 'test', 'fixtures', 'engine-scenario-errors', 'broken.yaml');
    const b = tyl('analyze', fixture, '--scenario', broken, '--samples', '0', '--out', '-');
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(
      /broken\.yaml:6:19: error\[unknown-entity\]: unknown entity "and-xx" \(did you mean "and-x"\?\)/,
    );
    expect(b.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('tyl simulate and tyl sensitivity', () => {
  it('simulates one scenario with nominal values', () => {
    const r = tyl('simulate', fixture, '--scenario', 'rail', '--node', 'rec-cap', '--json', '--series');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      outcomes: { id: string; daysLost: number; series: number[]; recoveredAt: number }[];
    };
    expect(out.outcomes).toHaveLength(1);
    expect(out.outcomes[0].daysLost).toBeCloseTo(25.5, 9);
    expect(out.outcomes[0].recoveredAt).toBe(40);
    expect(out.outcomes[0].series).toHaveLength(50);
  });

  it('ranks the uncertain inputs of a scenario output', () => {
    const r = tyl(
      'sensitivity',
      fixture,
      '--scenario',
      'curve',
      '--output',
      'and-cap',
      '--samples',
      '200',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as SensitivityResult;
    expect(out.rows.map((x) => x.input).sort()).toEqual(['curve/capacity-2.level', 'curve/capacity-2.onset']);
    const level = out.rows.find((x) => x.input === 'curve/capacity-2.level')!;
    // A deeper capacity cut (lower level) means more days lost.
    expect(level.rho).toBeLessThan(-0.5);
  });
});

describe('tyl analyze on the flagship', () => {
  it('runs every scenario of the library with uncertainty and compares the mitigation', () => {
    const r = tyl('analyze', '--samples', '40', '--seed', '2', '--json', '--out', '-');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as AnalysisResult;
    expect(out.model.id).toBe('russia-belarus');
    expect(out.focus).toMatchObject({ actorCountry: 'RU', onCountry: 'BY' });
    expect(out.scenarios.map((s) => s.id).sort()).toEqual([
      'belarus-regime-change',
      'rail-sabotage',
      'ru-import-substitution',
      'sanctions-financing-squeeze',
      'ukraine-break-2014',
    ]);
    expect(out.scenarios.find((s) => s.id === 'ukraine-break-2014')!.asOf).toBe('2014-01-01');
    for (const s of out.scenarios) expect(s.emptyShocks).toEqual([]);
    expect(out.mitigations).toHaveLength(1);
    expect(out.mitigations[0]).toMatchObject({
      scenario: 'ru-import-substitution',
      against: 'belarus-regime-change',
    });
    expect(out.findings.length).toBeGreaterThan(3);
    expect(out.exposure.length).toBeGreaterThan(0);
  });
});
