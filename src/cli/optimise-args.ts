// Options and helpers shared by the optimisation commands (rei, tts, mitigate): the time-to-recover
// options, which nodes to disrupt, and loading the flow model.
import type { OptionSpec, Values } from './command.js';
import { AS_OF_OPTION, asOfOption, loadModelArg } from './model-arg.js';
import { compile } from '../engine/compile.js';
import { flowData } from '../engine/optimise/flow-data.js';
import { flowModel, type FlowModel } from '../engine/optimise/flow-model.js';
import { UserError, didYouMean } from '../model/problem.js';
import { resolveCountry } from '../engine/structure/resolve-country.js';
import type { Model } from '../model/types.js';

export const OPTIMISE_OPTIONS: Record<string, OptionSpec> = {
  'as-of': AS_OF_OPTION,
  ttr: {
    type: 'number',
    value: 'DAYS',
    description: 'take every node down for DAYS (overrides each node’s time-to-recover)',
  },
  'default-ttr': {
    type: 'number',
    value: 'DAYS',
    default: 30,
    description: 'time-to-recover of nodes whose model gives none (quantities.ttr)',
  },
  node: { type: 'strings', value: 'ID', description: 'disrupt only these nodes (repeatable)' },
  country: { type: 'string', value: 'CC', description: 'disrupt only nodes of this country (e.g. BY)' },
  kind: { type: 'string', value: 'KIND', description: 'disrupt only nodes of this kind (e.g. company)' },
  actor: {
    type: 'string',
    value: 'ID|CC',
    description:
      'without flow data, demand only this actor’s capabilities (an entity id or country code; default: the model’s focus.actor; "all" for every capability)',
  },
};

/** The country whose capabilities are demanded (--actor, else the model's focus actor). */
export function demandCountry(model: Model, options: Values): string | undefined {
  const v = (options.actor as string | undefined) ?? model.meta.focus?.actor;
  if (v === undefined || v === 'all') return undefined;
  const cc = resolveCountry(model, v);
  if (!cc) throw new UserError(`tyl: --actor: "${v}" is neither a country code nor an entity with a country`);
  return cc;
}

/** The model, its flow model and the node ids the options select. */
export function loadFlow(
  args: string[],
  options: Values,
  cwd: string,
): { model: Model; fm: FlowModel; scope?: string[]; asOf?: string; actor?: string } {
  const model = loadModelArg(args[0], cwd);
  const asOf = asOfOption(options);
  const cm = compile(model, asOf === undefined ? {} : { asOf });
  const actor = demandCountry(model, options);
  const fm = flowModel(cm, flowData(model, cm), {
    defaultTtr: options['default-ttr'] as number,
    ...(actor ? { demandCountry: actor } : {}),
  });
  const scope = selectNodes(fm, options);
  return { model, fm, ...(scope ? { scope } : {}), ...(asOf ? { asOf } : {}), ...(actor ? { actor } : {}) };
}

/** Node ids selected by --node, --country and --kind (undefined = all). */
export function selectNodes(fm: FlowModel, options: Values): string[] | undefined {
  const ids = options.node as string[] | undefined;
  const country = options.country as string | undefined;
  const kind = options.kind as string | undefined;
  if (!ids && !country && !kind) return undefined;
  const cm = fm.compiled;
  for (const id of ids ?? [])
    if (cm.index[id] === undefined) {
      const hint = didYouMean(id, cm.ids);
      throw new UserError(
        `tyl: --node: no node "${id}" in the model${hint ? ` (did you mean "${hint}"?)` : ''}`,
      );
    }
  const out = cm.ids.filter(
    (id, i) =>
      (!ids || ids.includes(id)) &&
      (!country || cm.country[i] === country.toUpperCase()) &&
      (!kind || cm.kind[i] === kind),
  );
  if (!out.length) throw new UserError('tyl: no node matches --node/--country/--kind');
  return out;
}

/** Days as short text: `30`, `7.5`, `∞`. */
export const days = (d: number | null): string =>
  d === null || d === Infinity ? '∞' : String(Number(d.toPrecision(4)));
