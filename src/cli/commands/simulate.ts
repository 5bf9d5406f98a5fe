import type { Command } from '../command.js';
import { progressBar } from '../progress-bar.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelArg, modelPath } from '../model-arg.js';
import { ONE_SCENARIO_OPTION, loadScenarios } from '../scenario-arg.js';
import { UserError } from '../../model/problem.js';
import { compile } from '../../engine/compile.js';
import { simulateAsync, type SimulationResult } from '../../engine/simulate/simulate.js';
import { applyScenarioToModel, planScenario, resolveScenario } from '../../engine/scenario/plan-scenario.js';

const fmt = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));

/** A small text sparkline of a level series (8 levels), sampled to at most `width` characters. */
export function sparkline(series: number[], width = 52): string {
  const ticks = '▁▂▃▄▅▆▇█';
  const step = Math.max(1, Math.ceil(series.length / width));
  let s = '';
  for (let i = 0; i < series.length; i += step) {
    let m = 1;
    for (let j = i; j < Math.min(series.length, i + step); j++) m = Math.min(m, series[j]);
    s += ticks[Math.min(7, Math.max(0, Math.round(m * 7)))];
  }
  return s;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary:
    'Run one scenario with nominal values: levels over time, minimum, capability-days lost, time to recover',
  description:
    'A model of 200,000 nodes or more runs pipelined over worker threads, one per segment of its evaluation order, when two or more cores are there; the results are the same to the bit as in one thread (docs/methods.md, "Pipelined runs on several threads").',
  args: [MODEL_ARG],
  options: {
    scenario: ONE_SCENARIO_OPTION,
    'as-of': AS_OF_OPTION,
    node: { type: 'strings', value: 'ID', description: 'report these nodes (default: every capability)' },
    all: { type: 'boolean', description: 'report every node' },
    series: { type: 'boolean', description: 'include the level at every step in --json output' },
  },
  examples: [
    'tyl simulate --scenario rail-sabotage',
    'tyl simulate --scenario belarus-regime-change --node ru-cap-rearm --json --series',
  ],
  async run(ctx) {
    const { args, options, stdout, cwd } = ctx;
    if (!options.scenario)
      throw new UserError("tyl simulate: --scenario is required; see 'tyl simulate --help'");
    const model = loadModelArg(args[0], cwd);
    const [scenario] = loadScenarios([options.scenario as string], modelPath(args[0], cwd), model, cwd).slice(
      -1,
    );
    const asOf = asOfOption(options) ?? scenario.asOf ?? model.meta.as_of;
    const cm = compile(applyScenarioToModel(model, scenario), asOf ? { asOf } : {});
    const ids = options.node as string[] | undefined;
    for (const id of ids ?? [])
      if (cm.index[id] === undefined)
        throw new UserError(`tyl simulate: unknown node "${id}"${asOf ? ` (or not valid on ${asOf})` : ''}`);
    const resolved = resolveScenario(cm, scenario);
    // A bar on a terminal once the run has taken half a second (large models; the flagship's runs
    // take milliseconds and print none).
    const bar = progressBar(ctx, 'simulate', { unit: 'steps', afterMs: 500 });
    let res: SimulationResult & { scenario?: string };
    try {
      res = await simulateAsync(cm, planScenario(cm, scenario, { resolved }), {
        outputs: options.all ? 'all' : (ids ?? 'capabilities'),
        series: true,
        ...(bar.onProgress ? { onProgress: bar.onProgress } : {}),
      });
    } finally {
      bar.stop();
    }
    if (options.json) {
      const outcomes = options.series ? res.outcomes : res.outcomes.map(({ series: _s, ...o }) => o);
      printJson(stdout, { scenario: scenario.id, ...res, outcomes, emptyShocks: resolved.empty });
      return 0;
    }
    println(
      stdout,
      `tyl simulate — ${scenario.title} (${scenario.id}) on ${model.meta.id}${asOf ? `, as of ${asOf}` : ''}; ${res.horizon} days in steps of ${res.dt}; nominal values`,
    );
    if (resolved.empty.length) println(stdout, `note: shocks ${resolved.empty.join(', ')} select nothing`);
    const rows = [...res.outcomes].sort((a, b) => b.daysLost - a.daysLost || a.id.localeCompare(b.id));
    const w = Math.min(50, Math.max(...rows.map((o) => o.name.length), 4));
    println(stdout, `  ${'node'.padEnd(w)}  base   min  days lost  impact d  recover d  level over time`);
    for (const o of rows)
      println(
        stdout,
        `  ${(o.name.length > w ? o.name.slice(0, w - 1) + '…' : o.name).padEnd(w)}  ${fmt(o.baseline, 2).padStart(4)}  ${fmt(o.min, 2).padStart(4)}  ${fmt(o.daysLost).padStart(9)}  ${fmt(o.timeToImpact, 0).padStart(8)}  ${fmt(o.timeToRecover, 0).padStart(9)}  ${sparkline(o.series ?? [])}`,
      );
    return 0;
  },
};
