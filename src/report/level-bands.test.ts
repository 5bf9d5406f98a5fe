import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModel } from '../store/read-model.js';
import { loadScenarios } from '../cli/scenario-arg.js';
import { levelBands } from './level-bands.js';

const root = join(import.meta.dirname, '..', '..');
const fixture = join(root, 'test', 'fixtures', 'report-small');
const model = readModel(fixture, root);
const scenarios = loadScenarios(['corridor-sabotage'], fixture, model, root);

describe('levelBands', () => {
  it('collapses onto the nominal run without samples (hand-derived)', () => {
    // Border out from day 5 for the nominal 25 days (range 10–40), then 10 days of linear recovery;
    // the rail chain carries strike's transit need (criticality 0.6): strike = 1 - 0.6 = 0.4.
    const b = levelBands(model, scenarios, { samples: 0, outputs: { 'corridor-sabotage': ['strike'] } });
    expect(b.samples).toBe(0);
    const s = b.scenarios[0].bands[0];
    expect(s.id).toBe('strike');
    expect(s.t).toHaveLength(120);
    expect(s.low).toEqual(s.mid);
    expect(s.high).toEqual(s.mid);
    expect(s.mid.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
    for (const v of s.mid.slice(5, 30)) expect(v).toBeCloseTo(0.4, 12);
    // Linear recovery over days 30–40: halfway (day 35) the cover is 0.5, strike 1 - 0.6 x 0.5.
    expect(s.mid[30]).toBeCloseTo(0.4, 12);
    expect(s.mid[35]).toBeCloseTo(0.7, 12);
    expect(s.mid.slice(40)).toEqual(Array(80).fill(1));
  });

  it('gives ordered bands within [0, 1] when sampled, the same for the same seed', () => {
    const opts = { samples: 40, seed: 9, outputs: { 'corridor-sabotage': ['strike', 'air-defence'] } };
    const b = levelBands(model, scenarios, opts);
    for (const s of b.scenarios[0].bands)
      s.t.forEach((_, i) => {
        expect(s.low[i]).toBeGreaterThanOrEqual(0);
        expect(s.low[i]).toBeLessThanOrEqual(s.mid[i]);
        expect(s.mid[i]).toBeLessThanOrEqual(s.high[i]);
        expect(s.high[i]).toBeLessThanOrEqual(1);
      });
    const strike = b.scenarios[0].bands[0];
    // The outage starts on day 5 and lasts 10–40 days: on day 12 it is on in every sample; on day
    // 40 it still holds the P5 at 0.4 while the P95 has fully recovered.
    expect(strike.high[12]).toBeCloseTo(0.4, 12);
    expect(strike.low[40]).toBeCloseTo(0.4, 12);
    expect(strike.high[40]).toBe(1);
    expect(b.scenarios[0].bands[1].mid.every((v) => v === 1)).toBe(true); // air defence is not hit
    expect(levelBands(model, scenarios, opts)).toEqual(b);
  });
});
