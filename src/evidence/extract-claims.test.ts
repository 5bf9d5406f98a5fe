import { describe, it, expect } from 'vitest';
import { buildGazetteer, findMentions } from './gazetteer.js';
import { extractClaims, splitSentences } from './extract-claims.js';

const G = buildGazetteer([
  { id: 'mzkt', names: ['MZKT'] },
  { id: 'army', names: ['Russian army'] },
  { id: 'plant', names: ['558 Plant'] },
  { id: 'by', names: ['Belarus'] },
  { id: 'ru', names: ['Russia'] },
  { id: 'eu', names: ['EU'] },
  { id: 'rail', names: ['Belarusian Railway'] },
  { id: 'airfield', names: ['Baranovichi airfield'] },
]);

const claims = (text: string) =>
  extractClaims('s', { section: 'x', paragraph: 1 }, text, findMentions(text, G)).map(
    (c) => `${c.from} ${c.type} ${c.to} ${c.confidence}`,
  );

describe('splitSentences', () => {
  it('splits on sentence ends but not after initials and abbreviations', () => {
    const t = 'Gen. A. Smith spoke, e.g. on rail. Then Russia replied! "Quoted," she said.';
    expect(splitSentences(t).map(([a, b]) => t.slice(a, b).trim())).toEqual([
      'Gen. A. Smith spoke, e.g. on rail.',
      'Then Russia replied!',
      '"Quoted," she said.',
    ]);
  });
});

describe('extractClaims', () => {
  it('proposes the relation of the trigger between two mentions, oriented by active or passive voice', () => {
    expect(claims('MZKT supplies the Russian army.')).toEqual(['mzkt supplies army 0.75']);
    expect(claims('The Russian army is supplied by MZKT.')).toEqual(['mzkt supplies army 0.8']);
    expect(claims('The Russian army relies on MZKT.')).toEqual(['mzkt supplies army 0.75']);
    // four words between: 0.75 × (1 − 1/30) = 0.725
    expect(claims('The 558 Plant repairs jets of the Russian army.')).toEqual(['plant repairs army 0.73']);
    expect(claims('Belarus hosts the Russian army.')).toEqual(['by hosts army 0.7']);
    expect(claims('In 2022 the EU sanctioned the Belarusian Railway.')).toEqual([
      'rail sanctioned-by eu 0.75',
    ]);
    expect(claims('The Belarusian Railway was sanctioned by the EU.')).toEqual([
      'rail sanctioned-by eu 0.82',
    ]); // 0.85 × 29/30
    expect(claims('Russia leases the Baranovichi airfield.')).toEqual(['ru leases airfield 0.7']);
    expect(claims('Fuel bound for Russia transits through Belarus.')).toEqual(['by transports ru 0.65']);
    expect(claims('Tensions between Belarus and Russia persist.')).toEqual(['by friction-with ru 0.7']);
  });

  it('lowers confidence for hedging, negation, distance and entities in between', () => {
    expect(claims('MZKT may supply the Russian army.')).toEqual(['mzkt supplies army 0.6']);
    // 0.75 × (1 − 1/30) × 0.4 (negation) = 0.29
    expect(claims('MZKT does not supply the Russian army.')).toEqual(['mzkt supplies army 0.29']);
    // 13 words between the mentions: 0.75 × (1 − 10/30) = 0.5
    expect(
      claims('MZKT, one of the largest makers of heavy vehicles in the region, supplies the Russian army.'),
    ).toEqual(['mzkt supplies army 0.5']);
    // second pair: 0.75 × (1 − 1/30) × 0.7 (Belarus in between) = 0.5075
    expect(claims('MZKT supplies Belarus and the Russian army.')).toEqual([
      'mzkt supplies by 0.75',
      'mzkt supplies army 0.51',
    ]);
  });

  it('needs a trigger and two different entities in the same sentence', () => {
    expect(claims('MZKT and the Russian army were discussed.')).toEqual([]);
    expect(claims('MZKT supplies chassis. The Russian army is large.')).toEqual([]);
    expect(claims('MZKT supplies MZKT.')).toEqual([]);
  });

  it('gives stable ids that depend on anchor, type and ends', () => {
    const text = 'MZKT supplies the Russian army.';
    const a = extractClaims('s', { section: 'x', paragraph: 1 }, text, findMentions(text, G));
    const b = extractClaims(
      's',
      { section: 'x', paragraph: 1 },
      text + ' Nothing else.',
      findMentions(text, G),
    );
    const c = extractClaims('s', { section: 'x', paragraph: 2 }, text, findMentions(text, G));
    expect(a[0].id).toMatch(/^c-[0-9a-f]{14}$/);
    expect(b[0].id).toBe(a[0].id);
    expect(c[0].id).not.toBe(a[0].id);
  });
});
