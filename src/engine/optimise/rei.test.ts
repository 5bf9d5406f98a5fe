import { describe, expect, it } from 'vitest';
import { buildFlowModel } from './flow-model.js';
import { riskExposureIndex } from './rei.js';
import { performanceImpact } from './performance-impact.js';
import { LEVELS, MULTI_TIER, SINGLE_TIER, modelOf } from './examples.fixture.js';
import { generateFlowModel } from './generate-flow-model.js';
import { ImpactSession } from './impact-session.js';

const byNode = <T extends { node: string }>(list: T[]) => Object.fromEntries(list.map((e) => [e.node, e]));

describe('riskExposureIndex: single tier (hand-derived)', () => {
  // Car demand 10/day, weight 2, 30 cars in stock, car capacity 10/day; engines: s1 and s2 at 6/day.
  // Undisrupted, 12 engines/day ≥ 10 cars/day: no loss for any window.
  // s1 down for its TTR of 10 days: s2 makes 60 engines → 60 cars + 30 stocked = 90 of 100 demanded:
  //   10 cars lost × weight 2 = 20.
  // s2 down for 20 days: s1 makes 120 → 120 + 30 = 150 of 200: 50 lost × 2 = 100 (the worst).
  // car plant down for 5 days: only the 30 stocked cars of 50 demanded: 20 lost × 2 = 40.
  // REI = impact / 100: s2 1, car 0.4, s1 0.2.
  it('finds the impacts and ranks', async () => {
    const r = await riskExposureIndex(buildFlowModel(modelOf(SINGLE_TIER)));
    const n = byNode(r.nodes);
    expect(n.s1.impact).toBeCloseTo(20, 6);
    expect(n.s2.impact).toBeCloseTo(100, 6);
    expect(n.car.impact).toBeCloseTo(40, 6);
    expect(n.s2.rei).toBe(1);
    expect(n.car.rei).toBeCloseTo(0.4, 9);
    expect(n.s1.rei).toBeCloseTo(0.2, 9);
    expect(r.nodes.map((e) => e.node)).toEqual(['s2', 'car', 's1']);
    expect(r.nodes.map((e) => e.rank)).toEqual([1, 2, 3]);
    expect(r.maxImpact).toBeCloseTo(100, 6);
    expect(r.totalExposure).toBeCloseTo(160, 6);
    expect(n.s1.ttr).toBe(10);
    expect(n.s2.ttr).toBe(20);
    expect(r.demandSource).toBe('explicit');
  });

  it('uses one TTR for all nodes when asked, and the default where none is given', async () => {
    // Window 10 for all: s1 and s2 symmetric (20 each); car: 30 stocked of 100 → 70 × 2 = 140.
    const r = await riskExposureIndex(buildFlowModel(modelOf(SINGLE_TIER)), { ttr: 10 });
    const n = byNode(r.nodes);
    expect(n.s1.impact).toBeCloseTo(20, 6);
    expect(n.s2.impact).toBeCloseTo(20, 6);
    expect(n.car.impact).toBeCloseTo(140, 6);
    expect(n.s1.rank).toBe(n.s2.rank);
  });
});

