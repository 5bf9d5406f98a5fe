// docs/model-format.md is written by hand; this keeps it complete as the schema grows: every
// entity kind, relation type, unit and problem code the loader knows must be documented there.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, RELATION_TYPES } from './schema.js';
import { UNITS } from './units.js';
import { parseModel } from './parse-model.js';

const root = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'model-format.md'), 'utf8');

describe('docs/model-format.md', () => {
  it('lists every entity kind and relation type', () => {
    for (const k of ENTITY_KINDS) expect(doc).toContain(`| \`${k}\` |`);
    for (const t of RELATION_TYPES) expect(doc).toContain(`| \`${t}\` |`);
  });

  it('lists every unit the loader accepts', () => {
    const missing = [...UNITS.keys()].filter((u) => {
      if (doc.includes(`\`${u}\``)) return false;
      // Currency units are documented as a pattern: a currency, a scale and an optional /year.
      const m = /^(?:(thousand|million|bn|billion) )?(USD|EUR|RUB|BYN|GBP)(\/year)?$/.exec(u);
      return !(m && doc.includes(`\`${m[2]}\``) && (!m[1] || doc.includes(m[1])));
    });
    expect(missing).toEqual([]);
  });

  it('documents every problem code the broken fixtures produce', () => {
    const fixtures = join(root, 'test', 'fixtures');
    const codes = new Set<string>();
    for (const dir of readdirSync(fixtures).filter((d) => d.startsWith('broken-') || d === 'tiny')) {
      const files = readdirSync(join(fixtures, dir))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => ({ path: f, text: readFileSync(join(fixtures, dir, f), 'utf8') }));
      for (const p of parseModel(files).problems) codes.add(p.code);
    }
    expect(codes.size).toBeGreaterThan(8);
    for (const c of codes) expect(doc).toContain(`| \`${c}\` |`);
  });

  it('has examples (here and in the README) the loader accepts (apart from references to elements they do not define)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const yamlBlocks = (md: string) => [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    // The README may show other YAML (scenarios…): only its whole model files are checked.
    const blocks = [
      ...yamlBlocks(doc),
      ...yamlBlocks(readme).filter((b) => /^(model|sources|entities|relations|dependencies):/.test(b)),
    ];
    expect(blocks.length).toBeGreaterThan(5);
    let checked = 0;
    for (const text of blocks) {
      // Fragments that are not whole files (a bare `cite:` or `quantities:` list) are wrapped in an entity.
      const whole = /^(model|sources|entities|relations|dependencies):/m.test(text);
      const wrapped = whole
        ? text
        : `entities:\n  - id: x\n    kind: state\n    name: X\n${text.replace(/^/gm, '    ')}`;
      if (/^(model|sources|entities|relations|dependencies):\s*#/m.test(text)) continue; // the section list
      const errors = parseModel([{ path: 'doc.yaml', text: wrapped }]).problems.filter(
        (p) => p.severity === 'error' && p.code !== 'unknown-reference',
      );
      expect(errors, wrapped).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});
