import { describe, expect, it } from 'vitest';
import { formatQuantity, textTable } from './text-table.js';
import type { Quantity } from '../model/types.js';

const q = (over: Partial<Quantity>): Quantity => ({
  cite: [],
  estimate: false,
  dist: 'point',
  nominal: 1,
  min: 1,
  max: 1,
  ...over,
});

describe('formatQuantity', () => {
  it('shows fractions as percentages, ranges with a dash, distributions with their nominal', () => {
    expect(formatQuantity(q({ unit: 'fraction', nominal: 1, min: 1, max: 1 }))).toBe('100%');
    expect(
      formatQuantity(
        q({ unit: 'fraction', dist: 'range', nominal: 0.575, min: 0.45, max: 0.7, estimate: true }),
      ),
    ).toBe('45–70% [estimate]');
    expect(formatQuantity(q({ unit: 'days', nominal: 14, min: 14, max: 14 }))).toBe('14 days');
    expect(
      formatQuantity(q({ unit: 'days', dist: 'triangular', nominal: 60, min: 30, max: 180, mode: 60 })),
    ).toBe('30–180 days (triangular, nominal 60 days)');
    expect(formatQuantity(q({ nominal: 1234567, min: 1234567, max: 1234567 }))).toBe('1,234,567');
  });
});

describe('textTable', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(
      textTable([
        ['a', 'bb', 'c'],
        ['ddd', 'e', 'f'],
      ]),
    ).toEqual(['a    bb  c', 'ddd  e   f']);
  });
});
