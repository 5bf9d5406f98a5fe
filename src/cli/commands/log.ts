import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { WORKSPACE_OPTION, withWorkspace } from '../workspace-arg.js';

export const log: Command = {
  name: 'log',
  summary: "Show the workspace's append-only change log: who changed what, when and why",
  options: {
    workspace: WORKSPACE_OPTION,
    target: {
      type: 'string',
      value: 'WHAT',
      description: 'only changes of one target, e.g. document:ferris-2023 or claim:c-…',
    },
    since: {
      type: 'number',
      value: 'SEQ',
      default: 0,
      description: 'only changes after this sequence number',
    },
    limit: { type: 'number', default: 100, description: 'most entries to show (the latest)' },
  },
  examples: ['tyl log', 'tyl log --target document:ferris-2023 --json'],
  async run(ctx) {
    const { options, stdout } = ctx;
    const all = await withWorkspace(ctx, { readonly: true }, (store) =>
      store.changes({
        since: options.since as number,
        ...(options.target ? { target: options.target as string } : {}),
      }),
    );
    const entries = all.slice(-(options.limit as number));
    if (options.json) {
      printJson(stdout, { changes: entries });
      return 0;
    }
    if (!entries.length) println(stdout, 'no changes');
    for (const c of entries)
      println(
        stdout,
        `${String(c.seq).padStart(5)}  ${c.at}  ${c.actor}  ${c.action} ${c.target}${c.reason ? `  — ${c.reason}` : ''}  ${JSON.stringify(c.detail)}`,
      );
    return 0;
  },
};
