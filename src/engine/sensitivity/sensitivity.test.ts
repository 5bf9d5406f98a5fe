import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/fixtures/engine-load.js';
import { parseScenario } from '../scenario/parse-scenario.js';
import { ranks, spearman } from './spearman.js';
import { sensitivity } from './sensitivity.js';

describe('spearman', () => {
  it('ranks with ties at their average rank', () => {
    expect(Array.from(ranks([10, 30, 20, 20]))).toEqual([1, 4, 2.5, 2.5]);
  });
  it('is 1 for any increasing relation, -1 for a decreasing one, 0 for a constant', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [5, 3, 2, -1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 2, 3], [7, 7, 7])).toBe(0);
    // Hand computation: ranks x = 1..5, y = 2,1,4,3,5; d^2 sum = 4 -> rho = 1 - 6*4/(5*24) = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])).toBeCloseTo(0.8, 12);
  });
});

describe('sensitivity', () => {
  it('puts the outage duration first and the unused substitute last in the tornado', async () => {
    const model = loadFixture('engine-compile');
    const s = parseScenario(
      'id: plant-out\ntitle: Plant out\nhorizon: 60\nshocks:\n  - { type: outage, target: plant, duration: { min: 5, max: 40 } }\n',
      's.yaml',
      { model },
    ).scenario!;
    const r = await sensitivity(model, s, { samples: 300, seed: 5, workers: 0, output: 'cap' });
    expect(r.output).toBe('cap');
    expect(r.rows.map((x) => x.input)).toEqual([
      'plant-out/outage-1.duration',
      'cap-needs-plant.criticality',
      'cap-needs-plant/new.quality',
    ]);
    const [duration, crit, quality] = r.rows;
    // The plant covers 0.8 of the need; losing it drains the 14-day buffer at 0.8 a day (17.5
    // days), so a 5-day outage costs nothing and a 40-day one 22.5 days x criticality 0.8 x 0.8.
    expect(duration.low).toBe(0);
    expect(duration.high).toBeCloseTo(22.5 * 0.8 * 0.8, 9);
    expect(duration.rho).toBeGreaterThan(0.8);
    expect(crit.rho).toBeGreaterThan(0);
    // The substitute's lead time (a year) exceeds the horizon: its quality cannot matter.
    expect(quality.swing).toBe(0);
    expect(Math.abs(quality.rho)).toBeLessThan(0.2);
  });
});
