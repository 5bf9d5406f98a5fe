// Turns zod's validation issues into located, readable problems: each points at the offending field
// (or the unknown key), says what was expected and what was found, and suggests the closest valid
// key or value. Unions are resolved to the branch the author evidently meant (a quantity written as
// an object is checked as a quantity object, not reported as "not a number").
import type { z } from 'zod';
import { didYouMean, type Problem } from './problem.js';
import { locate, locateKey, pathString, type YamlFile, type YamlPath } from './yaml-locate.js';

type Issue = z.core.$ZodIssue;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a value at `path` (relative to `schema`) may be checked against. */
function schemasAt(schema: z.ZodType, path: YamlPath): z.ZodType[] {
  let cur: z.ZodType[] = [schema];
  const unwrap = (s: z.ZodType): z.ZodType[] => {
    const d = def(s);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') return unwrap(d.innerType!);
    if (d.type === 'pipe') return unwrap(d.in!);
    if (d.type === 'union') return d.options!.flatMap(unwrap);
    return [s];
  };
  cur = cur.flatMap(unwrap);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of cur) {
      const d = def(s);
      if (d.type === 'object' && typeof seg === 'string' && d.shape![seg]) next.push(d.shape![seg]);
      else if (d.type === 'array' && typeof seg === 'number') next.push(d.element!);
      else if (d.type === 'record' && typeof seg === 'string') next.push(d.valueType!);
    }
    cur = next.flatMap(unwrap);
  }
  return cur;
}

/** Field names an object at `path` accepts (for "did you mean" on unknown keys). */
export function knownKeys(schema: z.ZodType, path: YamlPath): string[] {
  for (const s of schemasAt(schema, path)) if (def(s).type === 'object') return Object.keys(def(s).shape!);
  return [];
}

function valueAt(raw: unknown, path: YamlPath): unknown {
  let v = raw;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Short display of a found value. */
export function show(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return v.length ? 'a list' : 'an empty list';
  if (typeof v === 'object') return 'a mapping';
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '…"' : s;
}

function fieldName(path: YamlPath): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const prev = path[path.length - 2];
    return `${prev === undefined ? '' : String(prev)}[${last}]`;
  }
  return String(last ?? 'file');
}

/** Zod's type names in the words of a YAML author. */
const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  boolean: 'true or false',
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
};

/** A hint for the commonest shape slips, by field: how the value should have been written. */
function typeHint(rel: YamlPath, value: unknown): string {
  const last = rel[rel.length - 1];
  const parent = rel[rel.length - 2];
  if (last === 'valid' && (typeof value === 'number' || typeof value === 'string'))
    return ` (write { from: ${String(value)} } or { to: ${String(value)} })`;
  if (last === 'cite' && value && typeof value === 'object' && !Array.isArray(value))
    return ' (a list: [{ source, section, paragraph }], even for one citation)';
  if (
    (last === 'providers' || last === 'aliases' || last === 'tags' || last === 'targets') &&
    !Array.isArray(value)
  )
    return last === 'providers'
      ? ' (a list, each provider starting with "- provider:")'
      : ` (a list: [${show(value).replace(/"/g, '')}])`;
  if (parent === 'providers' && typeof value === 'string') return ` (write "- provider: ${value}")`;
  if (typeof value === 'string') {
    const m = /^\s*(-?[\d.]+)\s*(%|percent)\s*$/.exec(value);
    if (m) return ` (write { value: ${m[1]}, unit: percent })`;
  }
  return '';
}

const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

/** Issues of the union branch the value was meant for, or undefined when it fits none. */
function resolveUnion(issue: Issue & { code: 'invalid_union' }): Issue[] | undefined {
  const fits: Issue[][] = [];
  for (const branch of issue.errors) {
    const expanded: Issue[] = [];
    let ok = true;
    for (const i of branch) {
      if (i.path.length === 0 && i.code === 'invalid_union') {
        const inner = resolveUnion(i);
        if (!inner) {
          ok = false;
          break;
        }
        expanded.push(...inner);
      } else if (i.path.length === 0 && i.code !== 'unrecognized_keys') {
        ok = false;
        break;
      } else expanded.push(i);
    }
    if (ok) fits.push(expanded);
  }
  fits.sort((a, b) => a.length - b.length);
  return fits[0];
}

const QUANTITY_FIELDS = new Set([
  'share',
  'quality',
  'cost',
  'lead_time',
  'criticality',
  'buffer',
  'bom',
  'capacity',
  'demand',
  'weight',
  'inventory',
]);

