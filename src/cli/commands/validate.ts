import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { MODEL_ARG, modelPath } from '../model-arg.js';
import { readModelFiles } from '../../store/read-model.js';
import { formatProblem } from '../../model/problem.js';

const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;

export const validate: Command = {
  name: 'validate',
  summary: 'Check a model and report every problem, located (file:line:column)',
  description:
    'Errors (exit code 1) stop the model from loading; warnings (uncited elements, point estimates, unused sources…) do not, unless --strict is given.',
  args: [MODEL_ARG],
  options: { strict: { type: 'boolean', description: 'fail (exit code 1) on warnings too' } },
  examples: ['tyl validate', 'tyl validate models/my-model --json', 'tyl validate --strict'],
  run({ args, options, stdout, stderr, cwd }) {
    const path = modelPath(args[0], cwd);
    const r = readModelFiles(path, cwd);
    const errors = r.problems.filter((p) => p.severity === 'error').length;
    const warnings = r.problems.length - errors;
    const failed = errors > 0 || (options.strict === true && warnings > 0);
    if (options.json)
      printJson(stdout, { ok: !failed, errors, warnings, problems: r.problems, files: r.files.length });
    else {
      // A failed run's report goes to stderr whole, in file order; a clean run's warnings go with its summary.
      for (const p of r.problems) println(failed ? stderr : stdout, formatProblem(p));
      if (errors)
        println(
          stderr,
          `model/load: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${r.files.length} file${r.files.length === 1 ? '' : 's'}`,
        );
      else {
        const m = r.model!;
        println(
          failed ? stderr : stdout,
          `${failed ? 'failed (--strict)' : 'ok'}: ${m.meta.title}: ${n(m.entities.length, 'entity', 'entities')}, ${n(m.relations.length, 'relation')}, ${n(m.dependencies.length, 'dependency', 'dependencies')}, ${n(m.sources.length, 'source')} in ${n(r.files.length, 'file')}${warnings ? `, ${n(warnings, 'warning')}` : ''}`,
        );
      }
    }
    return failed ? 1 : 0;
  },
};
