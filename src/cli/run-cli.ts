// Parses argv against the command table and runs the command; user errors print a located message
// and exit non-zero, never a stack trace.
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, println, type Command, type CommandIO, type Values } from './command.js';
import { COMMANDS } from './commands/index.js';
import { UserError, didYouMean } from '../model/problem.js';
import { commandHelp, mainHelp } from './help.js';

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(target ? commandHelp(target) : mainHelp(COMMANDS));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    println(io.stdout, 'tyl 0.1.0');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    const hint = didYouMean(
      name,
      COMMANDS.map((c) => c.name),
    );
    println(
      io.stderr,
      `tyl: unknown command "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; see 'tyl --help'`,
    );
    return 2;
  }
  try {
    const { args, options } = parseCommandArgs(cmd, rest);
    if (options.help) {
      io.stdout.write(commandHelp(cmd));
      return 0;
    }
    return await cmd.run({ ...io, args, options });
  } catch (e) {
    if (e instanceof UserError) {
      println(io.stderr, e.message);
      return 1;
    }
    throw e;
  }
}

/** Parses a command's arguments and options, with located, suggestive errors. */
export function parseCommandArgs(cmd: Command, argv: string[]): { args: string[]; options: Values } {
  const specs = { ...COMMON_OPTIONS, ...cmd.options };
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [k, s] of Object.entries(specs))
    config[k] = {
      type: s.type === 'boolean' ? 'boolean' : 'string',
      ...(s.short ? { short: s.short } : {}),
      ...(s.type === 'strings' ? { multiple: true } : {}),
    };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: config, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message;
    const m = /Unknown option '(-{1,2}[^']+)'/.exec(msg);
    if (m) {
      const hint = didYouMean(m[1].replace(/^-+/, ''), Object.keys(specs));
      throw new UserError(
        `tyl ${cmd.name}: unknown option ${m[1]}${hint ? ` (did you mean --${hint}?)` : ''}; see 'tyl ${cmd.name} --help'`,
      );
    }
    throw new UserError(`tyl ${cmd.name}: ${msg}`);
  }
  const options: Values = {};
  for (const [k, s] of Object.entries(specs)) {
    const v = (parsed.values as Record<string, unknown>)[k];
    if (v === undefined) {
      if (s.default !== undefined) options[k] = s.default;
      continue;
    }
    if (s.type === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n))
        throw new UserError(`tyl ${cmd.name}: --${k} expects a number, got "${String(v)}"`);
      options[k] = n;
    } else options[k] = v as string | boolean | string[];
    if (s.choices) {
      const vals = Array.isArray(options[k]) ? (options[k] as string[]) : [String(options[k])];
      for (const x of vals)
        if (!s.choices.includes(x)) {
          const hint = didYouMean(x, s.choices);
          throw new UserError(
            `tyl ${cmd.name}: --${k} must be one of ${s.choices.join(', ')}; got "${x}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
          );
        }
    }
  }
  const specArgs = cmd.args ?? [];
  const required = specArgs.filter((a) => !a.optional && !a.variadic).length;
  if (parsed.positionals.length < required)
    throw new UserError(
      `tyl ${cmd.name}: missing argument <${specArgs[parsed.positionals.length].name}>; see 'tyl ${cmd.name} --help'`,
    );
  if (!specArgs.some((a) => a.variadic) && parsed.positionals.length > specArgs.length)
    throw new UserError(
      `tyl ${cmd.name}: unexpected argument "${parsed.positionals[specArgs.length]}"; see 'tyl ${cmd.name} --help'`,
    );
  return { args: parsed.positionals, options };
}