describe('riskExposureIndex: multi tier with a substitute, a buffer and a bill of materials', () => {
  // Trucks: demand 4/day; chassis stock = 10 days × 1 × capacity 5 = 50.
  // plant-a down 40 days: plant-b delivers ≤ 3/day once 10 days have passed: 3 × 30 = 90; with the
  //   50 in stock, 140 trucks of 160: loss 20 (the worst).
  // mill down 30 days: plant-a has no steel (2 t per chassis, criticality 1) so makes nothing;
  //   plant-b 3 × 20 = 60, + 50 stock = 110 of 120: loss 10 → REI 0.5.
  // truck plant down 2 days: 8 trucks lost → REI 0.4. plant-b down: unused, impact 0.
  it('finds the impacts and ranks', async () => {
    const fm = buildFlowModel(modelOf(MULTI_TIER));
    const r = await riskExposureIndex(fm);
    const n = byNode(r.nodes);
    expect(n['plant-a'].impact).toBeCloseTo(20, 6);
    expect(n.mill.impact).toBeCloseTo(10, 6);
    expect(n.truck.impact).toBeCloseTo(8, 6);
    expect(n['plant-b'].impact).toBeCloseTo(0, 9);
    expect(r.nodes.map((e) => [e.node, Number(e.rei.toFixed(9))])).toEqual([
      ['plant-a', 1],
      ['mill', 0.5],
      ['truck', 0.4],
      ['plant-b', 0],
    ]);
  });

  it('reports the best response that achieves the optimum, without idle production', async () => {
    const fm = buildFlowModel(modelOf(MULTI_TIER));
    const r = await performanceImpact(fm, [{ node: 'plant-a' }]);
    expect(r.window).toBe(40);
    expect(r.impact).toBeCloseTo(20, 6);
    const resp = r.response!;
    const prod = byNode(resp.production);
    // 140 trucks: 90 chassis from plant-b plus the 50 in stock. The mill need not run.
    expect(prod.truck.units).toBeCloseTo(140, 6);
    expect(prod.truck.level).toBeCloseTo(0.7, 9);
    expect(prod.mill).toBeUndefined();
    expect(prod['plant-a']).toBeUndefined();
    expect(resp.flows).toHaveLength(1);
    expect(resp.flows[0]).toMatchObject({ dependency: 'truck-chassis', node: 'truck', provider: 'plant-b' });
    expect(resp.flows[0].units).toBeCloseTo(90, 6);
    expect(resp.sales[0].lost).toBeCloseTo(20, 6);
  });

  it('takes a set of nodes down, each for its own duration, in one window', async () => {
    // plant-a (40 days) and mill (30 days) together: same as plant-a alone, since plant-a cannot
    // use steel while it is down: loss 20. With plant-a down 20 days and the mill 30 days in a 40-day
    // window, the LP allows plant-a 5 × 20 = 100 chassis and the mill 20 × 10 = 200 t of steel (100
    // chassis): 100 + 90 (plant-b) + 50 (stock) ≥ 160, no loss. (In time order plant-a would make
    // only 50, from day 30; 190 ≥ 160 all the same.)
    const fm = buildFlowModel(modelOf(MULTI_TIER));
    const both = await performanceImpact(fm, [{ node: 'plant-a' }, { node: 'mill' }], { response: false });
    expect(both.window).toBe(40);
    expect(both.impact).toBeCloseTo(20, 6);
    expect(both.response).toBeUndefined();
    const staggered = [
      { node: 'plant-a', duration: 20 },
      { node: 'mill', duration: 30 },
    ];
    const wide = await performanceImpact(fm, staggered, { window: 40 });
    expect(wide.impact).toBeCloseTo(0, 6);
    // The default window is the longest disruption, 30 days: plant-a may work 10 of them but the
    // mill none, so plant-a makes nothing; plant-b 3 × 20 = 60, stock 50: 110 of 120, 10 lost.
    const narrow = await performanceImpact(fm, staggered);
    expect(narrow.window).toBe(30);
    expect(narrow.impact).toBeCloseTo(10, 6);
  });

  it('scales with a partial outage', async () => {
    // plant-a at half capacity (2.5/day) for 40 days: 100 + 90 (plant-b) + 50 stock ≥ 160: no loss.
    // At 90% lost (0.5/day): 20 + 90 + 50 = 160: exactly no loss; at 100%: 20 lost.
    const fm = buildFlowModel(modelOf(MULTI_TIER));
    const half = await performanceImpact(fm, [{ node: 'plant-a', fraction: 0.5 }], { response: false });
    expect(half.impact).toBeCloseTo(0, 6);
    const most = await performanceImpact(fm, [{ node: 'plant-a', fraction: 0.95 }], { response: false });
    // 0.25/day × 40 = 10 + 90 + 50 = 150 of 160: 10 lost.
    expect(most.impact).toBeCloseTo(10, 6);
  });
});

describe('riskExposureIndex: levels (no flow data)', () => {
  // Without flow data every node runs at a level (1 = full) and the capability's demand is its full
  // level, so losses are capability-days. cap needs the unit (criticality 0.5) and repairs
  // (criticality 1) from the depot, or from the other depot at 60% after 5 days.
  // unit down 10 days: cap runs at 1 − 0.5 = 0.5 → 5 capability-days lost.
  // depot down 20 days: repairs cover 0 for 5 days, then 0.6 → 0.6 × 15 = 9 days of output: 11 lost.
  // cap down for the default 30 days: 30 lost (the worst).
  it('finds the capability-days lost', async () => {
    const r = await riskExposureIndex(buildFlowModel(modelOf(LEVELS)));
    const n = byNode(r.nodes);
    expect(r.demandSource).toBe('capabilities');
    expect(n.unit.impact).toBeCloseTo(5, 6);
    expect(n.depot.impact).toBeCloseTo(11, 6);
    expect(n.cap.impact).toBeCloseTo(30, 6);
    expect(n.cap.ttrGiven).toBe(false);
    expect(n.alt.impact).toBeCloseTo(0, 9);
    expect(n.depot.rei).toBeCloseTo(11 / 30, 9);
  });

  it('reports progress and assesses a subset', async () => {
    const seen: number[] = [];
    const r = await riskExposureIndex(buildFlowModel(modelOf(LEVELS)), {
      nodes: ['unit', 'depot'],
      onProgress: (d, t) => seen.push(d / t),
    });
    expect(seen).toEqual([0.5, 1]);
    expect(r.nodes.map((e) => e.node)).toEqual(['depot', 'unit']);
    expect(r.nodes[0].rei).toBe(1);
    await expect(riskExposureIndex(buildFlowModel(modelOf(LEVELS)), { nodes: ['depto'] })).rejects.toThrow(
      /unknown node "depto"/,
    );
  });
});

describe('riskExposureIndex on generated networks', () => {
  it('equals a full solve for every node (nodes unused by the baseline plan are skipped exactly)', async () => {
    for (const seed of [3, 4]) {
      const fm = generateFlowModel({ nodes: 150, seed });
      const r = await riskExposureIndex(fm);
      expect(r.unused).toBeGreaterThan(0);
      const session = await ImpactSession.open(fm);
      try {
        for (const e of r.nodes) {
          const full = await performanceImpact(fm, [{ node: e.node }], { response: false, session });
          expect(e.impact).toBeCloseTo(full.impact, 6);
        }
      } finally {
        session.dispose();
      }
    }
  });
});
