import type { Command } from '../command.js';
import { progressBar } from '../progress-bar.js';
import { println, printJson } from '../command.js';
import { MODEL_ARG } from '../model-arg.js';
import { OPTIMISE_OPTIONS, days, loadFlow } from '../optimise-args.js';
import { formatNumber, textTable } from '../text-table.js';
import { riskExposureIndex } from '../../engine/optimise/rei.js';
import { performanceImpact } from '../../engine/optimise/performance-impact.js';
import { UserError } from '../../model/problem.js';

const demandNote = (source: string, actor?: string) =>
  source === 'explicit'
    ? 'demand as given by flow.demand'
    : source === 'capabilities'
      ? `no flow data: every ${actor ? `${actor} ` : ''}capability demanded at its full level, losses in capability-days`
      : 'no flow data and no capability: every end node demanded at its full level';

export const rei: Command = {
  name: 'rei',
  summary: 'Risk exposure index: the least demand lost while each node is down for its time-to-recover (LP)',
  description:
    'Takes each node down in turn for its time-to-recover and finds, by linear programming (HiGHS), the least weighted demand that must be lost when stock, spare capacity and alternative providers are used as well as possible (Simchi-Levi et al. 2015). REI = impact / the largest impact. With --explain, prints the best response for one node.',
  args: [MODEL_ARG],
  options: {
    ...OPTIMISE_OPTIONS,
    top: { type: 'number', value: 'N', default: 20, description: 'rows to print (text output)' },
    explain: {
      type: 'string',
      value: 'ID',
      description: 'print the best response (production, flows, sales) with this node down',
    },
  },
  examples: ['tyl rei', 'tyl rei --country BY --top 10', 'tyl rei --explain mzkt --json'],
  async run(io) {
    const { args, options, stdout } = io;
    const { fm, scope, asOf, actor } = loadFlow(args, options, io.cwd);
    const explain = options.explain as string | undefined;
    if (explain !== undefined) {
      if (fm.compiled.index[explain] === undefined)
        throw new UserError(`tyl rei: --explain: no node "${explain}" in the model`);
      const r = await performanceImpact(fm, [
        { node: explain, ...(options.ttr !== undefined ? { duration: options.ttr as number } : {}) },
      ]);
      if (options.json) return (printJson(stdout, { asOf: asOf ?? null, ...r }), 0);
      println(
        stdout,
        `${explain} down for ${days(r.window)} days: least weighted loss ${formatNumber(r.loss)} (baseline ${formatNumber(r.baselineLoss)}, impact ${formatNumber(r.impact)})`,
      );
      if (r.message) println(stdout, r.message);
      const resp = r.response;
      if (resp) {
        println(stdout, '\nsales');
        for (const l of textTable([
          ['node', 'demand', 'met', 'lost', 'weight'],
          ...resp.sales.map((s) => [
            s.node,
            formatNumber(s.demand),
            formatNumber(s.met),
            formatNumber(s.lost),
            formatNumber(s.weight),
          ]),
        ]))
          println(stdout, '  ' + l);
        println(stdout, '\nproduction');
        for (const l of textTable([
          ['node', 'units', 'level'],
          ...resp.production.map((p) => [p.node, formatNumber(p.units), formatNumber(p.level)]),
        ]))
          println(stdout, '  ' + l);
        println(stdout, '\nflows');
        for (const l of textTable([
          ['dependency', 'provider', '→ node', 'units'],
          ...resp.flows.map((f) => [f.dependency, f.provider, f.node, formatNumber(f.units)]),
        ]))
          println(stdout, '  ' + l);
      }
      return 0;
    }
    const bar = progressBar(io, 'rei');
    const r = await riskExposureIndex(fm, {
      ...(scope ? { nodes: scope } : {}),
      ...(options.ttr !== undefined ? { ttr: options.ttr as number } : {}),
      onProgress: bar.update,
    }).finally(bar.stop);
    if (options.json) return (printJson(stdout, { asOf: asOf ?? null, ...r }), 0);
    const defaulted = r.nodes.filter((e) => !e.ttrGiven).length;
    println(
      stdout,
      `Risk exposure index of ${r.nodes.length} nodes${asOf ? ` as of ${asOf}` : ''} (${r.solves} LPs): ${demandNote(r.demandSource, actor)}`,
    );
    if (defaulted)
      println(
        stdout,
        `${defaulted} nodes have no time-to-recover in the model; they are down for the default ${options['default-ttr']} days`,
      );
    println(
      stdout,
      `total exposure ${formatNumber(r.totalExposure)}, worst impact ${formatNumber(r.maxImpact)}`,
    );
    println(stdout);
    const top = r.nodes.slice(0, options.top as number);
    for (const l of textTable([
      ['rank', 'REI', 'impact', 'TTR', 'node', 'name'],
      ...top.map((e) => [
        String(e.rank),
        e.rei.toFixed(3),
        formatNumber(e.impact),
        days(e.ttr) + (e.ttrGiven ? '' : '*'),
        e.node,
        e.name,
      ]),
    ]))
      println(stdout, l);
    if (r.nodes.length > top.length)
      println(stdout, `… ${r.nodes.length - top.length} more (--top N, or --json)`);
    if (defaulted) println(stdout, '* default time-to-recover');
    for (const e of r.nodes) if (e.message) println(io.stderr, e.message);
    return 0;
  },
};
