import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { progressBar } from '../progress-bar.js';
import { println } from '../command.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelArg, modelPath } from '../model-arg.js';
import { ANALYSIS_OPTIONS, SAMPLING_OPTIONS, SCENARIO_OPTION, loadScenarios } from '../scenario-arg.js';
import { UserError, didYouMean } from '../../model/problem.js';
import { reportData } from '../../report/report-data.js';
import { buildReport } from '../../report/build-report.js';
import { REPORT_FORMATS, REPORT_FORMAT_NAMES, type ReportFormatName } from '../../report/formats.js';

/** The run date: --date, else SOURCE_DATE_EPOCH (reproducible builds), else today (UTC). */
function runDate(option: unknown, env: Record<string, string | undefined>): string {
  if (typeof option === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(option) || Number.isNaN(Date.parse(option)))
      throw new UserError(`tyl report: --date must be a date YYYY-MM-DD, got "${option}"`);
    return option;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  const d = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return d.toISOString().slice(0, 10);
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write a self-contained report of an analysis (HTML, Markdown or PDF)',
  description:
    'Runs the analysis of tyl analyze (exposure, single points of failure and cut sets, scenarios with Monte Carlo, sensitivity) and writes it as a report: key findings with their numbers, uncertainty and citations, the dependency picture, scenario level curves, exposure and sensitivity tables, the sources and the analyst estimates the results rest on (docs/reports.md). Text formats go to standard output unless --out is given.',
  args: [MODEL_ARG],
  options: {
    scenario: SCENARIO_OPTION,
    'as-of': AS_OF_OPTION,
    ...SAMPLING_OPTIONS,
    ...ANALYSIS_OPTIONS,
    top: { type: 'number', value: 'N', default: 5, description: 'items per list of findings' },
    format: {
      type: 'string',
      short: 'f',
      value: 'FORMAT',
      choices: REPORT_FORMAT_NAMES,
      default: 'html',
      description: `report format: ${REPORT_FORMAT_NAMES.map((k) => `${k} (${REPORT_FORMATS[k].description})`).join('; ')}`,
    },
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'write to FILE (atomically) instead of standard output',
    },
    date: {
      type: 'string',
      value: 'DATE',
      description: 'run date printed in the report (default: SOURCE_DATE_EPOCH, else today)',
    },
  },
  examples: [
    'tyl report --format html --out report.html',
    'tyl report --scenario rail-sabotage --samples 500 --seed 7 --format pdf --out rail.pdf',
    'tyl report models/my-model --format md --date 2026-01-01',
  ],
  async run(io) {
    const { args, options, stdout, stderr, cwd, env } = io;
    const format = options.format as ReportFormatName;
    const date = runDate(options.date, env);
    const samples = options.samples as number;
    if (!Number.isInteger(samples) || samples < 0)
      throw new UserError('tyl report: --samples must be a whole number >= 0');
    const seed = options.seed as number;
    if (!Number.isInteger(seed)) throw new UserError('tyl report: --seed must be an integer');
    const out = typeof options.out === 'string' ? resolve(cwd, options.out) : undefined;
    const fmt = REPORT_FORMATS[format];
    if (fmt.binary && !out && stdout.isTTY)
      throw new UserError(`tyl report: ${format} is binary; give --out FILE or redirect standard output`);
    const model = loadModelArg(args[0], cwd);
    const scenarios = loadScenarios(
      options.scenario as string[] | undefined,
      modelPath(args[0], cwd),
      model,
      cwd,
    );
    const asOf = asOfOption(options);
    const bar = progressBar(io, 'analysis', { unit: 'samples' });
    for (const k of ['actor', 'on'] as const) {
      const v = options[k];
      if (typeof v !== 'string') continue;
      if (model.entities.some((e) => e.id === v || e.country === v)) continue;
      const hint = didYouMean(
        v,
        model.entities.map((e) => e.id),
      );
      throw new UserError(
        `tyl report: --${k} "${v}" is neither an entity nor a country of the model${hint ? ` (did you mean "${hint}"?)` : ''}`,
      );
    }
    const maxOrder = options['max-order'] as number;
    if (!Number.isInteger(maxOrder) || maxOrder < 1 || maxOrder > 4)
      throw new UserError('tyl report: --max-order must be an integer from 1 to 4');
    const top = options.top as number;
    if (!Number.isInteger(top) || top < 1)
      throw new UserError('tyl report: --top must be a whole number >= 1');
    let data;
    try {
      data = await reportData(model, scenarios, {
        samples,
        seed,
        maxOrder,
        top,
        ...(options.actor ? { actor: options.actor as string } : {}),
        ...(options.on ? { on: options.on as string } : {}),
        ...(options.workers !== undefined ? { workers: options.workers as number } : {}),
        ...(asOf ? { asOf } : {}),
        ...(bar.onProgress
          ? { onProgress: (_s: string, d: number, t: number) => bar.onProgress!(d, t) }
          : {}),
      });
    } catch (e) {
      if (e instanceof RangeError) throw new UserError(e.message);
      throw e;
    } finally {
      bar.stop();
    }
    const doc = buildReport(data, model, { date, top });
    const body = await fmt.render(doc);
    if (out) {
      writeFileAtomic(out, body);
      const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
      println(
        stderr,
        `wrote ${options.out as string} (${format}, ${bytes} bytes; seed ${data.analysis.seed}, ${data.analysis.samples} samples)`,
      );
    } else stdout.write(body);
    return 0;
  },
};
