import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { MODEL_OPTION, WORKSPACE_OPTION, loadModelOption, withWorkspace } from '../workspace-arg.js';
import { coverage as computeCoverage } from '../../evidence/coverage.js';

export const coverage: Command = {
  name: 'coverage',
  summary:
    'Which model elements cite nothing, which citations resolve to no paragraph, which paragraphs nothing cites',
  options: {
    workspace: WORKSPACE_OPTION,
    model: MODEL_OPTION,
    limit: { type: 'number', default: 20, description: 'most items to list per group in text output' },
    strict: { type: 'boolean', description: 'exit 1 when any citation does not resolve' },
  },
  examples: ['tyl coverage', 'tyl coverage --model models/my-model --json'],
  async run(ctx) {
    const { options, stdout, cwd } = ctx;
    const { model } = loadModelOption(options.model, cwd);
    const r = await withWorkspace(ctx, { readonly: true }, (store) => computeCoverage(model!, store));
    const bad = r.citations.dangling > 0;
    if (options.json) {
      printJson(stdout, r);
      return options.strict && bad ? 1 : 0;
    }
    const lim = options.limit as number;
    const more = (n: number) => (n > lim ? `  … and ${n - lim} more` : '');
    const e = r.elements;
    println(
      stdout,
      `elements: ${e.cited}/${e.total} cited; ${e.uncited} uncited, ${e.estimates} uncited estimates`,
    );
    for (const x of r.uncited.slice(0, lim))
      println(
        stdout,
        `  uncited ${x.kind} ${x.id}: ${x.label}${x.at ? `  (${x.at.file}:${x.at.line})` : ''}`,
      );
    if (more(r.uncited.length)) println(stdout, more(r.uncited.length));
    const c = r.citations;
    println(
      stdout,
      `citations: ${c.resolved}/${c.total} resolve; ${c.dangling} point at no paragraph; ${c.notIngested} cite sources not in the workspace`,
    );
    for (const d of r.dangling.slice(0, lim))
      println(
        stdout,
        `  dangling ${d.element.kind} ${d.element.id}${d.where ? ` (${d.where})` : ''}: ${d.cite.source} § ${d.cite.section} ¶ ${d.cite.paragraph}: ${d.reason}`,
      );
    if (more(r.dangling.length)) println(stdout, more(r.dangling.length));
    for (const n of r.notIngested) println(stdout, `  not ingested: ${n.source} (${n.citations} citations)`);
    for (const s of r.sources) {
      println(
        stdout,
        `source ${s.source}${s.title ? ` (${s.title})` : ''}: ${s.cited}/${s.paragraphs} paragraphs cited`,
      );
      for (const u of s.uncited.slice(0, lim))
        println(stdout, `  uncited § ${u.section} ¶ ${u.paragraph}: ${u.excerpt}`);
      if (more(s.uncited.length)) println(stdout, more(s.uncited.length));
    }
    return options.strict && bad ? 1 : 0;
  },
};
