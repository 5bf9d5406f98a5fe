import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VIEWS, formatHash, parseHash, type State } from '../web/src/hash-state.js';

describe('workbench URL state', () => {
  it('parses a deep link with every field', () => {
    expect(
      parseHash(
        '#view=scenarios&sel=mzkt&date=2019-03&scenario=rail-sabotage&runs=r1,r2&cite=ferris-2023/the-tyl/2',
      ),
    ).toEqual({
      view: 'scenarios',
      sel: 'mzkt',
      date: '2019-03',
      scenario: 'rail-sabotage',
      runs: ['r1', 'r2'],
      cite: 'ferris-2023/the-tyl/2',
    });
  });

  it('falls back to the graph view for an empty or unknown view', () => {
    expect(parseHash('')).toEqual({ view: 'graph' });
    expect(parseHash('#view=nope&sel=x')).toEqual({ view: 'graph', sel: 'x' });
  });

  it('round-trips any state through the hash', () => {
    const id = fc.stringMatching(/^[a-z0-9][a-z0-9._/-]{0,20}$/);
    const state = fc.record(
      {
        view: fc.constantFrom(...VIEWS),
        sel: id,
        date: fc.constantFrom('2013', '2019-03', '2022-06-01'),
        scenario: id,
        runs: fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 3 }),
        cite: id,
      },
      { requiredKeys: ['view'] },
    );
    fc.assert(
      fc.property(state, (s: State) => {
        expect(parseHash(formatHash(s))).toEqual(s);
      }),
    );
  });

  it('keeps deep links readable (commas and slashes unescaped)', () => {
    expect(formatHash({ view: 'evidence', runs: ['a', 'b'], cite: 'src/sec/3' })).toBe(
      '#view=evidence&runs=a,b&cite=src/sec/3',
    );
  });
});
