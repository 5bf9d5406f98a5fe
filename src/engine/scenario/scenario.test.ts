// Scenario files on the engine-oracle fixture: parsing with located errors, selectors, and the
// simulated outcome of each shock type against hand-derived values.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixture } from '../../../test/fixtures/engine-load.js';
import { formatProblem } from '../../model/problem.js';
import { compile } from '../compile.js';
import { simulate } from '../simulate/simulate.js';
import { parseScenario } from './parse-scenario.js';
import { planScenario, resolveScenario, scenarioQuantities } from './plan-scenario.js';
import type { Scenario } from './scenario-schema.js';

const model = loadFixture('engine-oracle');
const dir = join(import.meta.dirname, '../../../test/fixtures/engine-oracle/scenarios');
const cm = compile(model);
const load = (name: string): Scenario => {
  const r = parseScenario(readFileSync(join(dir, `${name}.yaml`), 'utf8'), `scenarios/${name}.yaml`, {
    model,
  });
  expect(r.problems.map(formatProblem)).toEqual([]);
  return r.scenario!;
};
const run = (name: string) => {
  const res = simulate(cm, planScenario(cm, load(name)), { outputs: 'all' });
  return (id: string) => res.outcomes.find((o) => o.id === id)!;
};
const range = (n: number, v: number) => Array.from({ length: n }, () => v);

describe('parseScenario', () => {
  it('reports every mistake located, with suggestions', () => {
    const r = parseScenario(
      readFileSync(join(dir, '../../engine-scenario-errors/broken.yaml'), 'utf8'),
      'broken.yaml',
      { model },
    );
    expect(r.scenario).toBeUndefined();
    expect(r.problems.map(formatProblem)).toEqual([
      'broken.yaml:3:28: error[unit-mismatch]: "horizon" is a time quantity but its unit "percent" measures fraction (use days, weeks, months…)',
      'broken.yaml:6:19: error[unknown-entity]: unknown entity "and-xx" (did you mean "and-x"?)',
      'broken.yaml:7:5: error[unknown-field]: unknown field "onest" (did you mean "onset"?)',
      'broken.yaml:9:21: error[unknown-kind]: unknown entity kind "facilty" (did you mean "facility"?)',
      'broken.yaml:10:11: error[shock]: outage shock: "from" applies to link shocks; an outage acts on "target" nodes',
      'broken.yaml:12:22: error[unknown-country]: unknown country "BX" (did you mean "BY"?)',
      'broken.yaml:13:16: error[unknown-tag]: unknown tag "rial" (did you mean "rail"?)',
      'broken.yaml:14:5: error[shock]: capacity shock: needs "level" (the fraction of capacity left) or a "curve"',
      'broken.yaml:16:11: error[schema]: "type": expected one of outage, capacity, slowdown, loss-of-substitutes, sanctions, financing; got "slowdwn" (did you mean "slowdown"?)',
    ]);
  });

  it('reports YAML syntax errors at their position', () => {
    const r = parseScenario('id: x\ntitle: "open\nshocks: []\n', 'x.yaml');
    expect(r.problems[0].code).toBe('yaml-syntax');
    expect(r.problems[0].at?.file).toBe('x.yaml');
  });

  it('normalises units and fills defaults', () => {
    const s = parseScenario(
      'id: x\ntitle: X\nhorizon: { value: 2, unit: weeks }\nshocks:\n  - { type: outage, target: and-x, duration: { value: 1, unit: weeks } }\n',
      'x.yaml',
      { model },
    ).scenario!;
    expect(s.horizon).toBe(14);
    expect(s.step).toBe(1);
    expect(s.shocks[0].duration?.nominal).toBe(7);
    expect(s.shocks[0].onset.nominal).toBe(0);
    expect(s.shocks[0].level.nominal).toBe(0);
  });
});

describe('scenarios: selectors and shock types', () => {
  it('sanctions cut every flow from BY providers to RU dependants, and nothing else', () => {
    const o = run('sanctions');
    expect(o('and-cap').series).toEqual(range(30, 0));
    expect(o('part-cap').min).toBeCloseTo(0.6, 12);
    // The Chinese substitute is not sanctioned: it takes over after its 20-day lead time.
    expect(o('alt-cap').series![19]).toBe(0);
    expect(o('alt-cap').series![20]).toBeCloseTo(0.3, 12);
    expect(o('buf-cap').timeToImpact).toBe(7);
    expect(o('fin-cap').min).toBe(1);
    expect(o('and-x').min).toBe(1);
  });

  it('financing cuts credit from finance-tagged providers for its duration', () => {
    const o = run('financing');
    expect(o('fin-cap').series).toEqual([...range(10, 0.5), ...range(10, 1)]);
    expect(o('and-cap').min).toBe(1);
  });

  it('an outage selected by tag recovers linearly', () => {
    const o = run('rail');
    expect(o('rec-cap').daysLost).toBeCloseTo(25.5, 10);
    expect(o('and-cap').recoveredAt).toBe(40);
    expect(o('part-cap').min).toBe(1);
  });

  it('a slowdown leaves a delivery gap as long as the delay', () => {
    const o = run('slowdown');
    expect(o('alt-cap').series).toEqual([...range(5, 0), ...range(25, 1)]);
  });

  it('loss of substitutes removes the substitute while it lasts', () => {
    const o = run('no-substitutes');
    const s = o('alt-cap').series!;
    // Substitute: lead 20 days, ramp 7 days: full 0.3 from day 27; lost on days 25..29.
    expect(s[19]).toBe(0);
    expect(s[24]).toBeCloseTo((0.3 * 4) / 7, 12);
    expect(s.slice(25, 30)).toEqual(range(5, 0));
    expect(s[30]).toBeCloseTo(0.3, 12);
  });

  it('capacity curves are sampled on the step grid; ranges enter at their nominal value', () => {
    const s = load('curve');
    const res = simulate(cm, planScenario(cm, s), { outputs: ['part-cap', 'and-y'] });
    expect(res.steps).toBe(5);
    // part-x level at days 0, 2, 4, 6, 8: 0, 0.25, 0.5, 0.75, 1; criticality 0.4.
    expect(res.outcomes[0].series).toEqual([0.6, 0.7, 0.8, 0.9, 1].map((v) => expect.closeTo(v, 12)));
    // and-y (a Russian facility) at 0.4 from the nominal onset 2 (the triangular mode).
    expect(res.outcomes[1].series).toEqual([1, 0.4, 0.4, 0.4, 0.4].map((v) => expect.closeTo(v, 12)));
    const labels = scenarioQuantities(s)
      .filter((q) => q.quantity.min !== q.quantity.max)
      .map((q) => q.label);
    expect(labels).toEqual(['curve/capacity-2.level', 'curve/capacity-2.onset']);
    expect(resolveScenario(cm, s).empty).toEqual([]);
  });
});
