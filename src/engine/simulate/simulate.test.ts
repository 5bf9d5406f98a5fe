// Hand-derived oracles for each semantic feature of the simulation (docs/methods.md), on the
// engine-oracle fixture, with plans built directly (scenario files are tested in engine/scenario).
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/fixtures/engine-load.js';
import { compile } from '../compile.js';
import { buildPlan, emptyPlan, SHOCK_KIND, type PlanShock } from './sim-plan.js';
import { simulate } from './simulate.js';

const cm = compile(loadFixture('engine-oracle'));
const node = (id: string) => cm.index[id];
const outage = (id: string, points: [number, number][]): PlanShock => ({
  kind: SHOCK_KIND.node,
  points,
  targets: [node(id)],
});
const run = (shocks: PlanShock[], steps = 60, ramp = 0) =>
  simulate(cm, buildPlan(shocks, { steps, dt: 1, substituteRamp: ramp }), { outputs: 'all' });
const of = (res: ReturnType<typeof run>, id: string) => res.outcomes.find((o) => o.id === id)!;
const range = (a: number, b: number, v: number) => Array.from({ length: b - a }, () => v);

describe('simulate: oracles', () => {
  it('leaves every fully covered node at 1 with no shock; the greatest fixed point of a loop is 1', () => {
    const res = simulate(cm, emptyPlan(10), { outputs: 'all' });
    for (const o of res.outcomes) {
      if (o.id.startsWith('cyc-')) continue;
      expect(o.baseline).toBe(1);
      expect(o.series).toEqual(range(0, 10, 1));
      expect(o.daysLost).toBe(0);
    }
    expect(of(res, 'loop-a').series).toEqual(range(0, 10, 1));
  });

  it('AND: the node stops while either input is out', () => {
    const res = run(
      [
        outage('and-x', [
          [5, 0],
          [15, 0],
          [15, 1],
        ]),
      ],
      30,
    );
    const o = of(res, 'and-cap');
    expect(o.series).toEqual([...range(0, 5, 1), ...range(5, 15, 0), ...range(15, 30, 1)]);
    expect(o.daysLost).toBe(10);
    expect(o.timeToImpact).toBe(5);
    expect(o.recoveredAt).toBe(15);
    expect(o.timeToRecover).toBe(10);
    expect(of(res, 'and-y').min).toBe(1);
  });

  it('partial criticality: input at 50% and criticality 0.4 leave the node at 1 - 0.4 x 0.5 = 0.8', () => {
    const o = of(run([outage('part-x', [[0, 0.5]])], 10), 'part-cap');
    expect(o.min).toBeCloseTo(0.8, 12);
    expect(o.daysLost).toBeCloseTo(10 * 0.2, 12);
    expect(o.recoveredAt).toBeNull();
  });

  it('alternatives: the substitute counts after its 20-day lead time, at share x quality = 0.3', () => {
    const o = of(run([outage('alt-inc', [[0, 0]])], 40), 'alt-cap');
    expect(o.series).toEqual([...range(0, 20, 0), ...range(20, 40, 0.3)].map((v) => expect.closeTo(v, 12)));
  });

  it('alternatives: a substitute ramps linearly over the ramp period after its lead time', () => {
    const o = of(run([outage('alt-inc', [[0, 0]])], 40, 10), 'alt-cap');
    // Active share phi = (days short - 20) / 10, capped at 1: day 25 -> 0.5 x 0.3.
    expect(o.series![25]).toBeCloseTo(0.15, 12);
    expect(o.series![20]).toBe(0);
    expect(o.series![30]).toBeCloseTo(0.3, 12);
  });

  it('a substitute is not needed when the incumbent outage is shorter than its lead time', () => {
    const o = of(
      run(
        [
          outage('alt-inc', [
            [0, 0],
            [10, 0],
            [10, 1],
          ]),
        ],
        40,
      ),
      'alt-cap',
    );
    expect(o.daysLost).toBe(10);
    expect(o.min).toBe(0);
  });

  it('buffers: 7 days of stock cover a full outage for 7 days (time-to-survive)', () => {
    const o = of(
      run(
        [
          outage('buf-x', [
            [0, 0],
            [30, 0],
            [30, 1],
          ]),
        ],
        40,
      ),
      'buf-cap',
    );
    expect(o.series).toEqual([...range(0, 7, 1), ...range(7, 30, 0), ...range(30, 40, 1)]);
    expect(o.timeToImpact).toBe(7);
  });

  it('buffers: a half outage drains 7 days of stock in 14 days', () => {
    const o = of(run([outage('buf-x', [[0, 0.5]])], 20), 'buf-cap');
    expect(o.series).toEqual([...range(0, 14, 1), ...range(14, 20, 0.5)]);
  });

  it('cycles: converge from above to the greatest fixed point (2/3, 5/6 for the under-covered loop)', () => {
    const res = run([], 3);
    expect(of(res, 'cyc-a').baseline).toBeCloseTo(2 / 3, 8);
    expect(of(res, 'cyc-b').baseline).toBeCloseTo(5 / 6, 8);
    expect(res.unconverged).toBe(0);
    const hit = run([outage('cyc-a', [[0, 0.5]])], 3);
    expect(of(hit, 'cyc-a').min).toBeCloseTo(0.5, 8);
    expect(of(hit, 'cyc-b').min).toBeCloseTo(0.75, 8);
    const loop = run([outage('loop-b', [[0, 0.3]])], 3);
    expect(of(loop, 'loop-a').min).toBeCloseTo(0.3, 12);
  });

  it('cycles: a loop that holds itself down rises with its input (greatest, not least, fixed point)', () => {
    // loop-a and loop-b each need all of the other: every level x with x <= own is a fixed point
    // of the pair. Once loop-b is back at 1 on day 5 the answer is the greatest, 1; iterating
    // upwards from the levels of day 4 would stop at once, at 0.3.
    const res = run(
      [
        outage('loop-b', [
          [0, 0.3],
          [5, 0.3],
          [5, 1],
        ]),
      ],
      10,
    );
    const want = [...range(0, 5, 0.3), ...range(5, 10, 1)];
    for (const id of ['loop-a', 'loop-b'])
      of(res, id).series!.forEach((v, t) => expect(v, `${id} day ${t}`).toBeCloseTo(want[t], 12));
  });

  it('recovery: linear recovery over 10 days after a 20-day outage from day 10', () => {
    const o = of(
      run(
        [
          outage('rec-x', [
            [10, 0],
            [30, 0],
            [40, 1],
          ]),
        ],
        50,
      ),
      'rec-cap',
    );
    const expected = [
      ...range(0, 10, 1),
      ...range(10, 31, 0),
      0.1,
      0.2,
      0.3,
      0.4,
      0.5,
      0.6,
      0.7,
      0.8,
      0.9,
      ...range(40, 50, 1),
    ];
    expect(o.series).toEqual(expected.map((v) => expect.closeTo(v, 12)));
    expect(o.daysLost).toBeCloseTo(21 + 4.5, 10);
    expect(o.timeToImpact).toBe(10);
    expect(o.recoveredAt).toBe(40);
  });

  it('link shocks cut what a provider delivers; lead shocks delay substitutes', () => {
    const p = cm.provOffsets[cm.reqId.indexOf('fin-needs-credit')];
    const cut = run([{ kind: SHOCK_KIND.link, points: [[0, 0]], targets: [p] }], 5);
    expect(of(cut, 'fin-cap').min).toBeCloseTo(0.5, 12);
    expect(of(cut, 'fin-bank').min).toBe(1);
    const r = cm.reqId.indexOf('alt-needs-chassis');
    const sub = cm.provOffsets[r] + 1;
    const slowed = run(
      [outage('alt-inc', [[0, 0]]), { kind: SHOCK_KIND.lead, points: [[0, 0]], targets: [sub], extra: 5 }],
      30,
    );
    expect(of(slowed, 'alt-cap').timeToImpact).toBe(0);
    expect(of(slowed, 'alt-cap').series![24]).toBe(0);
    expect(of(slowed, 'alt-cap').series![25]).toBeCloseTo(0.3, 12);
  });

  it('reports progress after every step', () => {
    const seen: [number, number][] = [];
    simulate(cm, buildPlan([outage('and-x', [[5, 0]])], { steps: 12, dt: 1 }), {
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen).toEqual(Array.from({ length: 12 }, (_, t) => [t + 1, 12]));
  });

  it('a lead shock that ends during a shortfall brings the substitute back to its own due day', () => {
    // The incumbent is out for good; 10 extra days of lead time from day 0, gone from day 4. The
    // shortfall began on day 0, so the substitute counts from day 20 (its lead time) as if there had
    // been no shock, not from day 30 (the lead time the shortfall started with).
    const r = cm.reqId.indexOf('alt-needs-chassis');
    const sub = cm.provOffsets[r] + 1;
    const shocks: PlanShock[] = [
      outage('alt-inc', [[0, 0]]),
      {
        kind: SHOCK_KIND.lead,
        points: [
          [0, 0],
          [3, 0],
          [4, 1],
        ],
        targets: [sub],
        extra: 10,
      },
    ];
    const series = of(run(shocks, 40), 'alt-cap').series!;
    expect(series.slice(0, 20)).toEqual(range(0, 20, 0));
    for (const v of series.slice(20)) expect(v).toBeCloseTo(0.3, 12);
  });
});
