import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelArg } from '../model-arg.js';
import { queryEntities } from '../../model/query-entities.js';
import { textTable } from '../text-table.js';
import { ENTITY_KINDS } from '../../model/schema.js';
import { UserError, didYouMean } from '../../model/problem.js';

const list = (v: unknown) =>
  Array.isArray(v)
    ? (v as string[])
        .flatMap((x) => x.split(','))
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

export const query: Command = {
  name: 'query',
  summary: 'List the entities matching a kind, country, tag or text, optionally as of a date',
  description:
    'Criteria combine with AND; a repeated option (or a comma list) matches any of its values, except --tag which requires every tag. --kind also matches the finer type (e.g. airfield).',
  args: [MODEL_ARG],
  options: {
    kind: {
      type: 'strings',
      value: 'KIND',
      description: 'entity kind or type (state, company, facility, airfield…)',
    },
    country: { type: 'strings', value: 'CC', description: 'ISO 3166-1 alpha-2 country code (BY, RU…)' },
    tag: { type: 'strings', value: 'TAG', description: 'tag the entity must carry' },
    text: {
      type: 'string',
      value: 'TEXT',
      description: 'text in the id, name, aliases, type, tags or description (case- and accent-insensitive)',
    },
    'as-of': AS_OF_OPTION,
  },
  examples: ['tyl query --kind facility --country BY', 'tyl query --text minsk --as-of 2020 --json'],
  run({ args, options, stdout, cwd }) {
    const asOf = asOfOption(options);
    const q = {
      kind: list(options.kind),
      country: list(options.country),
      tag: list(options.tag),
      text: typeof options.text === 'string' ? options.text : undefined,
      asOf,
    };
    const model = loadModelArg(args[0], cwd);
    // A kind that is neither a kind of the format nor a type used in the model is a typo, not a filter.
    const known = new Set<string>([
      ...ENTITY_KINDS,
      ...model.entities.flatMap((e) => (e.type ? [e.type] : [])),
    ]);
    for (const k of q.kind ?? [])
      if (!known.has(k)) {
        const hint = didYouMean(k, known);
        throw new UserError(
          `tyl query: --kind "${k}" is neither an entity kind nor a type used in this model${hint ? ` (did you mean "${hint}"?)` : ''}; kinds: ${ENTITY_KINDS.join(', ')}`,
        );
      }
    const found = queryEntities(model, q);
    if (options.json) {
      printJson(stdout, { query: q, count: found.length, entities: found });
      return 0;
    }
    for (const line of textTable(
      found.map((e) => [e.id, e.type ? `${e.kind}/${e.type}` : e.kind, e.country ?? '', e.name]),
    ))
      println(stdout, line);
    println(
      stdout,
      `${found.length} entit${found.length === 1 ? 'y' : 'ies'}${asOf ? ` valid on ${asOf}` : ''}`,
    );
    return 0;
  },
};
