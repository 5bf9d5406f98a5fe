import { describe, expect, it } from 'vitest';
import type { Quantity } from '../model/types.js';
import { band, citeText, fmt, pct, quantityRange, quantityValue, uniqueCites } from './format-values.js';

const q = (over: Partial<Quantity>): Quantity => ({
  dist: 'range',
  nominal: 0.2,
  min: 0.1,
  max: 0.3,
  cite: [],
  estimate: true,
  ...over,
});

describe('format-values', () => {
  it('formats numbers without locale, trailing zeros or negative zero', () => {
    expect(fmt(12.3456, 2)).toBe('12.35');
    expect(fmt(2.5, 0)).toBe('3');
    expect(fmt(40, 1)).toBe('40');
    expect(fmt(-0.00001, 2)).toBe('0');
    expect(fmt(null)).toBe('never');
    expect(fmt(Infinity)).toBe('∞');
    expect(pct(0.637)).toBe('64%');
  });

  it('gives P50 (P5–P95), or the nominal value when unsampled', () => {
    expect(band({ '5': 1, '50': 2.25, '95': 9 }, [5, 50, 95], 2)).toBe('2.3 (1–9)');
    expect(band({ '5': 1, '50': null, '95': null }, [5, 50, 95], 2)).toBe('never (1–never)');
    expect(band(undefined, [], 4)).toBe('4 (nominal)');
  });

  it('cites as "source §section ¶n", spans as ¶n–m, without duplicates', () => {
    expect(citeText({ source: 'brief', section: 'industry', paragraph: 2 })).toBe('brief §industry ¶2');
    expect(citeText({ source: 'brief', section: 'industry', paragraph: 2, to: 4 })).toBe(
      'brief §industry ¶2–4',
    );
    const c = { source: 'b', section: 's', paragraph: 1 };
    expect(uniqueCites([c, { ...c }, { ...c, paragraph: 2 }])).toHaveLength(2);
  });

  it('shows shares as percentages, times in days and written units scaled back', () => {
    expect(quantityValue(q({ unit: 'fraction' }), 0.25)).toBe('25%');
    expect(quantityValue(q({ unit: 'days' }), 182.5)).toBe('182.5 days');
    expect(quantityValue(q({ unit: 'EUR', givenUnit: 'billion EUR' }), 3e9)).toBe('3 billion EUR');
    expect(quantityRange(q({ unit: 'fraction' }))).toBe('10% – 30% (uniform)');
    expect(quantityRange(q({ dist: 'point', min: 1, max: 1 }))).toBe('point value');
  });
});
