import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { WORKSPACE_OPTION, withWorkspace } from '../workspace-arg.js';
import { UserError } from '../../model/problem.js';

export const search: Command = {
  name: 'search',
  summary: 'Full-text search of ingested paragraphs, ranked (bm25), with highlighted snippets and anchors',
  description:
    'Every word must occur (case and accents ignored); "quoted phrases" match as phrases and word* matches prefixes.',
  args: [{ name: 'text', description: 'words to look for', variadic: true }],
  options: {
    workspace: WORKSPACE_OPTION,
    limit: { type: 'number', default: 10, description: 'most results to show' },
    source: { type: 'string', value: 'ID', description: 'search one source only' },
  },
  examples: ['tyl search "rail transit"', 'tyl search repair* --source ferris-2023 --json'],
  async run(ctx) {
    const { args, options, stdout } = ctx;
    const text = args.join(' ').trim();
    if (!text) throw new UserError("tyl search: missing argument <text>; see 'tyl search --help'");
    const tty = Boolean(stdout.isTTY);
    const hl: [string, string] = tty ? ['\x1b[1m', '\x1b[22m'] : ['**', '**'];
    const hits = await withWorkspace(ctx, { readonly: true }, (store) =>
      store.search(text, {
        limit: options.limit as number,
        highlight: hl,
        ...(options.source ? { source: options.source as string } : {}),
      }),
    );
    if (options.json) {
      printJson(stdout, { query: text, hits });
      return 0;
    }
    if (!hits.length) println(stdout, `no paragraph matches "${text}"`);
    for (const h of hits) {
      println(
        stdout,
        `${h.source} § ${h.section} ¶ ${h.paragraph}   (${h.heading}; score ${(-h.score).toFixed(2)})`,
      );
      println(stdout, `  ${h.snippet}`);
    }
    return 0;
  },
};
