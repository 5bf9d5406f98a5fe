// `npm run docs`: writes the generated documentation (the JSON Schema of the model format and the
// command-line reference) from their single sources, the zod schema and the command table.
// Tests (src/model/json-schema.test.ts, src/cli/help.test.ts) fail when the committed files drift.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelJsonSchemaText } from '../src/model/json-schema.js';
import { cliMarkdown } from '../src/cli/help.js';
import { COMMANDS } from '../src/cli/commands/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Generated files, by path relative to the repository root. */
export function generatedDocs(): Record<string, string> {
  return {
    'docs/schema/model.schema.json': modelJsonSchemaText(),
    'docs/cli.md': cliMarkdown(COMMANDS),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [path, text] of Object.entries(generatedDocs())) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    console.log(`wrote ${path}`);
  }
}
