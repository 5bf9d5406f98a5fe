import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { progressBar } from '../progress-bar.js';
import { UserError, formatProblem } from '../../model/problem.js';
import { Id } from '../../model/schema.js';
import { IMPORT_FORMATS, importToFolder, type ImportFormat } from '../../interop/import-to-folder.js';
import type { ImportReport } from '../../interop/ftm-import.js';

const SHOWN = 50;

function summary(r: ImportReport): string {
  const w = r.written;
  return `${r.records} records in ${r.lines} lines: ${w.entities} entities, ${w.relations} relations, ${w.dependencies} dependencies, ${w.sources} sources; ${r.merged.length} merged, ${r.errors} errors on ${r.invalidLines} lines, ${r.warnings} warnings`;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import FollowTheMoney entities or CSV tables as a model, or merge them into one',
  description:
    'ftm FILE reads newline-delimited FollowTheMoney entities (the entities.ftm.json of OpenSanctions); csv DIR|FILES reads the tables ' +
    "'tyl export csv-*' writes (sources, entities, relations, dependencies). With --out DIR the import becomes a new model folder; with " +
    '--into MODEL its new elements are written to MODEL/imported/<name>/, entities already in the model are merged (by id, or for FtM by ' +
    'normalised name and country) and the merged model is re-loaded before anything is written. Every problem is reported, located ' +
    '(file:line:column, field); nothing is written when there is one, unless --skip-invalid imports the valid rest. See docs/interop.md.',
  args: [
    { name: 'format', description: `input format: ${IMPORT_FORMATS.join(', ')}` },
    { name: 'input', description: 'FtM file, or CSV files or a folder of them', variadic: true },
  ],
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'DIR',
      description: 'write the import as a new model folder DIR',
    },
    into: { type: 'string', value: 'MODEL', description: 'merge into the model folder MODEL' },
    'skip-invalid': {
      type: 'boolean',
      description: 'import the valid rest when some lines are invalid (they are still reported)',
    },
    'dry-run': { type: 'boolean', description: 'read and report only; write nothing' },
    id: { type: 'string', value: 'ID', description: 'model id for --out (default: from the file name)' },
    title: { type: 'string', value: 'TEXT', description: 'model title for --out' },
  },
  examples: [
    'tyl import ftm entities.ftm.json --out models/opensanctions',
    'tyl import ftm by-sanctions.ftm.json --into models/russia-belarus --dry-run',
    'tyl import csv exported/ --out models/from-sheet --skip-invalid --json',
  ],
  async run(ctx) {
    const { args, options, stdout, stderr, cwd } = ctx;
    const [format, ...inputs] = args;
    if (!(IMPORT_FORMATS as readonly string[]).includes(format))
      throw new UserError(`tyl import: unknown format "${format}"; formats: ${IMPORT_FORMATS.join(', ')}`);
    if (!inputs.length) throw new UserError("tyl import: missing argument <input>; see 'tyl import --help'");
    if (typeof options.id === 'string' && !Id.safeParse(options.id).success)
      throw new UserError(
        `tyl import: --id "${options.id}" is not an id (lower-case letters, digits, ".", "_" or "-")`,
      );
    const bar = progressBar(ctx, 'import', { unit: 'MB' });
    const mb = (n: number) => Math.round(n / 1e5) / 10;
    const result = await importToFolder(
      format as ImportFormat,
      inputs.map((i) => resolve(cwd, i)),
      {
        out: typeof options.out === 'string' ? resolve(cwd, options.out) : undefined,
        into: typeof options.into === 'string' ? resolve(cwd, options.into) : undefined,
        skipInvalid: options['skip-invalid'] === true,
        dryRun: options['dry-run'] === true,
        id: options.id as string | undefined,
        title: options.title as string | undefined,
        cwd,
        onProgress: bar.onProgress ? (done, total) => bar.update(mb(done), mb(total)) : undefined,
      },
    ).finally(bar.stop);
    const { report } = result;
    if (options.json) printJson(stdout, { ...result, wrote: result.wrote ?? null });
    else {
      for (const p of report.problems.slice(0, SHOWN)) println(stderr, formatProblem(p));
      const hidden = report.errors + report.warnings - Math.min(report.problems.length, SHOWN);
      if (hidden > 0) println(stderr, `… and ${hidden} more problems (see --json)`);
      for (const m of report.merged.slice(0, SHOWN))
        println(stdout, `merged: line ${m.line}: ${m.inputId} "${m.name}" into ${m.into} (by ${m.by})`);
      if (report.merged.length > SHOWN)
        println(stdout, `… and ${report.merged.length - SHOWN} more merges (see --json)`);
      for (const s of report.skipped)
        println(stdout, `skipped: ${s.count} ${s.schema} record${s.count === 1 ? '' : 's'} (${s.reason})`);
      println(stdout, `${report.file}: ${summary(report)}`);
      if (result.committed) println(stdout, `wrote ${result.wrote}`);
      else if (options['dry-run']) println(stdout, 'dry run: nothing written');
      else if (!report.errors) println(stdout, 'nothing new: every element is already in the model');
      else
        println(
          stderr,
          `import/${format}: nothing written (${report.errors} error${report.errors === 1 ? '' : 's'}); fix them, or pass --skip-invalid to import the rest`,
        );
    }
    return report.errors && !(result.committed && options['skip-invalid']) ? 1 : 0;
  },
};
