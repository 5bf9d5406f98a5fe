import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildGazetteer, findMentions } from './gazetteer.js';

const G = buildGazetteer([
  { id: 'by', names: ['Belarus', 'Byelorussia', 'Беларусь'] },
  { id: 'ru', names: ['Russia', 'Russian Federation'] },
  { id: 'lukashenko', names: ['Alexander Lukashenko', 'Lukashenko', 'Lukashenka'] },
  { id: 'mzkt', names: ['Minsk Wheeled Tractor Plant', 'MZKT'] },
  { id: 'minsk', names: ['Minsk'] },
  { id: 'su-25', names: ['Su-25'] },
  { id: 'us', names: ['US'] },
]);

const ents = (text: string) =>
  findMentions(text, G)
    .filter((m) => m.entity)
    .map((m) => [m.entity, m.surface]);

describe('findMentions', () => {
  it('matches names and aliases tolerant of case, diacritics, possessives and Cyrillic', () => {
    expect(ents('BELARUS and belarus’s neighbour Беларусь; Byelorussia in old maps')).toEqual([
      ['by', 'BELARUS'],
      ['by', 'belarus'],
      ['by', 'Беларусь'],
      ['by', 'Byelorussia'],
    ]);
    expect(ents("Lukashenka's decree; Лукашенко; lukashenko")).toEqual([
      ['lukashenko', 'Lukashenka'],
      ['lukashenko', 'Лукашенко'],
      ['lukashenko', 'lukashenko'],
    ]);
  });

  it('prefers the longest name at a position (leftmost-longest)', () => {
    expect(ents('The Minsk Wheeled Tractor Plant is in Minsk.')).toEqual([
      ['mzkt', 'Minsk Wheeled Tractor Plant'],
      ['minsk', 'Minsk'],
    ]);
    expect(ents('the Russian Federation and Russia')).toEqual([
      ['ru', 'Russian Federation'],
      ['ru', 'Russia'],
    ]);
  });

  it('treats hyphens as word breaks and rejoins words broken across a line with a hyphen', () => {
    expect(ents('an Su-25 and an Su 25; a Minsk-based plant; Luka- shenko spoke')).toEqual([
      ['su-25', 'Su-25'],
      ['su-25', 'Su 25'],
      ['minsk', 'Minsk'],
      ['lukashenko', 'Luka- shenko'],
    ]);
  });

  it('requires capitals for acronyms, so "us" is not the US', () => {
    expect(ents('tell us about the US and MZKT’s chassis; mzkt')).toEqual([
      ['us', 'US'],
      ['mzkt', 'MZKT'],
    ]);
  });

  it('lists capitalised names that match no entity as candidates, skipping sentence-initial words and stopwords', () => {
    const c = findMentions(
      'Yesterday the Borisov Autoworks met Ivan Petrovich of the Ministry of Defence in Minsk. The plan failed.',
      G,
    )
      .filter((m) => !m.entity)
      .map((m) => m.name);
    expect(c).toEqual(['Borisov Autoworks', 'Ivan Petrovich', 'Ministry of Defence']);
  });

  it('does not offer adjectives of known names (Russian, Belarusian) as candidates', () => {
    const g = buildGazetteer([
      { id: 'ru', names: ['Russia'] },
      { id: 'by', names: ['Belarus'] },
      { id: 'ua', names: ['Ukraine'] },
    ]);
    const c = findMentions(
      'Units of the Russian army met Belarusian and Ukrainian officers and a Moldovan envoy.',
      g,
    )
      .filter((m) => !m.entity)
      .map((m) => m.name);
    expect(c).toEqual(['Moldovan']);
  });

  it('finds exactly the mentions a brute-force leftmost-longest scan finds (property)', () => {
    const words = ['minsk', 'plant', 'union', 'state', 'belarus', 'rail'];
    const arbName = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbName, { minLength: 1, maxLength: 6, selector: (n) => n.join(' ') }),
        fc.array(fc.constantFrom(...words), { maxLength: 30 }),
        (names, text) => {
          const g = buildGazetteer(names.map((n, i) => ({ id: `e${i}`, names: [n.join(' ')] })));
          const got = findMentions(text.join(' '), g)
            .filter((m) => m.entity)
            .map((m) => `${m.start}:${m.entity}`);
          const want: string[] = [];
          let pos = 0;
          const offsets = text.map((w) => ((pos += w.length + 1), pos - w.length - 1));
          for (let i = 0; i < text.length;) {
            let best = -1;
            let len = 0;
            names.forEach((n, k) => {
              if (n.length > len && n.every((w, j) => text[i + j] === w)) {
                best = k;
                len = n.length;
              }
            });
            if (best >= 0) {
              want.push(`${offsets[i]}:e${best}`);
              i += len;
            } else i++;
          }
          expect(got).toEqual(want);
        },
      ),
    );
  });
});
