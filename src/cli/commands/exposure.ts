import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelArg } from '../model-arg.js';
import { compile } from '../../engine/compile.js';
import { exposure } from '../../engine/structure/exposure.js';
import { resolveCountry } from '../../engine/structure/resolve-country.js';
import { UserError, didYouMean } from '../../model/problem.js';
import { textTable } from '../text-table.js';
import { structureFormatter } from './structure-format.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const exposureCommand: Command = {
  name: 'exposure',
  summary:
    "Share of each capability's requirement that rests, directly or through suppliers, on a country's nodes",
  description:
    'Exposure is the chance that a walk down the supply chain from the capability (requirements weighted by criticality, providers in use by share × quality) ends at a node of the chosen country (docs/methods.md, "Structure"). Defaults: the model focus (actor and the country it relies on).',
  args: [MODEL_ARG],
  options: {
    on: {
      type: 'string',
      value: 'COUNTRY',
      description: 'country code or state entity id whose nodes are counted (default: model focus.on)',
    },
    actor: {
      type: 'string',
      value: 'COUNTRY',
      description: 'analyse the capabilities of this country (default: model focus.actor)',
    },
    target: { type: 'strings', value: 'ID', description: 'analyse this entity instead' },
    paths: { type: 'number', description: 'heaviest paths printed per capability', default: 3 },
    'as-of': AS_OF_OPTION,
  },
  examples: [
    'tyl exposure',
    'tyl exposure --on BY --actor RU',
    'tyl exposure models/my-model --on CN --json',
  ],
  run({ args, options, stdout, cwd }) {
    const model = loadModelArg(args[0], cwd);
    const asOf = asOfOption(options) ?? model.meta.as_of;
    const country = (flag: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      const c = resolveCountry(model, v);
      if (!c)
        throw new UserError(
          `tyl exposure: --${flag} "${v}" is neither a country code (BY) nor an entity with a country`,
        );
      return c;
    };
    const on = country('on', (options.on as string | undefined) ?? model.meta.focus?.on);
    if (!on) throw new UserError('tyl exposure: name the country with --on (the model has no focus.on)');
    const actor = country('actor', (options.actor as string | undefined) ?? model.meta.focus?.actor);
    const cm = compile(model, asOf ? { asOf } : {});
    const targets = options.target as string[] | undefined;
    for (const t of targets ?? [])
      if (cm.index[t] === undefined) {
        const hint = didYouMean(t, cm.ids);
        throw new UserError(
          `tyl exposure: unknown entity "${t}"${asOf ? ` (or not valid on ${asOf})` : ''}${hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
      }
    const res = exposure(cm, {
      on,
      ...(actor ? { actor } : {}),
      ...(targets ? { targets } : {}),
      paths: options.paths as number,
    });
    const rows = res.targets.slice().sort((a, b) => b.exposure - a.exposure);
    if (options.json) {
      printJson(stdout, {
        model: model.meta.id,
        asOf: asOf ?? null,
        on: res.on,
        actor: res.actor,
        targets: rows,
      });
      return 0;
    }
    const f = structureFormatter(model);
    println(stdout, `${model.meta.title}${asOf ? `, as of ${asOf}` : ''}`);
    println(
      stdout,
      `Exposure of ${actor ? `${actor} ` : ''}capabilities on ${on} nodes (requirements weighted by criticality, providers in use by share × quality).`,
    );
    if (!rows.length) {
      println(stdout, 'No capabilities to analyse (name one with --target, or check --actor).');
      return 0;
    }
    println(stdout);
    const table = rows.map((t) => [
      f.name(t.target),
      pct(t.exposure),
      pct(t.direct),
      t.contributors
        .slice(0, 3)
        .map((c) => `${f.name(c.node)} ${pct(c.share)}`)
        .join(', ') || '-',
    ]);
    for (const l of textTable([['capability', 'exposure', 'direct', `main ${on} nodes`], ...table]))
      println(stdout, `  ${l}`);
    const shown = rows.filter((t) => t.paths.length);
    if (shown.length) {
      println(stdout);
      println(stdout, 'Heaviest paths:');
    }
    for (const t of shown) {
      {
        println(stdout);
        println(stdout, `${f.name(t.target)} (${t.target}): ${pct(t.exposure)}`);
      }
      for (const p of t.paths) {
        println(stdout, `  ${pct(p.share).padStart(6)}  ${f.path(p.steps, false)}`);
        println(stdout, `          sources: ${f.citations([p.steps]).join('; ') || '-'}`);
      }
    }
    return 0;
  },
};
