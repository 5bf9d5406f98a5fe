import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { MODEL_OPTION, WORKSPACE_OPTION, loadModelOption, withWorkspace } from '../workspace-arg.js';
import { evidenceFor } from '../../evidence/evidence-for.js';

export const evidence: Command = {
  name: 'evidence',
  summary:
    'Show the cited paragraphs behind an entity, relation or dependency, in full, with document metadata',
  args: [
    {
      name: 'element',
      description: 'entity, relation or dependency id (a relation without id: from-type-to)',
    },
  ],
  options: { workspace: WORKSPACE_OPTION, model: MODEL_OPTION },
  examples: ['tyl evidence mzkt', 'tyl evidence by-hosts-ru-troops --json'],
  async run(ctx) {
    const { args, options, stdout, cwd } = ctx;
    const { model } = loadModelOption(options.model, cwd);
    const r = await withWorkspace(ctx, { readonly: true }, (store) => evidenceFor(model!, store, args[0]));
    if (options.json) {
      printJson(stdout, r);
      return 0;
    }
    println(
      stdout,
      `${r.element.kind} ${r.element.id}: ${r.element.label}${r.element.at ? `  (${r.element.at.file}:${r.element.at.line})` : ''}`,
    );
    if (r.mentions) {
      const m = Object.entries(r.mentions);
      println(
        stdout,
        m.length
          ? `mentioned: ${m.map(([s, n]) => `${n}× in ${s}`).join(', ')}`
          : 'mentioned in no ingested document',
      );
    }
    if (!r.citations.length) println(stdout, 'no citations');
    for (const c of r.citations) {
      const anchor = `${c.cite.source} § ${c.cite.section} ¶ ${c.cite.paragraph}${c.cite.to ? `–${c.cite.to}` : ''}`;
      println(stdout);
      println(
        stdout,
        `— ${anchor}${c.where ? `  (for ${c.where})` : ''}${c.cite.note ? `: ${c.cite.note}` : ''}`,
      );
      if (c.status === 'source-not-ingested') {
        println(
          stdout,
          `  unresolved: source "${c.cite.source}" is not in the workspace (tyl ingest FILE --source ${c.cite.source})`,
        );
        continue;
      }
      const d = c.document!;
      println(stdout, `  ${[d.title, d.author, d.date].filter(Boolean).join(', ')}  [${d.path}]`);
      for (const p of c.paragraphs)
        println(
          stdout,
          p.found
            ? `  ¶ ${p.paragraph} (${p.heading}): ${p.text}`
            : `  unresolved: no paragraph ${p.paragraph} in section "${p.section}"`,
        );
    }
    return r.citations.every((c) => c.status === 'ok') ? 0 : 1;
  },
};
