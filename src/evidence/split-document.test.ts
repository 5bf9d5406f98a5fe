import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { simpleFrontMatter, splitDocument } from './split-document.js';

const key = fc.constantFrom('title', 'author', 'date', 'id', 'null', 'True', '_x', 'a-b', '__proto__', 'k1');
const value = fc.oneof(
  fc.constantFrom(
    'Synthetic report 1',
    'tyl corpus generator',
    '2010-01',
    '2023-05-01',
    '2023-5-1',
    'null',
    'NULL',
    'true',
    'False',
    'yes',
    'Émile Zola',
    "it's",
    'it’s',
    'a - b',
    'x (y), z/w.',
    'x #c',
    'x: y',
    '1e3',
    '0x1F',
    '~',
    '"quoted"',
    '[a, b]',
    'tail ',
    '',
  ),
  fc.string({ maxLength: 12 }),
);
const good = fc
  .tuple(
    fc.constantFrom('title', 'author', 'date', 'description', 'id'),
    fc.constantFrom(
      'Synthetic report 1',
      'tyl corpus generator',
      '2010-01',
      '2023-05-01',
      'Émile Zola',
      "it's",
      'a - b',
    ),
  )
  .map(([k, v]) => `${k}: ${v}`);
const line = fc.oneof(
  { arbitrary: good, weight: 12 },
  fc.tuple(key, fc.constantFrom(': ', ':  ', ' : ', ':'), value).map(([k, s, v]) => `${k}${s}${v}`),
  fc.constantFrom('# comment', '', '  nested: 1', '- item'),
);

describe('simpleFrontMatter', () => {
  it('reads a front matter the way the YAML parser does, or leaves it to the parser', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const simple = simpleFrontMatter(lines, 0, lines.length);
        if (!simple) return;
        read++;
        expect(Object.getPrototypeOf(simple)).toBe(Object.prototype);
        expect(JSON.stringify(simple)).toBe(JSON.stringify(parse(lines.join('\n'))));
      }),
      { numRuns: 3000 },
    );
    // the property is not vacuous: many generated front matters take the fast path
    expect(read).toBeGreaterThan(100);
  });

  it('gives the split the same metadata as the YAML parser', () => {
    const text =
      '---\ntitle: Synthetic report 1\nauthor: tyl corpus generator\ndate: 2010-01\n---\n\nBody.\n';
    expect(splitDocument(text).meta).toEqual({
      title: 'Synthetic report 1',
      author: 'tyl corpus generator',
      date: '2010-01',
    });
    expect(simpleFrontMatter(['title : spaced'], 0, 1)).toBeUndefined();
  });
});
