import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { MODEL_ARG, modelPath } from '../model-arg.js';
import { readModelFiles } from '../../store/read-model.js';
import { formatProblem } from '../../model/problem.js';

export const validate: Command = {
  name: 'validate',
  summary: 'Check a model and report every problem, located (file:line:column)',
  args: [MODEL_ARG],
  examples: ['tyl validate', 'tyl validate models/my-model --json'],
  run({ args, options, stdout, stderr, cwd }) {
    const path = modelPath(args[0], cwd);
    const r = readModelFiles(path, cwd);
    const errors = r.problems.filter((p) => p.severity === 'error').length;
    const warnings = r.problems.length - errors;
    if (options.json)
      printJson(stdout, { ok: errors === 0, errors, warnings, problems: r.problems, files: r.files.length });
    else {
      for (const p of r.problems) println(p.severity === 'error' ? stderr : stdout, formatProblem(p));
      if (errors)
        println(
          stderr,
          `model/load: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${r.files.length} file${r.files.length === 1 ? '' : 's'}`,
        );
      else {
        const m = r.model!;
        println(
          stdout,
          `ok: ${m.meta.title}: ${m.entities.length} entities, ${m.relations.length} relations, ${m.dependencies.length} dependencies, ${m.sources.length} sources in ${r.files.length} file${r.files.length === 1 ? '' : 's'}${warnings ? `, ${warnings} warnings` : ''}`,
        );
      }
    }
    return errors ? 1 : 0;
  },
};