function describeUnion(path: YamlPath, issue: Issue & { code: 'invalid_union' }): string {
  const last = String(path[path.length - 1]);
  const parent = String(path[path.length - 2]);
  if (QUANTITY_FIELDS.has(last) || parent === 'quantities')
    return 'a number or a quantity mapping ({ value | min, max | dist, … , unit })';
  if (parent === 'attributes') return 'a string, true/false, a list of strings, or a quantity';
  if (last === 'confidence') return 'low, moderate, high or an Admiralty code such as B2';
  if (['from', 'to', 'date', 'as_of'].includes(last)) return 'a date as YYYY, YYYY-MM or YYYY-MM-DD';
  const expected = issue.errors
    .flat()
    .filter((i) => i.path.length === 0 && i.code === 'invalid_type')
    .map((i) => (i as { expected: string }).expected);
  return expected.length ? [...new Set(expected)].join(' or ') : 'a valid value';
}

/**
 * Located problems for the zod `issues` of the value `raw`, which sits at `base` in `file` and was
 * checked against `schema`.
 */
export function schemaProblems(
  file: YamlFile,
  base: YamlPath,
  raw: unknown,
  issues: readonly Issue[],
  schema: z.ZodType,
): Problem[] {
  const out: Problem[] = [];
  const push = (rel: YamlPath, message: string, at = locate(file, [...base, ...rel]), code = 'schema') =>
    out.push({ severity: 'error', code, message, at, path: pathString([...base, ...rel]) });
  const visit = (issue: Issue, prefix: YamlPath) => {
    const rel = [...prefix, ...(issue.path as YamlPath)];
    const value = valueAt(raw, rel);
    const name = fieldName([...base, ...rel]);
    const custom = DEFAULT_MESSAGE.test(issue.message) ? undefined : issue.message;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const pool = knownKeys(schema, rel);
        for (const k of issue.keys) {
          const hint = didYouMean(k, pool);
          out.push({
            severity: 'error',
            code: 'unknown-field',
            message: `unknown field "${k}"${hint ? ` (did you mean "${hint}"?)` : pool.length ? `; expected one of ${pool.join(', ')}` : ''}`,
            at: locateKey(file, [...base, ...rel], k),
            path: pathString([...base, ...rel, k]),
          });
        }
        return;
      }
      case 'invalid_union': {
        const branch = resolveUnion(issue);
        if (branch) for (const i of branch) visit(i, rel);
        else {
          const hint =
            name === 'confidence' && typeof value === 'string'
              ? didYouMean(value, ['low', 'moderate', 'high'])
              : undefined;
          push(
            rel,
            `"${name}": expected ${describeUnion([...base, ...rel], issue)}; got ${show(value)}${hint ? ` (did you mean "${hint}"?)` : typeHint(rel, value)}`,
          );
        }
        return;
      }
      case 'invalid_type':
        if (value === undefined)
          push(rel, `missing required field "${name}"`, locate(file, [...base, ...rel.slice(0, -1)]));
        else
          push(
            rel,
            `"${name}": expected ${custom ?? TYPE_NAMES[issue.expected] ?? issue.expected}, got ${show(value)}${typeHint(rel, value)}`,
          );
        return;
      case 'invalid_value': {
        const values = issue.values.map(String);
        const hint = typeof value === 'string' ? didYouMean(value, values) : undefined;
        const list =
          values.length > 16
            ? `${values.slice(0, 16).join(', ')}, … (${values.length} in all, see docs/model-format.md)`
            : values.join(', ');
        push(
          rel,
          `"${name}": expected one of ${list}; got ${show(value)}${hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
        return;
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const bound = small
          ? (issue as { minimum: unknown }).minimum
          : (issue as { maximum: unknown }).maximum;
        let expected = custom;
        if (!expected) {
          if (issue.origin === 'array')
            expected = `${small ? 'at least' : 'at most'} ${String(bound)} item${Number(bound) === 1 ? '' : 's'}`;
          else if (issue.origin === 'string') expected = small ? 'a non-empty text' : 'a shorter text';
          else expected = `a number ${small ? '≥' : '≤'} ${String(bound)}`;
        }
        push(rel, `"${name}": expected ${expected}, got ${show(value)}`);
        return;
      }
      default: {
        const hint =
          name === 'confidence' && typeof value === 'string'
            ? didYouMean(value, ['low', 'moderate', 'high'])
            : undefined;
        push(
          rel,
          `"${name}": expected ${custom ?? issue.message}; got ${show(value)}${hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
      }
    }
  };
  for (const issue of issues) visit(issue, []);
  return out;
}
