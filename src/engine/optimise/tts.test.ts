import { describe, expect, it } from 'vitest';
import { buildFlowModel } from './flow-model.js';
import { TtsSession, timeToSurvive } from './tts.js';
import { LEVELS, MULTI_TIER, SINGLE_TIER, modelOf } from './examples.fixture.js';
import { generateFlowData } from './generate-flow-model.js';
import { flowModel } from './flow-model.js';
import { ImpactSession } from './impact-session.js';

const byNode = <T extends { node: string }>(list: T[]) => Object.fromEntries(list.map((e) => [e.node, e]));

describe('timeToSurvive: single tier (hand-derived)', () => {
  // Demand 10 cars/day, 30 in stock. With s1 (or s2) down, 6 engines/day: survive while
  // 10·τ ≤ 30 + 6·τ, i.e. τ ≤ 7.5 days. s1 recovers in 10 (short by 2.5), s2 in 20 (short by 12.5).
  // With the car plant down: 10·τ ≤ 30, τ ≤ 3, 2 days short of its 5-day TTR.
  it('finds TTS, flags TTS < TTR and the shortfall', async () => {
    const r = await timeToSurvive(buildFlowModel(modelOf(SINGLE_TIER)));
    const n = byNode(r.nodes);
    expect(r.baselineTts).toBeNull();
    expect(r.warning).toBeUndefined();
    expect(n.s1.tts).toBeCloseTo(7.5, 6);
    expect(n.s2.tts).toBeCloseTo(7.5, 6);
    expect(n.car.tts).toBeCloseTo(3, 6);
    expect(n.s1.shortfall).toBeCloseTo(2.5, 6);
    expect(n.s2.shortfall).toBeCloseTo(12.5, 6);
    expect(n.car.shortfall).toBeCloseTo(2, 6);
    expect(r.nodes.every((e) => e.flagged)).toBe(true);
    expect(n.s2.message).toMatch(/met for 7\.5 days, 12\.5 days short of its time-to-recover \(20 days\)/);
  });
});

describe('timeToSurvive: a node with zero capacity', () => {
  // s1 has capacity 0: with s1 down nothing changes (6 engines/day from s2: 10τ ≤ 30 + 6τ, 7.5);
  // with s2 down only the 30 stocked cars remain: 10τ ≤ 30, τ ≤ 3. Bringing s1 back up after
  // its own run must restore its zero capacity, not lift it.
  it('keeps the capacity of a node brought back up', async () => {
    const m = modelOf(
      SINGLE_TIER.replace(
        'name: Engine plant 1, flow: { capacity: 6 }',
        'name: Engine plant 1, flow: { capacity: 0 }',
      ),
    );
    const r = await timeToSurvive(buildFlowModel(m), { nodes: ['s1', 's2'] });
    expect(r.nodes[0].tts).toBeCloseTo(7.5, 6);
    expect(r.nodes[1].tts).toBeCloseTo(3, 6);
  });
});

