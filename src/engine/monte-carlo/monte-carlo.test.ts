import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/fixtures/engine-load.js';
import { parseScenario } from '../scenario/parse-scenario.js';
import { monteCarlo } from './monte-carlo.js';
import { percentile, percentiles } from './percentile.js';
import { sampleQuantity } from './sample-quantity.js';
import { stream } from './random.js';
import type { Quantity } from '../../model/types.js';

const model = loadFixture('engine-compile');
const oracle = loadFixture('engine-oracle');
const scenario = (text: string, m = model) => {
  const r = parseScenario(text, 's.yaml', { model: m });
  expect(r.problems).toEqual([]);
  return r.scenario!;
};
const plantOut = scenario(
  'id: plant-out\ntitle: Plant out\nhorizon: 60\nshocks:\n  - { type: outage, target: plant, duration: { min: 5, max: 40 }, recovery: { median: 5, sigma: 0.5 } }\n',
);

describe('random streams and sampling', () => {
  it('depends only on (seed, sample, key)', () => {
    const a = stream(7, 3, 11);
    const b = stream(7, 3, 11);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(stream(7, 4, 11)()).not.toBe(xs[0]);
    expect(stream(8, 3, 11)()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  const q = (x: Partial<Quantity>): Quantity => ({
    dist: 'point',
    nominal: 0,
    min: 0,
    max: 0,
    cite: [],
    estimate: false,
    ...x,
  });
  const draw = (quantity: Quantity, n = 20000) =>
    Float64Array.from({ length: n }, (_, i) => sampleQuantity(quantity, stream(1, i, 5)));
  const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('draws each distribution within its bounds with the textbook mean', () => {
    const u = draw(q({ dist: 'uniform', min: 2, max: 6, nominal: 4 }));
    expect(mean(u)).toBeCloseTo(4, 1);
    expect(Math.min(...u) >= 2 && Math.max(...u) <= 6).toBe(true);
    // Triangular mean (a + b + c) / 3; PERT mean (a + 4m + b) / 6.
    expect(mean(draw(q({ dist: 'triangular', min: 0, mode: 1, max: 5, nominal: 1 })))).toBeCloseTo(2, 1);
    const pert = draw(q({ dist: 'pert', min: 0, mode: 1, max: 5, nominal: 1 }));
    expect(mean(pert)).toBeCloseTo(1.5, 1);
    expect(Math.min(...pert) >= 0 && Math.max(...pert) <= 5).toBe(true);
    // Lognormal: the median is the median.
    expect(percentile(draw(q({ dist: 'lognormal', median: 10, sigma: 0.5, nominal: 10 })), 50)).toBeCloseTo(
      10,
      0,
    );
    expect(sampleQuantity(q({ nominal: 3, min: 3, max: 3 }), stream(1, 1, 1))).toBe(3);
  });

  it('percentiles interpolate between order statistics', () => {
    expect(percentiles([4, 1, 3, 2, 5], [0, 25, 50, 100])).toEqual([1, 2, 3, 5]);
    expect(percentile([1, 2], 50)).toBe(1.5);
    expect(percentile([1, Infinity, Infinity], 95)).toBe(Infinity);
  });
});

describe('monteCarlo', () => {
  it('gives bit-identical results for the same seed with 1 and 4 workers (and in-thread)', async () => {
    const opts = { samples: 64, seed: 42 };
    const one = await monteCarlo(model, [plantOut], { ...opts, workers: 1 });
    const four = await monteCarlo(model, [plantOut], { ...opts, workers: 4 });
    const inThread = await monteCarlo(model, [plantOut], { ...opts, workers: 0 });
    expect(Array.from(four.outputs)).toEqual(Array.from(one.outputs));
    expect(Array.from(four.inputs)).toEqual(Array.from(one.inputs));
    expect(Array.from(inThread.outputs)).toEqual(Array.from(one.outputs));
    expect(four.scenarios).toEqual(one.scenarios);
    const other = await monteCarlo(model, [plantOut], { ...opts, seed: 43, workers: 0 });
    expect(Array.from(other.outputs)).not.toEqual(Array.from(one.outputs));
  }, 60_000);

  it('samples model and scenario quantities, and reports percentiles of capability outcomes', async () => {
    const mc = await monteCarlo(model, [plantOut], { samples: 400, seed: 3, workers: 0 });
    expect(mc.seed).toBe(3);
    expect(mc.inputLabels).toEqual([
      'cap-needs-plant.criticality',
      'cap-needs-plant/new.quality',
      'plant-out/outage-1.duration',
      'plant-out/outage-1.recovery',
    ]);
    const cap = mc.scenarios[0].outcomes.find((o) => o.id === 'cap')!;
    const lost = cap.metrics.daysLost;
    expect(lost.p['5']!).toBeLessThan(lost.p['50']!);
    expect(lost.p['50']!).toBeLessThan(lost.p['95']!);
    // The plant is out for 5..40 days then recovers; the 14-day buffer covers the first 14 days.
    expect(cap.hitRate).toBeGreaterThan(0.5);
    expect(cap.hitRate).toBeLessThan(1);
    expect(cap.metrics.min.p['5']!).toBeGreaterThanOrEqual(0);
  });

  it('shares common random numbers across scenarios: a threat and its mitigation draw the same inputs', async () => {
    const threat = scenario(
      'id: t\ntitle: T\nhorizon: 40\nshocks:\n  - { type: outage, target: alt-inc, duration: { min: 10, max: 30 } }\n',
      oracle,
    );
    const mitigated = scenario(
      'id: m\ntitle: M\nextends: t\nhorizon: 40\nmitigation: { lead_time: 0 }\nadds:\n  - { dependency: alt-needs-chassis, provider: alt-sub, share: 1, quality: 1, lead_time: 5 }\nshocks: []\n',
      oracle,
    );
    const { extendScenario } = await import('../scenario/plan-scenario.js');
    const mc = await monteCarlo(oracle, [threat, extendScenario(threat, mitigated)], {
      samples: 50,
      seed: 9,
      workers: 0,
      outputs: ['alt-cap'],
    });
    expect(mc.inputLabels).toEqual(['t/outage-1.duration']);
    const t = mc.scenarios[0].outcomes[0].metrics.daysLost;
    const m = mc.scenarios[1].outcomes[0].metrics.daysLost;
    // With the upgraded substitute the loss is capped at its 5-day lead time.
    expect(m.p['95']).toBe(5);
    expect(t.p['5']!).toBeGreaterThan(5);
  });
});
