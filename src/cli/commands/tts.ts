import type { Command } from '../command.js';
import { progressBar } from '../progress-bar.js';
import { println, printJson } from '../command.js';
import { MODEL_ARG } from '../model-arg.js';
import { OPTIMISE_OPTIONS, days, loadFlow } from '../optimise-args.js';
import { textTable } from '../text-table.js';
import { timeToSurvive } from '../../engine/optimise/tts.js';

export const tts: Command = {
  name: 'tts',
  summary:
    'Time-to-survive: how long demand is met with each node down; flags TTS shorter than time-to-recover',
  description:
    'For each node, the longest time all demand is met with the node down, from stock, spare capacity and alternative providers (an LP maximising the window, Simchi-Levi et al. 2015). Nodes whose TTS is shorter than their time-to-recover are flagged with the shortfall.',
  args: [MODEL_ARG],
  options: {
    ...OPTIMISE_OPTIONS,
    all: { type: 'boolean', description: 'print every node, not only the flagged ones (text output)' },
  },
  examples: ['tyl tts', 'tyl tts --country BY --all', 'tyl tts --json'],
  async run(io) {
    const { args, options, stdout } = io;
    const { fm, scope, asOf } = loadFlow(args, options, io.cwd);
    const bar = progressBar(io, 'tts');
    const r = await timeToSurvive(fm, {
      ...(scope ? { nodes: scope } : {}),
      ...(options.ttr !== undefined ? { ttr: options.ttr as number } : {}),
      onProgress: bar.update,
    }).finally(bar.stop);
    if (options.json) return (printJson(stdout, { asOf: asOf ?? null, ...r }), 0);
    const flagged = r.nodes.filter((n) => n.flagged).sort((a, b) => b.shortfall - a.shortfall);
    println(
      stdout,
      `Time-to-survive of ${r.nodes.length} nodes${asOf ? ` as of ${asOf}` : ''}: ${flagged.length} lose demand before they recover`,
    );
    if (r.warning) println(stdout, `warning: ${r.warning}`);
    const rows = options.all ? [...flagged, ...r.nodes.filter((n) => !n.flagged)] : flagged;
    if (rows.length) {
      println(stdout);
      for (const l of textTable([
        ['node', 'TTS', 'TTR', 'shortfall', 'flag', 'name'],
        ...rows.map((n) => [
          n.node,
          days(n.tts),
          days(n.ttr) + (n.ttrGiven ? '' : '*'),
          n.flagged ? days(n.shortfall) : '',
          n.flagged ? 'TTS<TTR' : '',
          n.name,
        ]),
      ]))
        println(stdout, l);
      if (rows.some((n) => !n.ttrGiven)) println(stdout, '* default time-to-recover');
    }
    for (const n of r.nodes) if (n.status !== 'optimal') println(io.stderr, n.message);
    return 0;
  },
};
