import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { MODEL_OPTION, WORKSPACE_OPTION, withWorkspace } from '../workspace-arg.js';
import { DEFAULT_MODEL } from '../model-arg.js';
import { acceptClaim, rejectClaim } from '../../evidence/accept-claim.js';
import { defaultActor } from '../../evidence/ingest-files.js';
import { UserError } from '../../model/problem.js';
import { resolve } from 'node:path';
import type { ClaimStatus } from '../../store/store.js';

const ACTIONS = ['list', 'accept', 'reject', 'names'] as const;

export const claims: Command = {
  name: 'claims',
  summary:
    'Review candidate claims: list them, accept (writes the relation with its citation into the model) or reject',
  description:
    "'tyl claims' lists pending claims, best first; 'tyl claims accept ID' writes the relation into the model's YAML (formatting and comments kept) " +
    "and records the decision; 'tyl claims reject ID --reason TEXT' records a rejection; 'tyl claims names' lists capitalised names that match no entity.",
  args: [
    { name: 'action', description: `one of ${ACTIONS.join(', ')} (default: list)`, optional: true },
    { name: 'id', description: 'claim id (for accept and reject)', optional: true },
  ],
  options: {
    workspace: WORKSPACE_OPTION,
    model: MODEL_OPTION,
    status: {
      type: 'string',
      choices: ['pending', 'accepted', 'rejected', 'all'],
      default: 'pending',
      description: 'which claims to list',
    },
    source: { type: 'string', value: 'ID', description: 'only claims from this source' },
    'min-confidence': {
      type: 'number',
      default: 0,
      description: 'only claims at least this confident (0..1)',
    },
    reason: { type: 'string', value: 'TEXT', description: 'why (recorded in the change log)' },
    limit: { type: 'number', default: 50, description: 'most claims or names to list' },
  },
  examples: [
    'tyl claims',
    'tyl claims accept c-1a2b3c4d5e',
    'tyl claims reject c-1a2b3c4d5e --reason "wrong direction"',
    'tyl claims names --json',
  ],
  async run(ctx) {
    const { args, options, stdout, cwd, env } = ctx;
    const action = (args[0] ?? 'list') as (typeof ACTIONS)[number];
    if (!ACTIONS.includes(action))
      throw new UserError(`tyl claims: unknown action "${args[0]}"; one of ${ACTIONS.join(', ')}`);
    const actor = defaultActor(env);
    if (action === 'accept' || action === 'reject') {
      const id = args[1];
      if (!id) throw new UserError(`tyl claims ${action}: missing claim id; see 'tyl claims'`);
      return withWorkspace(ctx, {}, async (store) => {
        if (action === 'reject') {
          const c = await rejectClaim(store, id, {
            actor,
            reason: options.reason as string | undefined,
            cwd,
          });
          if (options.json) printJson(stdout, { claim: c });
          else println(stdout, `rejected ${c.id}: ${c.from} ${c.type} ${c.to}`);
          return 0;
        }
        const modelPath = options.model ? resolve(cwd, options.model as string) : DEFAULT_MODEL;
        const r = await acceptClaim(store, id, modelPath, {
          actor,
          reason: options.reason as string | undefined,
          cwd,
        });
        if (options.json) printJson(stdout, r);
        else
          println(
            stdout,
            r.action === 'present'
              ? `accepted ${id}: relation ${r.relationId} already cites ${r.claim.source} § ${r.claim.section} ¶ ${r.claim.paragraph}; nothing to write`
              : `accepted ${id}: ${r.action === 'written' ? 'wrote relation' : 'added the citation to relation'} ${r.relationId} (${r.claim.from} ${r.claim.type} ${r.claim.to}) in ${r.file}, citing ${r.claim.source} § ${r.claim.section} ¶ ${r.claim.paragraph}`,
          );
        return 0;
      });
    }
    return withWorkspace(ctx, { readonly: true }, async (store) => {
      if (action === 'names') {
        const names = await store.candidateNames({ limit: options.limit as number });
        if (options.json) printJson(stdout, { names });
        else {
          if (!names.length) println(stdout, 'no candidate names');
          for (const n of names)
            println(stdout, `${String(n.count).padStart(5)}  ${n.name}   (${n.sources.join(', ')})`);
        }
        return 0;
      }
      const status = options.status === 'all' ? undefined : (options.status as ClaimStatus);
      const list = (
        await store.listClaims({
          ...(status ? { status } : {}),
          ...(options.source ? { source: options.source as string } : {}),
          minConfidence: options['min-confidence'] as number,
        })
      ).slice(0, options.limit as number);
      if (options.json) printJson(stdout, { claims: list });
      else {
        if (!list.length) println(stdout, `no ${status ?? ''} claims`.replace('  ', ' '));
        for (const c of list) {
          println(
            stdout,
            `${c.id}  ${c.confidence.toFixed(2)}  ${c.from} ${c.type} ${c.to}   [${c.trigger}]  ${c.source} § ${c.section} ¶ ${c.paragraph}${c.status !== 'pending' ? `  (${c.status})` : ''}`,
          );
          println(stdout, `    ${c.sentence.length > 160 ? c.sentence.slice(0, 159) + '…' : c.sentence}`);
        }
      }
      return 0;
    });
  },
};
