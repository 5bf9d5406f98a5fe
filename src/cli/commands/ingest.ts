import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { MODEL_OPTION, WORKSPACE_OPTION, loadModelOption, withWorkspace } from '../workspace-arg.js';
import { ingestFiles, defaultActor } from '../../evidence/ingest-files.js';
import { modelGazetteer } from '../../evidence/model-gazetteer.js';
import { UserError } from '../../model/problem.js';
import type { DocumentFormat } from '../../store/store.js';

export const ingest: Command = {
  name: 'ingest',
  summary:
    'Add documents to the workspace: paragraphs with stable anchors, full-text index, mentions, candidate claims',
  description:
    'Reads Markdown (YAML front matter as metadata), plain text or HTML. Each paragraph is anchored by its section slug and number; ' +
    're-ingesting an unchanged file changes nothing, and an edited file keeps the anchors of unchanged paragraphs. ' +
    "Mentions are found with the model's entity names and aliases. Every file is checked before anything is written.",
  args: [{ name: 'file', description: 'documents to ingest (.md, .txt, .html)', variadic: true }],
  options: {
    workspace: WORKSPACE_OPTION,
    source: {
      type: 'string',
      value: 'ID',
      description: 'source id of the document (one file only; default: front matter id, else the file name)',
    },
    model: MODEL_OPTION,
    format: {
      type: 'string',
      choices: ['markdown', 'text', 'html'],
      description: 'force the format instead of detecting it',
    },
    reason: { type: 'string', value: 'TEXT', description: 'why (recorded in the change log)' },
    'max-size': { type: 'number', value: 'MB', default: 20, description: 'refuse files larger than this' },
  },
  examples: [
    'tyl ingest ../shared/seeds/000_9e425d521df350b2.txt --source ferris-2023',
    'tyl ingest notes/*.md --workspace team.db --json',
  ],
  async run(ctx) {
    const { args, options, stdout, stderr, cwd, env } = ctx;
    if (!args.length) throw new UserError("tyl ingest: missing argument <file>; see 'tyl ingest --help'");
    const { model, path: modelPath } = loadModelOption(options.model, cwd, true);
    if (!model && !options.json)
      println(stderr, `note: no model at ${modelPath}; ingesting without entity mentions (pass --model)`);
    const gazetteer = modelGazetteer(model);
    const bar =
      stderr.isTTY && args.length > 1
        ? new cliProgress.SingleBar(
            { stream: stderr, format: 'ingest [{bar}] {value}/{total} {file}', hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    bar?.start(args.length, 0, { file: '' });
    const results = await withWorkspace(ctx, { create: true }, (store) =>
      ingestFiles(
        store,
        args.map((a) => resolve(cwd, a)),
        {
          gazetteer,
          source: options.source as string | undefined,
          format: options.format as DocumentFormat | undefined,
          maxBytes: Math.round((options['max-size'] as number) * 1024 * 1024),
          actor: defaultActor(env),
          reason: options.reason as string | undefined,
          cwd,
          onProgress: (done, _total, file) => bar?.update(done, { file }),
        },
      ),
    ).finally(() => bar?.stop());
    if (options.json) printJson(stdout, { model: model?.meta.id ?? null, documents: results });
    else
      for (const r of results)
        println(
          stdout,
          r.status === 'unchanged'
            ? `unchanged ${r.source} (${r.path}): ${r.paragraphs} paragraphs`
            : `${r.status} ${r.source} (${r.path}) v${r.version}: ${r.paragraphs} paragraphs (${r.kept} kept, ${r.added} new or edited, ${r.removed} removed), ` +
                `${r.mentions - r.candidates} entity mentions, ${r.candidates} candidate names, ${r.claims} candidate claims`,
        );
    return 0;
  },
};
