import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from '../command.js';
import { progressBar } from '../progress-bar.js';
import { println, printJson } from '../command.js';
import { MODEL_ARG, modelPath } from '../model-arg.js';
import { OPTIMISE_OPTIONS, days, loadFlow } from '../optimise-args.js';
import { formatNumber, textTable } from '../text-table.js';
import { parseMitigation } from '../../engine/optimise/parse-mitigation.js';
import { rankMitigations } from '../../engine/optimise/rank-mitigations.js';
import type { Mitigation } from '../../engine/optimise/mitigation-schema.js';
import { UserError, formatProblem, type Problem } from '../../model/problem.js';
import { resolveCountry } from '../../engine/structure/resolve-country.js';

/** The mitigation files named (files or folders), or the model's mitigations/ folder. */
function mitigationFiles(paths: string[] | undefined, model: string, cwd: string): string[] {
  const list = paths?.length ? paths.map((p) => resolve(cwd, p)) : [join(model, 'mitigations')];
  const out: string[] = [];
  for (const p of list) {
    if (!existsSync(p)) throw new UserError(`tyl mitigate: ${relative(cwd, p) || p}: no such file or folder`);
    if (statSync(p).isDirectory())
      out.push(
        ...readdirSync(p)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => join(p, f)),
      );
    else out.push(p);
  }
  if (!out.length)
    throw new UserError(
      `tyl mitigate: no mitigation files (.yaml) in ${list.map((p) => relative(cwd, p)).join(', ')}`,
    );
  return out;
}

export const mitigate: Command = {
  name: 'mitigate',
  summary:
    'Rank candidate mitigations (capacity, alternative providers, stockpiles) by exposure cut per unit cost',
  description:
    'Reads mitigation files (default: the model’s mitigations/ folder), applies each to the model as an overlay, recomputes the total exposure (the sum of the performance impacts of the selected nodes, each down for its time-to-recover), and ranks the mitigations by exposure removed per unit of cost.',
  args: [MODEL_ARG],
  options: {
    ...OPTIMISE_OPTIONS,
    mitigations: {
      type: 'strings',
      value: 'PATH',
      description: 'mitigation file or folder (repeatable; default <model>/mitigations)',
    },
  },
  examples: ['tyl mitigate --country BY', 'tyl mitigate models/x --mitigations plans/ --json'],
  async run(io) {
    const { args, options, stdout, cwd } = io;
    const { model, fm, scope: chosen, asOf, actor } = loadFlow(args, options, cwd);
    // Default scope: the nodes of the country the model's focus says the actor relies on.
    const on = model.meta.focus?.on ? resolveCountry(model, model.meta.focus.on) : undefined;
    const scope =
      chosen ?? (on ? fm.compiled.ids.filter((_, i) => fm.compiled.country[i] === on) : undefined);
    const files = mitigationFiles(options.mitigations as string[] | undefined, modelPath(args[0], cwd), cwd);
    const problems: Problem[] = [];
    const mitigations: Mitigation[] = [];
    for (const f of files) {
      const r = parseMitigation(readFileSync(f, 'utf8'), relative(cwd, f) || f, { model });
      problems.push(...r.problems);
      if (r.mitigation) mitigations.push(r.mitigation);
    }
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length)
      throw new UserError(
        `optimise/mitigate: ${errors.length} error${errors.length === 1 ? '' : 's'} in mitigation files:\n` +
          errors.map((p) => '  ' + formatProblem(p)).join('\n'),
        errors,
      );
    const bar = progressBar(io, 'mitigate');
    const r = await rankMitigations(model, mitigations, {
      ...(asOf ? { asOf } : {}),
      ...(scope ? { nodes: scope } : {}),
      ...(options.ttr !== undefined ? { ttr: options.ttr as number } : {}),
      defaultTtr: options['default-ttr'] as number,
      ...(actor ? { demandCountry: actor } : {}),
      onProgress: (d, t) => bar.update(d, t),
    }).finally(bar.stop);
    if (options.json) {
      const { baseline, ...rest } = r;
      return (
        printJson(stdout, { asOf: asOf ?? null, ...rest, baselineWorst: baseline.nodes.slice(0, 10) }),
        0
      );
    }
    const cur = r.currency ?? '';
    const big = r.mitigations.some((m) => m.cost >= 1e9);
    const scale = cur ? (big ? 1e9 : 1e6) : 1;
    const scaleName = cur ? `${big ? 'billion' : 'million'} ${cur}` : 'unit cost';
    println(
      stdout,
      `${r.mitigations.length} mitigations against the loss of ${r.scope.length} nodes${!chosen && on ? ` (the ${on} nodes, from the model's focus)` : ''}${asOf ? ` as of ${asOf}` : ''}; total exposure now ${formatNumber(r.exposure)}${actor ? ` (${actor} capabilities)` : ''}`,
    );
    println(stdout);
    for (const l of textTable([
      ['rank', 'mitigation', 'exposure cut', `per ${scaleName}`, 'cost', 'in place after', 'helps most'],
      ...r.mitigations.map((m) => [
        String(m.rank),
        m.id,
        `${formatNumber(m.reduction)} (${r.exposure > 0 ? Math.round((100 * m.reduction) / r.exposure) : 0}%)`,
        formatNumber(m.reductionPerCost * scale),
        `${formatNumber(m.cost / scale)}${cur ? ` ${big ? 'bn' : 'M'} ${cur}` : ''}${m.costEstimate ? ' (est.)' : ''}`,
        m.leadTime === null ? '' : `${days(m.leadTime)} days`,
        m.helped
          .map((h) => h.node)
          .slice(0, 3)
          .join(', '),
      ]),
    ]))
      println(stdout, l);
    return 0;
  },
};
