import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelArg } from '../model-arg.js';
import { timeline as buildTimeline } from '../../model/timeline.js';
import { textTable } from '../text-table.js';
import { PartialDate } from '../../model/schema.js';
import { UserError } from '../../model/problem.js';

const date = (options: Record<string, unknown>, k: string): string | undefined => {
  const v = options[k];
  if (typeof v !== 'string') return undefined;
  if (!PartialDate.safeParse(v).success)
    throw new UserError(`tyl timeline: --${k} expects a date as YYYY, YYYY-MM or YYYY-MM-DD; got "${v}"`);
  return v;
};

export const timeline: Command = {
  name: 'timeline',
  summary: 'List dated entities, relations and dependencies in chronological order',
  description:
    'Each element with valid time appears where it starts and where it ends; events appear on their date.',
  args: [MODEL_ARG],
  options: {
    from: { type: 'string', value: 'DATE', description: 'only entries on or after DATE' },
    to: {
      type: 'string',
      value: 'DATE',
      description: 'only entries on or before DATE (a partial date includes its whole span)',
    },
    'as-of': AS_OF_OPTION,
  },
  examples: ['tyl timeline', 'tyl timeline --from 2020 --to 2021', 'tyl timeline --as-of 2022 --json'],
  run({ args, options, stdout, cwd }) {
    const asOf = asOfOption(options);
    const opts = { asOf, from: date(options, 'from'), to: date(options, 'to') };
    const entries = buildTimeline(loadModelArg(args[0], cwd), opts);
    if (options.json) {
      printJson(stdout, {
        ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v)),
        count: entries.length,
        entries,
      });
      return 0;
    }
    const rows = entries.map((x) => [
      x.date,
      x.change === 'start' ? 'from' : 'until',
      x.element,
      x.kind,
      x.id,
      x.label,
    ]);
    for (const line of textTable(rows)) println(stdout, line);
    println(stdout, `${entries.length} dated entr${entries.length === 1 ? 'y' : 'ies'}`);
    return 0;
  },
};
