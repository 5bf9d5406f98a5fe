import type { Command } from '../command.js';
import { println } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelAt } from '../model-arg.js';
import { EXPORTERS } from '../exporters.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { UserError, didYouMean } from '../../model/problem.js';
import { resolve } from 'node:path';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export the compiled model, with its citations, in a given format',
  description: `Formats: ${Object.keys(EXPORTERS).join(', ')}. Prints to standard output unless --out is given; --out writes atomically (a temporary file, then a rename).`,
  args: [{ name: 'format', description: `export format: ${Object.keys(EXPORTERS).join(', ')}` }, MODEL_ARG],
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'write to FILE instead of standard output',
    },
    'as-of': AS_OF_OPTION,
  },
  examples: ['tyl export json', 'tyl export json --as-of 2014 --out rb-2014.json'],
  run({ args, options, stdout, stderr, cwd }) {
    const [format, model] = args;
    const exporter = EXPORTERS[format];
    if (!exporter) {
      const hint = didYouMean(format, Object.keys(EXPORTERS));
      throw new UserError(
        `tyl export: unknown format "${format}"${hint ? ` (did you mean "${hint}"?)` : ''}; formats: ${Object.keys(EXPORTERS).join(', ')}`,
      );
    }
    const asOf = asOfOption(options);
    const text = exporter(loadModelAt(model, cwd, asOf), asOf ? { asOf } : {});
    if (typeof options.out === 'string') {
      const path = resolve(cwd, options.out);
      writeFileAtomic(path, text);
      println(stderr, `wrote ${options.out} (${format}, ${Buffer.byteLength(text)} bytes)`);
    } else stdout.write(text);
    return 0;
  },
};
