import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelArg } from '../model-arg.js';
import { compile } from '../../engine/compile.js';
import { betweenness, BETWEENNESS_DEFAULTS } from '../../engine/structure/betweenness.js';
import { RELATION_TYPES, ENTITY_KINDS } from '../../model/schema.js';
import { textTable } from '../text-table.js';

export const centralityCommand: Command = {
  name: 'centrality',
  summary: 'Betweenness centrality of the nodes of a transit network (rail, roads, pipelines)',
  description:
    'The network is made of relations of the given types between entities of the given kinds (and tags), taken as undirected links; betweenness is the normalised share of shortest routes between other pairs that pass through a node (Brandes 2001; docs/methods.md, "Structure").',
  args: [MODEL_ARG],
  options: {
    type: {
      type: 'strings',
      value: 'TYPE',
      choices: RELATION_TYPES,
      description: `relation type forming the network (default: ${BETWEENNESS_DEFAULTS.relationTypes.join(', ')})`,
    },
    kind: {
      type: 'strings',
      value: 'KIND',
      choices: ENTITY_KINDS,
      description: `entity kind that can be a network node (default: ${BETWEENNESS_DEFAULTS.kinds.join(', ')})`,
    },
    tag: { type: 'strings', value: 'TAG', description: 'keep only nodes with this tag (e.g. rail)' },
    top: { type: 'number', description: 'rows printed (JSON has all)', default: 15 },
    'as-of': AS_OF_OPTION,
  },
  examples: ['tyl centrality', 'tyl centrality --tag rail --json'],
  run({ args, options, stdout, cwd }) {
    const model = loadModelArg(args[0], cwd);
    const asOf = asOfOption(options) ?? model.meta.as_of;
    const cm = compile(model, asOf ? { asOf } : {});
    const res = betweenness(cm, {
      ...(options.type ? { relationTypes: options.type as string[] } : {}),
      ...(options.kind ? { kinds: options.kind as string[] } : {}),
      ...(options.tag ? { tags: options.tag as string[] } : {}),
    });
    if (options.json) {
      printJson(stdout, { model: model.meta.id, asOf: asOf ?? null, ...res });
      return 0;
    }
    println(stdout, `${model.meta.title}${asOf ? `, as of ${asOf}` : ''}`);
    if (!res.nodes) {
      println(stdout, 'No transit network found (relations of those types between nodes of those kinds).');
      return 0;
    }
    println(
      stdout,
      `Transit network: ${res.nodes} nodes, ${res.links} links. Betweenness (share of shortest routes between other pairs through the node):`,
    );
    const name = new Map(model.entities.map((e) => [e.id, e.name]));
    const rows = res.centrality
      .slice(0, options.top as number)
      .map((c) => [name.get(c.node) ?? c.node, c.node, c.betweenness.toFixed(3)]);
    for (const l of textTable([['node', 'id', 'betweenness'], ...rows])) println(stdout, `  ${l}`);
    if (res.centrality.length > rows.length)
      println(stdout, `  … ${res.centrality.length - rows.length} more (--top, or --json for all)`);
    return 0;
  },
};
