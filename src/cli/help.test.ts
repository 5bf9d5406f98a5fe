import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliMarkdown, commandHelp } from './help.js';
import { COMMANDS } from './commands/index.js';

const root = join(import.meta.dirname, '..', '..');

describe('generated CLI docs', () => {
  it('docs/cli.md equals what the command table generates now (run `npm run docs` after changing a command)', () => {
    expect(readFileSync(join(root, 'docs/cli.md'), 'utf8')).toBe(cliMarkdown(COMMANDS));
  });

  it('documents every command and every option of each', () => {
    const md = cliMarkdown(COMMANDS);
    for (const c of COMMANDS) {
      expect(md).toContain(`## tyl ${c.name}\n`);
      for (const k of Object.keys(c.options ?? {})) expect(commandHelp(c)).toContain(`--${k}`);
    }
  });

  it('gives export its formats from the EXPORTERS registry', () => {
    const exp = COMMANDS.find((c) => c.name === 'export')!;
    expect(commandHelp(exp)).toMatch(/export format: json/);
  });
});
