import type { Command, CommandContext } from '../command.js';
import { validate } from './validate.js';
import { stats } from './stats.js';
import { serve } from './serve.js';
import { analyzeCommand } from './analyze.js';

/** One step of `npm start`: a command run with the same streams; a non-zero exit stops the job. */
export interface StartStep {
  label: string;
  run(ctx: CommandContext): Promise<number> | number;
}

/**
 * What `npm start` does, in order. Until the engine lands it validates the flagship model and
 * prints its summary; later stages replace or append steps here (e.g. the analysis, the workbench).
 */
export const START_STEPS: StartStep[] = [
  {
    label: 'validate the model',
    run: (ctx) => validate.run({ ...ctx, args: ctx.args.slice(0, 1), options: {} }),
  },
  {
    label: 'summarise the model',
    run: (ctx) => stats.run({ ...ctx, args: ctx.args.slice(0, 1), options: {} }),
  },
  {
    label: 'analyze the model (key findings, scenario impacts with uncertainty; writes tyl-analysis.json)',
    run: (ctx) =>
      analyzeCommand.run({
        ...ctx,
        args: ctx.args.slice(0, 1),
        options: { samples: 1000, seed: 1, 'max-order': 2, top: 5, out: 'tyl-analysis.json' },
      }),
  },
  // Keep this step last: it serves the workbench (building web/dist if missing, SQLite workspace
  // tyl.db in the working folder) at a printed http://127.0.0.1:PORT address until Ctrl+C.
  {
    label: 'serve the workbench',
    run: (ctx) =>
      serve.run({ ...ctx, args: ctx.args.slice(0, 1), options: { port: Number(ctx.env.PORT) || 4317 } }),
  },
];

export const start: Command = {
  name: 'start',
  summary:
    'The main job (what `npm start` runs): validate, summarise and analyse the flagship model, then serve the workbench',
  args: [{ name: 'model', description: 'model folder or YAML file (default: the flagship)', optional: true }],
  examples: ['npm start', 'tyl start models/my-model'],
  async run(ctx) {
    for (const step of START_STEPS) {
      if (!ctx.options.json) ctx.stderr.write(`tyl start: ${step.label}\n`);
      const code = await step.run(ctx);
      if (code !== 0) return code;
      if (!ctx.options.json) ctx.stdout.write('\n');
    }
    return 0;
  },
};
