// Units of measure the model format understands, grouped by dimension, with the factor that
// converts each to its dimension's canonical unit (days for time, fraction for shares).

/** A physical or accounting dimension; quantities of different dimensions never mix. */
export type Dimension =
  | 'time'
  | 'fraction'
  | 'currency'
  | 'currency-rate'
  | 'count'
  | 'length'
  | 'mass'
  | 'share-of-gdp'
  | 'factor';

export interface UnitInfo {
  dimension: Dimension;
  /** Canonical unit of the dimension. */
  canonical: string;
  /** Multiply a value in this unit by `factor` to get the canonical unit. */
  factor: number;
}

const TIME: Record<string, number> = {
  hour: 1 / 24,
  hours: 1 / 24,
  h: 1 / 24,
  day: 1,
  days: 1,
  d: 1,
  week: 7,
  weeks: 7,
  month: 365.25 / 12,
  months: 365.25 / 12,
  year: 365.25,
  years: 365.25,
};
const FRACTION: Record<string, number> = { fraction: 1, share: 1, percent: 0.01, '%': 0.01 };
const COUNT = [
  'count',
  'personnel',
  'troops',
  'units',
  'items',
  'companies',
  'people',
  'vehicles',
  'aircraft',
  'systems',
  'trains',
  'wagons',
  'enterprises',
  'students',
  'officers',
  'exercises',
];
const CURRENCIES = ['USD', 'EUR', 'RUB', 'BYN', 'GBP'];
const SCALES: Record<string, number> = { '': 1, thousand: 1e3, million: 1e6, bn: 1e9, billion: 1e9 };
const LENGTH: Record<string, number> = { m: 0.001, km: 1 };
const MASS: Record<string, number> = { kg: 0.001, t: 1, tonnes: 1, tons: 1 };

function build(): Map<string, UnitInfo> {
  const units = new Map<string, UnitInfo>();
  for (const [u, f] of Object.entries(TIME))
    units.set(u, { dimension: 'time', canonical: 'days', factor: f });
  for (const [u, f] of Object.entries(FRACTION))
    units.set(u, { dimension: 'fraction', canonical: 'fraction', factor: f });
  for (const u of COUNT) units.set(u, { dimension: 'count', canonical: 'count', factor: 1 });
  for (const [u, f] of Object.entries(LENGTH))
    units.set(u, { dimension: 'length', canonical: 'km', factor: f });
  for (const [u, f] of Object.entries(MASS)) units.set(u, { dimension: 'mass', canonical: 't', factor: f });
  units.set('percent of GDP', { dimension: 'share-of-gdp', canonical: 'fraction of GDP', factor: 0.01 });
  units.set('fraction of GDP', { dimension: 'share-of-gdp', canonical: 'fraction of GDP', factor: 1 });
  units.set('factor', { dimension: 'factor', canonical: 'factor', factor: 1 });
  units.set('x', { dimension: 'factor', canonical: 'factor', factor: 1 });
  for (const c of CURRENCIES)
    for (const [s, f] of Object.entries(SCALES)) {
      const name = s ? `${s} ${c}` : c;
      units.set(name, { dimension: 'currency', canonical: c, factor: f });
      units.set(`${name}/year`, { dimension: 'currency-rate', canonical: `${c}/year`, factor: f });
    }
  return units;
}

/** Every unit name the format accepts. */
export const UNITS: ReadonlyMap<string, UnitInfo> = build();

/** Looks a unit up; `undefined` when the format does not know it. */
export function unitInfo(unit: string): UnitInfo | undefined {
  return UNITS.get(unit.trim());
}
