// The CLI's command table type. Each command is a row: name, arguments, options, description, and
// a `run` that calls exported core functions with injected output streams. `--help` and
// docs/cli.md are generated from these rows, so they cannot drift.
import type { Writable } from 'node:stream';

export type OptionType = 'string' | 'boolean' | 'number' | 'strings';

export interface OptionSpec {
  type: OptionType;
  description: string;
  short?: string;
  default?: string | number | boolean;
  /** Allowed values (typed from a registry's keys where there is one). */
  choices?: readonly string[];
  /** Placeholder shown in help, e.g. DATE. */
  value?: string;
}

export interface ArgSpec {
  name: string;
  description: string;
  optional?: boolean;
  variadic?: boolean;
}

export interface CommandIO {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  cwd: string;
  env: Record<string, string | undefined>;
}

export type Values = Record<string, string | number | boolean | string[] | undefined>;

export interface CommandContext extends CommandIO {
  args: string[];
  options: Values;
}

export interface Command {
  name: string;
  summary: string;
  description?: string;
  args?: ArgSpec[];
  options?: Record<string, OptionSpec>;
  examples?: string[];
  /** Returns the process exit code (0 = success). */
  run(ctx: CommandContext): Promise<number> | number;
}

/** Options every command that prints results accepts. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print stable machine-readable JSON instead of text' },
  help: { type: 'boolean', short: 'h', description: 'show help for this command' },
};

/** Writes a line to a stream. */
export function println(out: Writable, line = ''): void {
  out.write(line + '\n');
}

/** Stable JSON: keys in insertion order, two-space indent, trailing newline. */
export function printJson(out: Writable, value: unknown): void {
  out.write(
    JSON.stringify(
      value,
      (_k, v) =>
        v instanceof Float64Array ||
        v instanceof Int32Array ||
        v instanceof Float32Array ||
        v instanceof Uint8Array
          ? Array.from(v)
          : v,
      2,
    ) + '\n',
  );
}