describe('timeToSurvive: multi tier with a substitute after a lead time', () => {
  // Trucks 4/day; 50 chassis in stock; plant-b gives ≤ 3/day from day 10.
  // plant-a down: segment [0, 10]: 4τ ≤ 50 holds up to 12.5 ≥ 10, so go on; segment [10, ∞):
  //   4τ ≤ 50 + 3(τ − 10) → τ ≤ 20. TTS 20 < TTR 40: short by 20.
  // mill down: plant-a makes nothing either, same TTS 20 < TTR 30: short by 10.
  // truck plant down: TTS 0 < TTR 2. plant-b down: it is not needed: TTS unbounded.
  it('maximises τ segment by segment', async () => {
    const r = await timeToSurvive(buildFlowModel(modelOf(MULTI_TIER)));
    const n = byNode(r.nodes);
    expect(n['plant-a'].tts).toBeCloseTo(20, 6);
    expect(n['plant-a'].shortfall).toBeCloseTo(20, 6);
    expect(n.mill.tts).toBeCloseTo(20, 6);
    expect(n.mill.shortfall).toBeCloseTo(10, 6);
    expect(n.truck.tts).toBe(0);
    expect(n.truck.flagged).toBe(true);
    expect(n.truck.message).toMatch(/demand is lost at once/);
  });

  it('reports an unbounded TTS in plain words when the disruption costs nothing', async () => {
    const r = await timeToSurvive(buildFlowModel(modelOf(MULTI_TIER)), { nodes: ['plant-b'] });
    expect(r.nodes).toHaveLength(1);
    expect(r.nodes[0]).toMatchObject({
      node: 'plant-b',
      tts: null,
      unbounded: true,
      flagged: false,
      shortfall: 0,
    });
    expect(r.nodes[0].message).toBe(
      'with "plant-b" down, all demand is met indefinitely: losing it costs nothing (TTS unbounded)',
    );
  });

  it('is unbounded when the substitute covers demand and the stock bridges its lead time', async () => {
    // plant-b at 4/day ≥ demand, and 50 in stock ≥ 4 × 10 days of switching: survives indefinitely.
    const m = modelOf(MULTI_TIER.replace('capacity: 3', 'capacity: 4'));
    const r = await timeToSurvive(buildFlowModel(m), { nodes: ['plant-a'] });
    expect(r.nodes[0].unbounded).toBe(true);
    expect(r.nodes[0].flagged).toBe(false);
  });

  it('agrees with bisection on the feasibility form', async () => {
    const fm = buildFlowModel(modelOf(MULTI_TIER));
    const s = await TtsSession.open(fm);
    try {
      for (const id of ['plant-a', 'mill', 'truck']) {
        const i = fm.compiled.index[id];
        const { tts } = s.survive([i]);
        let lo = 0;
        let hi = 100;
        for (let k = 0; k < 40; k++) {
          const mid = (lo + hi) / 2;
          if (s.canSurvive([i], mid)) lo = mid;
          else hi = mid;
        }
        expect(lo).toBeCloseTo(tts, 5);
      }
      // Infeasible in plain terms: cannot meet demand for 21 days with plant-a down.
      expect(s.canSurvive([fm.compiled.index['plant-a']], 21)).toBe(false);
      expect(s.canSurvive([fm.compiled.index['plant-a']], 19)).toBe(true);
    } finally {
      s.dispose();
    }
  });

  it('warns when the undisrupted model cannot meet demand', async () => {
    // Demand 6 trucks/day against a capacity of 5: with the 50 stocked chassis nothing helps the
    // truck plant itself, so the baseline fails at once (TTS 0).
    const m = modelOf(MULTI_TIER.replace('demand: 4', 'demand: 6'));
    const r = await timeToSurvive(buildFlowModel(m), { nodes: ['mill'] });
    expect(r.baselineTts).toBe(0);
    expect(r.warning).toMatch(/even with nothing disrupted/);
    expect(r.nodes[0].tts).toBe(0);
  });
});

describe('timeToSurvive: levels', () => {
  // No stock anywhere: every disruption of a needed node bites at once. The other depot is not
  // needed while the first works.
  it('gives 0 for needed nodes and unbounded for the spare', async () => {
    const r = await timeToSurvive(buildFlowModel(modelOf(LEVELS)));
    const n = byNode(r.nodes);
    expect(n.unit.tts).toBe(0);
    expect(n.depot.tts).toBe(0);
    expect(n.alt.unbounded).toBe(true);
  });
});

describe('timeToSurvive on generated networks', () => {
  it('the segment-wise LP agrees with bisection on the feasibility form (substitutes with lead times)', async () => {
    // Demand half of what the undisrupted network sustains (so it is met indefinitely: halving a
    // feasible plan keeps it feasible), with stock at the bottom tier, so TTS values spread out.
    const { cm, data } = generateFlowData({ nodes: 120, seed: 11, inventoryDays: 20 });
    const probe = await ImpactSession.open(flowModel(cm, { ...data, inventory: new Float64Array(cm.n) }));
    const long = 1000;
    const plan = probe.planAt(long, []).colValue;
    const fm0 = probe.fm;
    probe.dispose();
    const demand = new Float64Array(cm.n).fill(NaN);
    for (const k of fm0.demandNodes) demand[k] = (0.5 * plan[fm0.colZ[k]]) / long;
    const fm = flowModel(cm, { ...data, demand });
    const s = await TtsSession.open(fm);
    try {
      expect(s.leads.length).toBeGreaterThan(0);
      let positive = 0;
      for (let i = 0; i < fm.n; i++) {
        const { tts, status } = s.survive([i]);
        expect(status).toBe('optimal');
        if (!Number.isFinite(tts)) {
          if (i % 10 === 0) expect(s.canSurvive([i], 2000)).toBe(true);
          continue;
        }
        if (tts > 0) positive++;
        let lo = 0;
        let hi = Math.max(1, 2 * tts);
        for (let k = 0; k < 30; k++) {
          const mid = (lo + hi) / 2;
          if (s.canSurvive([i], mid)) lo = mid;
          else hi = mid;
        }
        expect(lo).toBeCloseTo(tts, 3);
      }
      expect(s.survive([]).tts).toBe(Infinity);
      expect(positive).toBeGreaterThan(0);
    } finally {
      s.dispose();
    }
  });
});
