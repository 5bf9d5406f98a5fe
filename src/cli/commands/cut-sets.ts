import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelArg } from '../model-arg.js';
import { compile } from '../../engine/compile.js';
import { cutSets, CUT_SET_DEFAULTS } from '../../engine/structure/cut-sets.js';
import { FAILURE_RULE_DEFAULTS } from '../../engine/structure/failure-rule.js';
import { UserError, didYouMean } from '../../model/problem.js';
import { formatNumber, textTable } from '../text-table.js';
import { structureFormatter } from './structure-format.js';

export const cutSetsCommand: Command = {
  name: 'cut-sets',
  summary:
    'Minimal cut sets and single points of failure of each capability, with the path that explains each',
  description:
    'A cut set is a smallest set of entities whose joint loss makes the capability fail under the AND/OR semantics of requirements and alternatives (docs/methods.md, "Structure"). Order 1 = single points of failure.',
  args: [MODEL_ARG],
  options: {
    target: { type: 'strings', value: 'ID', description: 'analyse this entity (default: every capability)' },
    'max-order': {
      type: 'number',
      description: 'largest cut set to find',
      default: CUT_SET_DEFAULTS.maxOrder,
    },
    'fail-below': {
      type: 'number',
      value: 'LEVEL',
      description: 'a node fails when a requirement holds its level below LEVEL',
      default: FAILURE_RULE_DEFAULTS.failBelow,
    },
    within: {
      type: 'number',
      value: 'DAYS',
      description: 'count only substitutes that can be switched to within DAYS (default: all)',
    },
    top: { type: 'number', description: 'cut sets printed per capability (JSON has all)', default: 10 },
    'as-of': AS_OF_OPTION,
  },
  examples: [
    'tyl cut-sets',
    'tyl cut-sets --target ru-cap-iskander-s400 --max-order 2',
    'tyl cut-sets models/my-model --within 90 --json',
  ],
  run({ args, options, stdout, cwd }) {
    const model = loadModelArg(args[0], cwd);
    const asOf = asOfOption(options) ?? model.meta.as_of;
    const cm = compile(model, asOf ? { asOf } : {});
    const targets = options.target as string[] | undefined;
    for (const t of targets ?? [])
      if (cm.index[t] === undefined) {
        const hint = didYouMean(t, cm.ids);
        throw new UserError(
          `tyl cut-sets: unknown entity "${t}"${asOf ? ` (or not valid on ${asOf})` : ''}${hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
      }
    const maxOrder = options['max-order'] as number;
    if (!Number.isInteger(maxOrder) || maxOrder < 1 || maxOrder > 5)
      throw new UserError('tyl cut-sets: --max-order must be an integer from 1 to 5');
    const failBelow = options['fail-below'] as number;
    if (!(failBelow > 0 && failBelow <= 1))
      throw new UserError('tyl cut-sets: --fail-below must be in (0, 1]');
    const within = options.within as number | undefined;
    if (within !== undefined && !(within >= 0))
      throw new UserError('tyl cut-sets: --within must be a number of days >= 0');
    const res = cutSets(cm, { targets, maxOrder, failBelow, ...(within !== undefined ? { within } : {}) });
    if (options.json) {
      printJson(stdout, { model: model.meta.id, asOf: asOf ?? null, ...res });
      return 0;
    }
    const f = structureFormatter(model);
    println(stdout, `${model.meta.title}${asOf ? `, as of ${asOf}` : ''}`);
    println(
      stdout,
      `Minimal cut sets up to order ${maxOrder}; a node fails below level ${formatNumber(failBelow)}; substitutes ${within === undefined ? 'all count' : `count within ${formatNumber(within)} days`}.`,
    );
    if (!res.targets.length) println(stdout, 'No capabilities to analyse (name one with --target).');
    // Single points of failure across all targets first: the headline.
    const spof = new Map<string, string[]>();
    for (const t of res.targets)
      for (const c of t.cutSets)
        if (c.order === 1) spof.set(c.nodes[0], [...(spof.get(c.nodes[0]) ?? []), t.target]);
    if (spof.size) {
      {
        println(stdout);
        println(stdout, 'Single points of failure (one loss stops the capability):');
      }
      const rows = [...spof]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([n, ts]) => [f.name(n), `${ts.length}`, ts.map(f.name).join(', ')]);
      for (const l of textTable([['entity', 'stops', 'capabilities'], ...rows])) println(stdout, `  ${l}`);
    }
    const top = options.top as number;
    for (const t of res.targets) {
      {
        println(stdout);
        println(stdout, `${f.name(t.target)} (${t.target})`);
      }
      if (t.failsAtBaseline) {
        println(stdout, '  fails already with nothing lost: an input never reaches the cover it needs');
        continue;
      }
      const counts = t.countsByOrder.map((c, k) => `${c} of order ${k + 1}`).join(', ');
      println(
        stdout,
        `  ${t.cutSets.length ? counts : 'no cut set up to this order'}${t.truncated ? ' (truncated)' : ''}`,
      );
      t.cutSets.slice(0, top).forEach((c, k) => {
        const paths = (c.paths ?? []).map((p) => p.steps);
        println(stdout, `  ${k + 1}. lose ${c.nodes.map(f.name).join(' + ')}`);
        paths.forEach((p, j) => println(stdout, `     ${j ? '    ' : 'via '}${f.path(p, false)}`));
        println(stdout, `     sources: ${f.citations(paths).join('; ') || '-'}`);
      });
      if (t.cutSets.length > top)
        println(stdout, `  … ${t.cutSets.length - top} more (--top, or --json for all)`);
    }
    return 0;
  },
};
