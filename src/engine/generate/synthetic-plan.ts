// The year-long scenario the benchmarks and the large-network tests run on generated networks:
// 1% of nodes (seeded) out from day 10 to day 70 and back linearly by day 100, and every provider
// link from a BY node cut by half from day 100 for good; daily steps, substitutes ramping in over
// 14 days. An outage wave, a permanent cut, substitutes coming in and buffers running dry: the
// states an incremental solver has to get right.
import type { CompiledModel } from '../compile.js';
import { buildPlan, SHOCK_KIND, type SimPlan } from '../simulate/sim-plan.js';
import { seededRandom } from './seeded-random.js';

const DEFAULTS = { seed: 99, steps: 365 };

/** The synthetic outage-and-cut scenario as a plan for `cm`. */
export function syntheticPlan(
  cm: Pick<CompiledModel, 'n' | 'provNode' | 'country'>,
  options: { seed?: number; steps?: number } = {},
): SimPlan {
  const { seed, steps } = { ...DEFAULTS, ...options };
  const rnd = seededRandom(seed);
  const hit = new Set<number>();
  while (hit.size < Math.max(1, Math.round(cm.n / 100))) hit.add(Math.floor(rnd() * cm.n));
  // Slots whose provider is a BY node: the country is looked up once per node, not once per slot.
  const isBY = new Uint8Array(cm.n);
  for (let i = 0; i < cm.n; i++) isBY[i] = cm.country[i] === 'BY' ? 1 : 0;
  let nBY = 0;
  for (let p = 0; p < cm.provNode.length; p++) nBY += isBY[cm.provNode[p]];
  const by = new Int32Array(nBY);
  for (let p = 0, k = 0; p < cm.provNode.length; p++) if (isBY[cm.provNode[p]]) by[k++] = p;
  return buildPlan(
    [
      {
        kind: SHOCK_KIND.node,
        points: [
          [10, 0],
          [70, 0],
          [100, 1],
        ],
        targets: [...hit].sort((a, b) => a - b),
      },
      { kind: SHOCK_KIND.link, points: [[100, 0.5]], targets: by },
    ],
    { steps, dt: 1, substituteRamp: 14 },
  );
}
