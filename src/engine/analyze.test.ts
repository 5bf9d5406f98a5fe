import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../test/fixtures/engine-load.js';
import { parseScenario } from './scenario/parse-scenario.js';
import { extendScenario } from './scenario/plan-scenario.js';
import { analyze } from './analyze.js';

const model = loadFixture('engine-oracle');
const scenario = (text: string) => {
  const r = parseScenario(text, 's.yaml', { model });
  expect(r.problems).toEqual([]);
  return r.scenario!;
};

describe('analyze', () => {
  it('computes exposure, single points of failure with paths, and scenario impacts', async () => {
    const threat = scenario(
      'id: t\ntitle: Incumbent out\nhorizon: 40\nshocks:\n  - { type: outage, target: alt-inc, duration: { min: 10, max: 30 } }\n',
    );
    const fix = scenario(
      'id: m\ntitle: Faster substitute\nextends: t\nhorizon: 40\nmitigation: { cost: { value: 2, unit: million USD }, lead_time: 0 }\nadds:\n  - { dependency: alt-needs-chassis, provider: alt-sub, share: 1, quality: 1, lead_time: 5 }\nshocks: []\n',
    );
    const r = await analyze(model, [threat, extendScenario(threat, fix)], {
      samples: 100,
      seed: 4,
      workers: 0,
      actor: 'RU',
      on: 'BY',
    });
    expect(r.focus).toMatchObject({ actorCountry: 'RU', onCountry: 'BY' });
    // AND capability: one of its two inputs is Belarusian, criticality 1 each -> exposure 1/2.
    expect(r.exposure.find((e) => e.id === 'and-cap')!.exposure).toBeCloseTo(0.5, 9);
    expect(r.exposure.find((e) => e.id === 'part-cap')!.exposure).toBeCloseTo(1, 9);
    // Belarusian single points of failure come first.
    expect(r.singlePoints[0].country).toBe('BY');
    expect(r.singlePoints.map((s) => s.node)).toContain('and-y');
    expect(r.baselineShortfalls).toEqual([{ id: 'cyc-a', name: 'Cycle A', level: expect.closeTo(2 / 3, 6) }]);
    // The incumbent is out d = 10..30 days; the old substitute (share x quality 0.3) comes in after
    // 20 days: the threat costs min(d, 20) + 0.7 max(0, d - 20), between 10 and 27 days.
    const t = r.scenarios[0].impacts.find((x) => x.id === 'alt-cap')!;
    expect(t.mc!.daysLost.p['5']!).toBeGreaterThanOrEqual(10);
    expect(t.mc!.daysLost.p['95']!).toBeLessThanOrEqual(27);
    expect(t.mc!.daysLost.p['95']!).toBeGreaterThan(20);
    // The mitigation's substitute covers fully after 5 days: it saves (loss - 5) in every sample.
    const m = r.mitigations[0];
    expect(m).toMatchObject({ scenario: 'm', against: 't' });
    expect(m.saved.p!['5']!).toBeGreaterThanOrEqual(5);
    expect(m.savedPerCost).toBeCloseTo(m.saved.p!['50']! / 2, 9);
    expect(r.findings.some((f) => f.startsWith('Mitigation "Faster substitute" saves'))).toBe(true);
  });
});
