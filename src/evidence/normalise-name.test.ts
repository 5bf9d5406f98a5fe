import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normaliseToken, transliterate, foldVariants } from './normalise-name.js';

describe('normaliseToken', () => {
  it('ignores case, diacritics and possessives', () => {
    expect(normaliseToken('Belarus')).toBe(normaliseToken('BELARUS'));
    expect(normaliseToken('Baranavičy')).toBe(normaliseToken('Baranavicy'));
    expect(normaliseToken('Russia’s')).toBe('rusia');
    expect(normaliseToken("MZKT's")).toBe('mzkt');
  });

  it('transliterates Cyrillic (Russian and Belarusian letters) to the Latin key', () => {
    expect(transliterate('лукашенко')).toBe('lukashenko');
    expect(normaliseToken('Лукашенко')).toBe(normaliseToken('Lukashenko'));
    expect(normaliseToken('Мінск')).toBe(normaliseToken('Minsk'));
    expect(normaliseToken('Гомель')).toBe(normaliseToken('Gomel'));
  });

  it('folds common romanisation variants to one key', () => {
    const same = (...xs: string[]) => expect(new Set(xs.map(normaliseToken)).size).toBe(1);
    same('Zelensky', 'Zelenskyy', 'Zelenskiy', 'Зеленский');
    same('Khrenin', 'Hrenin');
    same('Yevgeny', 'Evgeny');
    expect(foldVariants('russia')).toBe('rusia');
  });

  it('gives lower-case ASCII keys, the same for any capitalisation of Latin and Cyrillic letters (property)', () => {
    const letter = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzéčšžłабвгдежзийклмнопрстуфхцчшщыэюяіў'.split(''),
    );
    fc.assert(
      fc.property(fc.array(letter, { minLength: 1, maxLength: 12 }), (ls) => {
        const w = ls.join('');
        expect(normaliseToken(w)).toMatch(/^[a-z]*$/);
        expect(normaliseToken(w.toUpperCase())).toBe(normaliseToken(w));
      }),
    );
  });

  it('is idempotent on its own output (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (s) => {
        const once = normaliseToken(s);
        expect(normaliseToken(once)).toBe(once);
      }),
    );
  });
});
