// Runs the real `tyl` executable (node bin/tyl.js) in a working folder, for the end-to-end tests.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The executable the tests drive. */
export const BIN = join(ROOT, 'bin', 'tyl.js');

export interface TylRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tyl ...args` in `cwd` (colours off, `env` added to the process environment). */
export function runTyl(cwd: string, args: string[], env: Record<string, string> = {}): TylRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
