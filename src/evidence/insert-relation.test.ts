import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { insertRelation, type NewRelation } from './insert-relation.js';

const rel: NewRelation = {
  id: 'a-supplies-b',
  type: 'supplies',
  from: 'a',
  to: 'b',
  cite: [{ source: 'doc', section: 'one', paragraph: 2 }],
  confidence: 'moderate',
};

/** The edit only adds lines: removing the added ones gives back the original text exactly. */
function addedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  expect(i + j).toBe(a.length);
  return b.slice(i, b.length - j);
}

describe('insertRelation', () => {
  it('splices the item after the last relation, keeping every other byte (comments, blank lines, flow maps)', () => {
    const text = `# header
relations:
  # first
  - type: owns   # trailing
    from: a
    to: b
    cite: [{ source: doc, section: one, paragraph: 1 }]

  - {type: hosts, from: b, to: a}
# next section
dependencies: []
`;
    const out = insertRelation(text, rel, { comment: 'from claim c-1' });
    expect(addedLines(text, out)).toEqual([
      '  # from claim c-1',
      '  - id: a-supplies-b',
      '    type: supplies',
      '    from: a',
      '    to: b',
      '    cite:',
      '      - { source: doc, section: one, paragraph: 2 }',
      '    confidence: moderate',
    ]);
    expect(parse(out).relations).toHaveLength(3);
  });

  it('follows the file’s indentation of sequence items', () => {
    const text = 'relations:\n- type: owns\n  from: a\n  to: b';
    const out = insertRelation(text, rel);
    expect(out).toBe(
      text +
        '\n- id: a-supplies-b\n  type: supplies\n  from: a\n  to: b\n  cite:\n    - { source: doc, section: one, paragraph: 2 }\n  confidence: moderate\n',
    );
  });

  it('appends a relations key when the file has none', () => {
    const text = '# only entities\nentities:\n  - { id: a, kind: state, name: A }\n';
    const out = insertRelation(text, rel);
    expect(out.startsWith(text)).toBe(true);
    expect(parse(out).relations).toEqual([JSON.parse(JSON.stringify(rel))]);
  });

  it('turns an empty flow list into a block list, keeping its comment', () => {
    const out = insertRelation('relations: []  # none yet\n', rel);
    expect(parse(out).relations).toHaveLength(1);
    expect(out).toContain('# none yet');
  });

  it('refuses text that is not a YAML mapping', () => {
    expect(() => insertRelation('- a\n- b\n', rel)).toThrow(/not a YAML mapping/);
    expect(() => insertRelation('a: [\n', rel)).toThrow(/not valid YAML/);
  });

  it('only adds lines, and the result parses to the old data plus the relation (property)', () => {
    const scalar = fc.stringMatching(/^[a-z][a-z0-9 ]{0,10}$/);
    const item = fc.record({ type: fc.constantFrom('owns', 'hosts'), from: scalar, to: scalar });
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0, 2, 4),
        fc.boolean(),
        (items, indent, comments) => {
          const pad = ' '.repeat(indent);
          const lines = ['model: { id: m, title: M }', 'relations:'];
          for (const it of items) {
            if (comments) lines.push(`${pad}# about ${it.from}`);
            lines.push(
              `${pad}- type: ${it.type}`,
              `${pad}  from: "${it.from}"`,
              `${pad}  to: "${it.to}"${comments ? '   # end' : ''}`,
            );
          }
          lines.push('# tail comment', 'entities: []', '');
          const text = lines.join('\n');
          const out = insertRelation(text, rel, { comment: 'c' });
          const added = addedLines(text, out);
          expect(added).toHaveLength(8);
          expect(parse(out)).toEqual({
            ...parse(text),
            relations: [...items, JSON.parse(JSON.stringify(rel))],
          });
        },
      ),
    );
  });
});
