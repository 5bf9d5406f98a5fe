import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { emitYaml, emitYamlItem, type YamlValue } from './emit-yaml.js';

const scalar = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string(),
  fc.constantFrom(
    'true',
    'no',
    '2021',
    '2021-11',
    '1e5',
    '- x',
    'a: b',
    'x #y',
    ' lead',
    'trail ',
    '',
    '~',
    '[a]',
    'null',
    "it's",
    '0x1F',
    '.5',
    'a,b',
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.boolean(),
);
const value: fc.Arbitrary<YamlValue> = fc.letrec<{ v: YamlValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('id', 'true', 'a b', '1')), tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('emitYaml', () => {
  it('writes what the yaml library reads back identically', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), value, { maxKeys: 4 }), (doc) => {
        const back = parse(emitYaml(doc)) ?? {};
        expect(back).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 500 },
    );
  });

  it('writes entities in block style with flow citations', () => {
    const text = emitYaml({
      entities: [
        {
          id: 'mzkt',
          kind: 'company',
          name: 'MZKT',
          cite: [{ source: 'ferris', section: 'intro', paragraph: 3 }],
        },
      ],
    });
    expect(text).toBe(
      'entities:\n  - id: mzkt\n    kind: company\n    name: MZKT\n    cite:\n      - { source: ferris, section: intro, paragraph: 3 }\n',
    );
  });

  it('appends single items under a section header', () => {
    const text = 'relations:\n' + emitYamlItem({ type: 'owns', from: 'a', to: '2021' });
    expect(parse(text)).toEqual({ relations: [{ type: 'owns', from: 'a', to: '2021' }] });
  });
});
