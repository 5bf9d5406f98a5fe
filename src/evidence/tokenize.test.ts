import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenize } from './tokenize.js';
import { normaliseToken } from './normalise-name.js';

const piece = fc.constantFrom(
  'a',
  'B',
  'Minsk',
  'MZKT',
  "MZKT's",
  'Russia’s',
  'É',
  'ž',
  'Ж',
  'ж',
  ' ',
  '  ',
  '-',
  '- ',
  '. ',
  ', ',
  "'",
  's',
  '\n',
  '\u00ad',
  '1',
  '42',
  'ß',
  'İ',
  '🙂',
  'Luka- shenko',
);

describe('tokenize', () => {
  it('gives each token its own text, key and case flags, whatever words it has met before', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
          { maxLength: 20 },
        ),
        (texts) => {
          for (const text of texts)
            for (const t of tokenize(text)) {
              const w = text.slice(t.start, t.end);
              expect(t.text).toBe(w);
              expect(t.norm).toBe(normaliseToken(w));
              expect(t.cap).toBe(w[0] !== w[0].toLowerCase());
            }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the words, possessives and sentence starts of a paragraph', () => {
    const toks = tokenize("MZKT's chassis. Then Minsk, and O'Brien");
    expect(toks.map((t) => [t.text, t.norm, t.upper, t.sentenceStart])).toEqual([
      ["MZKT's", 'mzkt', true, true],
      ['chassis', 'chasis', false, false],
      ['Then', 'then', false, true],
      ['Minsk', 'minsk', false, false],
      ['and', 'and', false, false],
      ["O'Brien", 'obrien', false, false],
    ]);
  });
});
