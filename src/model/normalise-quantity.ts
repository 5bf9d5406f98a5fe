// Normalises a quantity (a bare number, a range, or a distribution with a unit) into canonical units
// and checks it: known unit, the dimension the field expects (a share is a fraction, a lead time a
// time), min <= mode <= max, fractions within 0..1, no negative times or factors.
import * as S from './schema.js';
import { didYouMean } from './problem.js';
import { unitInfo, UNITS, type Dimension } from './units.js';
import type { Quantity } from './types.js';
import { locate } from './yaml-locate.js';
import { fit, isRec, normaliseEvidence, report, type Sink, type Where } from './normalise-evidence.js';

/** Dimension each named field must have; any other quantity may take any known unit. */
export const EXPECTED_DIMENSION: Readonly<Record<string, Dimension>> = {
  share: 'fraction',
  quality: 'fraction',
  criticality: 'fraction',
  lead_time: 'time',
  buffer: 'time',
  cost: 'factor',
};

const CANONICAL: Partial<Record<Dimension, string>> = {
  time: 'days',
  fraction: 'fraction',
  factor: 'factor',
};

/**
 * The normalised quantity at `where` for the field `field`, or undefined when `raw` does not fit the
 * schema (the schema check reports that). Problems go to `sink`.
 */
export function normaliseQuantity(
  raw: unknown,
  field: string,
  where: Where,
  sink: Sink,
  inheritedEstimate = false,
): Quantity | undefined {
  const q = fit(S.Quantity, raw);
  if (q === undefined) return undefined;
  const { file, path } = where;
  const err = (sub: string | undefined, code: string, message: string) =>
    report(sink, file, sub ? [...path, sub] : path, code, message);
  const obj = typeof q === 'number' ? { value: q } : q;
  const ev = isRec(raw)
    ? normaliseEvidence(raw, where, sink, inheritedEstimate)
    : { cite: [], estimate: inheritedEstimate, at: locate(file, path) };
  let dist = obj.dist;
  if (!dist) {
    if (obj.value !== undefined) dist = 'point';
    else if (obj.median !== undefined) dist = 'lognormal';
    else if (obj.mode !== undefined) dist = 'triangular';
    else if (obj.min !== undefined || obj.max !== undefined) dist = 'range';
    else dist = 'point';
  }
  let factor = 1;
  let unit: string | undefined;
  let dimension: Dimension | undefined;
  const expected = EXPECTED_DIMENSION[field];
  if (obj.unit !== undefined) {
    const info = unitInfo(obj.unit);
    if (!info) {
      const hint = didYouMean(obj.unit, UNITS.keys());
      err(
        'unit',
        'unknown-unit',
        `unknown unit "${obj.unit}"${hint ? ` (did you mean "${hint}"?)` : ''}; see docs/model-format.md for the units tyl knows`,
      );
    } else {
      if (
        expected &&
        info.dimension !== expected &&
        !(expected === 'factor' && info.dimension === 'fraction')
      )
        err(
          'unit',
          'unit-mismatch',
          `"${field}" is a ${expected} quantity but its unit "${obj.unit}" measures ${info.dimension}${expected === 'time' ? ' (use days, weeks, months…)' : expected === 'fraction' ? ' (use fraction or percent)' : ''}`,
        );
      factor = info.factor;
      unit = info.canonical;
      dimension = info.dimension;
    }
  } else if (expected) {
    dimension = expected;
    unit = CANONICAL[expected];
  }
  const f = (v: number | undefined) => (v === undefined ? undefined : v * factor);
  let nominal = 0;
  let min = 0;
  let max = 0;
  const mode = f(obj.mode);
  const median = f(obj.median);
  switch (dist) {
    case 'point':
      if (obj.value === undefined) err(undefined, 'quantity', `"${field}": a point quantity needs "value"`);
      nominal = min = max = f(obj.value) ?? 0;
      break;
    case 'range':
    case 'uniform':
      if (obj.min === undefined || obj.max === undefined)
        err(undefined, 'quantity', `"${field}": a ${dist} needs both "min" and "max"`);
      min = f(obj.min) ?? f(obj.max) ?? 0;
      max = f(obj.max) ?? min;
      nominal = f(obj.value) ?? (min + max) / 2;
      break;
    case 'triangular':
    case 'pert':
      if (obj.min === undefined || obj.max === undefined || obj.mode === undefined)
        err(undefined, 'quantity', `"${field}": a ${dist} distribution needs "min", "mode" and "max"`);
      min = f(obj.min) ?? 0;
      max = f(obj.max) ?? min;
      nominal = mode ?? (min + max) / 2;
      if (mode !== undefined && obj.min !== undefined && obj.max !== undefined && (mode < min || mode > max))
        err('mode', 'range', `"${field}": mode ${obj.mode} lies outside min ${obj.min} .. max ${obj.max}`);
      break;
    case 'lognormal': {
      if (obj.median === undefined || obj.sigma === undefined)
        err(
          undefined,
          'quantity',
          `"${field}": a lognormal distribution needs "median" and "sigma" (of the log)`,
        );
      if (obj.median !== undefined && obj.median <= 0)
        err('median', 'range', `"${field}": a lognormal median must be positive, got ${obj.median}`);
      if (obj.sigma !== undefined && obj.sigma <= 0)
        err('sigma', 'range', `"${field}": a lognormal sigma must be positive, got ${obj.sigma}`);
      nominal = median ?? 1;
      const s = obj.sigma ?? 0;
      // 1st..99th percentile as the practical bounds.
      min = nominal * Math.exp(-2.326 * s);
      max = nominal * Math.exp(2.326 * s);
      break;
    }
  }
  if (obj.min !== undefined && obj.max !== undefined && obj.min > obj.max)
    err('max', 'range', `"${field}": max ${obj.max} is below min ${obj.min}`);
  // Bounds a field's values must respect, checked on each number the author wrote.
  const keys = ['value', 'min', 'max', 'mode', 'median'] as const;
  const scalar = typeof q === 'number';
  const outside = (lo: number, hi: number) =>
    keys.find((k) => {
      const v = f(obj[k]);
      return v !== undefined && (v < lo || v > hi + 1e-12);
    });
  if (expected === 'fraction') {
    const k = outside(0, 1);
    if (k)
      err(
        scalar ? undefined : k,
        'range',
        `"${field}" is a fraction of the need and must lie in 0..1, got ${obj[k]}${obj.unit ? ` ${obj.unit}` : ''}`,
      );
  } else if (expected === 'time' || expected === 'factor') {
    const k = outside(0, Infinity);
    if (k) err(scalar ? undefined : k, 'range', `"${field}" cannot be negative, got ${obj[k]}`);
  }
  if (isRec(raw) && raw.estimate === true && dist === 'point')
    report(
      sink,
      file,
      path,
      'estimate-point',
      `"${field}" is an estimate given as a single value; give min/max or a distribution so its uncertainty is carried`,
      'warning',
    );
  const out: Quantity = { ...ev, dist, nominal, min, max };
  if (mode !== undefined) out.mode = mode;
  if (median !== undefined) out.median = median;
  if (obj.sigma !== undefined) out.sigma = obj.sigma;
  if (unit !== undefined) out.unit = unit;
  if (obj.unit !== undefined) out.givenUnit = obj.unit;
  if (dimension !== undefined) out.dimension = dimension;
  return out;
}
