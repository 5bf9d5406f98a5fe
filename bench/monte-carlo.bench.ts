// Monte Carlo benchmark: 10,000 samples of the flagship model (models/russia-belarus) — one
// scenario with daily steps (rail sabotage, 366 steps), and the whole scenario library at once —
// on 2 worker threads, checking on the way that 1 and 2 workers give the same numbers. Target from
// issue 4: 10,000 samples of the flagship under 10 s.
import { join } from 'node:path';
import { readModel } from '../src/store/read-model.js';
import { loadScenarios } from '../src/cli/scenario-arg.js';
import { monteCarlo } from '../src/engine/monte-carlo/monte-carlo.js';
import type { BenchContext, BenchFigure } from './bench-types.js';

export default async function monteCarloBench(ctx: BenchContext): Promise<BenchFigure[]> {
  const dir = join(import.meta.dirname, '..', 'models', 'russia-belarus');
  const model = readModel(dir);
  const samples = ctx.quick ? 500 : 10_000;
  const out: BenchFigure[] = [];
  const runs: [string, string[] | undefined][] = [
    ['rail-sabotage (366 daily steps)', ['rail-sabotage']],
    ['all 5 scenarios of the library', undefined],
  ];
  for (const [label, names] of runs) {
    const scenarios = loadScenarios(names, dir, model, process.cwd());
    ctx.log(`monte-carlo: ${samples} samples of ${label}…`);
    const u = process.cpuUsage();
    const t0 = performance.now();
    const mc = await monteCarlo(model, scenarios, { samples, seed: 1, workers: 2 });
    const ms = performance.now() - t0;
    const used = process.cpuUsage(u);
    out.push({
      label: `${samples.toLocaleString('en')} samples, ${label}, 2 workers`,
      value: ms / 1000,
      unit: 's',
      target: '< 10 s',
      met: ms < 10_000,
      note: `CPU time ${((used.user + used.system) / 1e6).toFixed(1)} s (all threads); ${mc.inputLabels.length} uncertain inputs; worker start-up included`,
    });
  }
  // Same seed, different worker counts: identical outputs (the bit-for-bit property, at scale).
  const check = loadScenarios(['rail-sabotage'], dir, model, process.cwd());
  const n = ctx.quick ? 200 : 1000;
  const a = await monteCarlo(model, check, { samples: n, seed: 3, workers: 1 });
  const b = await monteCarlo(model, check, { samples: n, seed: 3, workers: 2 });
  let same = a.outputs.length === b.outputs.length;
  for (let i = 0; same && i < a.outputs.length; i++) if (!Object.is(a.outputs[i], b.outputs[i])) same = false;
  out.push({
    label: `${n} samples with 1 and with 2 workers give identical outputs`,
    value: same ? 1 : 0,
    unit: same ? '(yes)' : '(NO)',
  });
  return out;
}
