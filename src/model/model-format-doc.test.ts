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
});
