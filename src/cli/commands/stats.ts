import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelAt } from '../model-arg.js';
import { modelStats, type ModelStats } from '../../model/model-stats.js';
import { formatNumber, textTable } from '../text-table.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const counts = (rec: Record<string, number>) =>
  Object.entries(rec)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

/** Stats as the lines `tyl stats` prints. */
export function formatStats(s: ModelStats, asOf?: string): string[] {
  const c = s.counts;
  const d = s.dependencies;
  const ci = s.citations;
  const e = s.estimates;
  return [
    `${s.model.title} (${s.model.id}${s.model.version ? ` v${s.model.version}` : ''})${asOf ? `, as of ${asOf}` : ''}`,
    '',
    ...textTable([
      [
        'size',
        `${c.entities} entities, ${c.relations} relations, ${c.dependencies} dependencies (${c.providers} providers), ${c.sources} sources`,
      ],
      ['by kind', counts(s.entitiesByKind)],
      ['by country', counts(s.entitiesByCountry)],
      ['relations', counts(s.relationsByType)],
      [
        'dependencies',
        `${d.dependentNodes} dependent entities, ${d.providerNodes} providers, ${formatNumber(d.meanProviders)} providers per input, ${d.singleProvider} with a single provider`,
      ],
      [
        'citations',
        `${ci.total} citations to ${ci.sections} sections; ${ci.citedElements} of ${ci.elements} elements cited (${pct(ci.coverage)}), ${ci.unsupported} neither cited nor marked estimate`,
      ],
      ['by source', counts(ci.bySource)],
      [
        'estimates',
        `${e.elements} elements marked estimate; ${e.estimatedQuantities} of ${e.quantities} written quantities estimated, ${e.uncertainQuantities} given as a range or distribution`,
      ],
      ['confidence', counts(s.confidence)],
      [
        'valid time',
        s.validTime.dated
          ? `${s.validTime.dated} dated elements, ${s.validTime.earliest} to ${s.validTime.latest}`
          : 'no dated elements',
      ],
    ]),
  ];
}

export const stats: Command = {
  name: 'stats',
  summary:
    'Summarise a model: size by kind, country and relation type, dependencies, citation coverage, estimates',
  args: [MODEL_ARG],
  options: { 'as-of': AS_OF_OPTION },
  examples: ['tyl stats', 'tyl stats --as-of 2014 --json'],
  run({ args, options, stdout, cwd }) {
    const asOf = asOfOption(options);
    const s = modelStats(loadModelAt(args[0], cwd, asOf));
    if (options.json) printJson(stdout, asOf ? { asOf, ...s } : s);
    else for (const line of formatStats(s, asOf)) println(stdout, line);
    return 0;
  },
};
