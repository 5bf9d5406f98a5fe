import type { Command } from '../command.js';
import { progressBar } from '../progress-bar.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelArg, modelPath } from '../model-arg.js';
import { SAMPLING_OPTIONS, ONE_SCENARIO_OPTION, loadScenarios } from '../scenario-arg.js';
import { UserError } from '../../model/problem.js';
import { METRICS, type Metric } from '../../engine/monte-carlo/mc-job.js';
import { sensitivity } from '../../engine/sensitivity/sensitivity.js';

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '∞');

export const sensitivityCommand: Command = {
  name: 'sensitivity',
  summary:
    'Which uncertain inputs drive a scenario output: rank correlation and one-at-a-time swings (tornado)',
  args: [MODEL_ARG],
  options: {
    scenario: ONE_SCENARIO_OPTION,
    output: {
      type: 'string',
      value: 'ID',
      description: 'output node (default: the capability with the largest mean loss)',
    },
    metric: {
      type: 'string',
      value: 'METRIC',
      default: 'daysLost',
      choices: METRICS,
      description: 'output metric',
    },
    'as-of': AS_OF_OPTION,
    ...SAMPLING_OPTIONS,
    top: { type: 'number', value: 'N', default: 15, description: 'rows shown' },
  },
  examples: [
    'tyl sensitivity --scenario rail-sabotage',
    'tyl sensitivity --scenario belarus-regime-change --output ru-cap-rearm --samples 2000',
  ],
  async run(ctx) {
    const { args, options, stdout, cwd } = ctx;
    if (!options.scenario)
      throw new UserError("tyl sensitivity: --scenario is required; see 'tyl sensitivity --help'");
    const model = loadModelArg(args[0], cwd);
    const [scenario] = loadScenarios([options.scenario as string], modelPath(args[0], cwd), model, cwd).slice(
      -1,
    );
    const samples = options.samples as number;
    if (!Number.isInteger(samples) || samples < 2)
      throw new UserError(`tyl sensitivity: --samples must be a whole number >= 2, got ${samples}`);
    const bar = progressBar(ctx, 'monte carlo', { unit: 'samples' });
    const asOf = asOfOption(options);
    let r;
    try {
      r = await sensitivity(model, scenario, {
        samples,
        seed: options.seed as number,
        metric: options.metric as Metric,
        ...(options.output ? { output: options.output as string } : {}),
        ...(asOf ? { asOf } : {}),
        ...(options.workers !== undefined ? { workers: options.workers as number } : {}),
        ...(bar.onProgress ? { onProgress: bar.onProgress } : {}),
      });
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('engine/sensitivity')) throw new UserError(e.message);
      throw e;
    } finally {
      bar.stop();
    }
    if (options.json) {
      printJson(stdout, r);
      return 0;
    }
    println(
      stdout,
      `tyl sensitivity — ${r.metric} of ${r.output} in ${r.scenario}; seed ${r.seed}, ${r.samples} samples; nominal ${fmt(r.nominal)}`,
    );
    const rows = r.rows.slice(0, options.top as number);
    const maxSwing = Math.max(1e-12, ...rows.map((x) => (Number.isFinite(x.swing) ? x.swing : 0)));
    const w = Math.min(60, Math.max(5, ...rows.map((x) => x.input.length)));
    println(stdout, `  ${'input'.padEnd(w)}   rho     low    high   swing  tornado`);
    for (const x of rows) {
      const bar = '█'.repeat(Math.round((Number.isFinite(x.swing) ? x.swing / maxSwing : 1) * 24));
      println(
        stdout,
        `  ${(x.input.length > w ? x.input.slice(0, w - 1) + '…' : x.input).padEnd(w)}  ${x.rho.toFixed(2).padStart(5)}  ${fmt(x.low).padStart(6)}  ${fmt(x.high).padStart(6)}  ${fmt(x.swing).padStart(6)}  ${bar}`,
      );
    }
    if (r.rows.length > rows.length)
      println(stdout, `  … ${r.rows.length - rows.length} more (--top, --json)`);
    return 0;
  },
};
