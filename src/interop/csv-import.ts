// Reads the CSV tables `tyl export csv-*` writes (sources, entities, relations, dependencies; see
// csv-export.ts for the columns) back into model elements. Every problem is located at its file,
// line and column name; malformed rows are reported and the rest of each file is still read.
// Elements whose id the model already holds are merged (reported, not written twice).
import { didYouMean } from '../model/problem.js';
import * as S from '../model/schema.js';
import type {
  RawDependency,
  RawEntity,
  RawProvider,
  RawQuantity,
  RawRelation,
  RawSource,
} from '../model/schema.js';
import type { Model } from '../model/types.js';
import type { z } from 'zod';
import { parseCsv } from './csv-text.js';
import { splitCitations, splitList } from './csv-cells.js';
import {
  CSV_COLUMNS,
  CSV_TABLES,
  DEPENDENCY_QUANTITIES,
  EVIDENCE_COLUMNS,
  PROVIDER_QUANTITIES,
  QUANTITY_PARTS,
  type CsvTable,
} from './csv-export.js';
import type { ImportReport } from './ftm-import.js';
import type { ModelSink } from './model-sink.js';

export interface CsvImportOptions {
  /** The model the import merges into (by id). */
  existing?: Model;
  maxProblems?: number;
}

const DEFAULTS = { maxProblems: 1000 };

const NUMERIC_PARTS = new Set(['value', 'min', 'max', 'mode', 'median', 'sigma']);
const REQUIRED: Record<CsvTable, string[]> = {
  sources: ['id', 'title'],
  entities: ['id', 'kind', 'name'],
  relations: ['type', 'from', 'to'],
  dependencies: ['dependency', 'node', 'input', 'provider'],
};

type Row = { file: string; line: number; cells: Map<string, string>; header: string[] };

/** Which table a file holds: by its name (`…entities.csv`), else by its header. */
function tableOf(path: string, header: string[]): CsvTable | undefined {
  const byName = CSV_TABLES.find((t) => new RegExp(`(^|[^a-z])${t}\\.csv$`, 'i').test(path));
  if (byName) return byName;
  const h = new Set(header);
  if (h.has('dependency') && h.has('provider')) return 'dependencies';
  if (h.has('from') && h.has('to') && h.has('type')) return 'relations';
  if (h.has('kind') && h.has('name')) return 'entities';
  if (h.has('title')) return 'sources';
  return undefined;
}

/** Whether a column name belongs in a table (fixed, evidence, or a typed dynamic column). */
function knownColumn(table: CsvTable, col: string): boolean {
  if (CSV_COLUMNS[table].includes(col) || (EVIDENCE_COLUMNS as readonly string[]).includes(col))
    return table !== 'sources' || CSV_COLUMNS.sources.includes(col);
  const parts = col.split(':');
  const last = parts[parts.length - 1];
  const qpart = (QUANTITY_PARTS as readonly string[]).includes(last);
  if (table === 'sources') return col === 'author:list';
  if (table === 'entities' || table === 'relations') {
    if (parts[0] === 'attr' && parts.length >= 3) return qpart || ['text', 'list', 'bool'].includes(last);
    if (parts[0] === 'qty' && parts.length >= 3) return qpart;
    if (parts[0] === 'flow' && parts.length === 3 && table === 'entities')
      return qpart && ['capacity', 'demand', 'weight', 'inventory'].includes(parts[1]);
    return false;
  }
  if (col === 'provider') return true;
  if (parts.length === 2 && (DEPENDENCY_QUANTITIES as readonly string[]).includes(parts[0])) return qpart;
  if (parts[0] === 'provider' && parts.length === 2)
    return (EVIDENCE_COLUMNS as readonly string[]).includes(parts[1]);
  if (parts[0] === 'provider' && parts.length === 3)
    return (PROVIDER_QUANTITIES as readonly string[]).includes(parts[1]) && qpart;
  return false;
}

/**
 * Imports CSV tables into `sink`; returns the report (errors located at file:line and column).
 * @example importCsv([{ path: 'entities.csv', text }], memorySink())
 */
export function importCsv(
  files: { path: string; text: string }[],
  sink: ModelSink,
  options: CsvImportOptions = {},
): ImportReport {
  const { existing, maxProblems } = { ...DEFAULTS, ...options };
  const report: ImportReport = {
    file: files.map((f) => f.path).join(', '),
    lines: 0,
    records: 0,
    written: { sources: 0, entities: 0, relations: 0, dependencies: 0 },
    merged: [],
    skipped: [],
    droppedReferences: 0,
    invalidLines: 0,
    errors: 0,
    warnings: 0,
    problems: [],
  };
  const badLines = new Set<string>();
  const problem = (
    file: string,
    line: number,
    code: string,
    message: string,
    column?: string,
    header?: string[],
  ) => {
    report.errors++;
    const key = `${file}:${line}`;
    if (!badLines.has(key)) {
      badLines.add(key);
      report.invalidLines++;
    }
    if (report.problems.length >= maxProblems) return;
    const idx = column && header ? header.indexOf(column) : -1;
    report.problems.push({
      severity: 'error',
      code,
      message: column ? `${column}${idx >= 0 ? ` (column ${idx + 1})` : ''}: ${message}` : message,
      at: { file, line, column: idx >= 0 ? idx + 1 : 1 },
      ...(column ? { path: column } : {}),
    });
  };
  const rowProblem = (row: Row, code: string, message: string, column?: string) =>
    problem(row.file, row.line, code, message, column, row.header);

  // Read every file into rows of its table.
  const rows: Record<CsvTable, Row[]> = { sources: [], entities: [], relations: [], dependencies: [] };
  for (const f of files) {
    const { records, problems } = parseCsv(f.text);
    report.lines += f.text.split('\n').length - (f.text.endsWith('\n') ? 1 : 0);
    const [head, ...body] = records;
    for (const p of problems)
      problem(
        f.path,
        p.line,
        'csv-syntax',
        `field ${p.field}: ${p.message}`,
        head?.fields[p.field - 1],
        head?.fields,
      );
    if (!head) continue;
    const header = head.fields;
    const table = tableOf(f.path, header);
    if (!table) {
      problem(
        f.path,
        head.line,
        'csv-table',
        'cannot tell which table this is: name the file sources.csv, entities.csv, relations.csv or dependencies.csv',
      );
      continue;
    }
    for (const col of REQUIRED[table])
      if (!header.includes(col))
        problem(
          f.path,
          head.line,
          'csv-header',
          `missing column "${col}" (a ${table} table needs ${REQUIRED[table].join(', ')})`,
        );
    header.forEach((col, i) => {
      if (!knownColumn(table, col)) {
        const hint = didYouMean(col, [...CSV_COLUMNS[table], ...EVIDENCE_COLUMNS]);
        problem(
          f.path,
          head.line,
          'csv-header',
          `unknown column "${col}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
          col,
          header,
        );
      }
      if (header.indexOf(col) !== i)
        problem(f.path, head.line, 'csv-header', `column "${col}" appears twice`, col, header);
    });
    for (const r of body) {
      report.records++;
      if (r.fields.length !== header.length) {
        problem(
          f.path,
          r.line,
          'csv-fields',
          `${r.fields.length} fields, but the header has ${header.length}`,
        );
        continue;
      }
      const cells = new Map<string, string>();
      header.forEach((h, i) => {
        if (r.fields[i] !== '') cells.set(h, r.fields[i]);
      });
      rows[table].push({ file: f.path, line: r.line, cells, header });
    }
  }

  // Cells to values.
  const number = (row: Row, col: string): number | undefined => {
    const v = row.cells.get(col);
    if (v === undefined) return undefined;
    const n = Number(v.trim());
    if (v.trim() === '' || !Number.isFinite(n)) {
      rowProblem(row, 'csv-value', `"${v}" is not a number`, col);
      return undefined;
    }
    return n;
  };
  const bool = (row: Row, col: string): boolean | undefined => {
    const v = row.cells.get(col);
    if (v === undefined) return undefined;
    if (/^(true|yes|1)$/i.test(v.trim())) return true;
    if (/^(false|no|0)$/i.test(v.trim())) return false;
    rowProblem(row, 'csv-value', `"${v}" is not true or false`, col);
    return undefined;
  };
  const evidence = (row: Row, prefix: string): Record<string, unknown> => {
    const p = prefix ? prefix + ':' : '';
    const out: Record<string, unknown> = {};
    const cite = row.cells.get(p + 'cite');
    if (cite !== undefined) {
      const { cites, error } = splitCitations(cite);
      if (error) rowProblem(row, 'csv-value', error, p + 'cite');
      else out.cite = cites;
    }
    const conf = row.cells.get(p + 'confidence');
    if (conf !== undefined) out.confidence = conf;
    const from = row.cells.get(p + 'valid_from');
    const to = row.cells.get(p + 'valid_to');
    if (from !== undefined || to !== undefined)
      out.valid = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    const est = bool(row, p + 'estimate');
    if (est !== undefined) out.estimate = est;
    const note = row.cells.get(p + 'note');
    if (note !== undefined) out.note = note;
    return out;
  };
  const quantity = (row: Row, prefix: string): RawQuantity | undefined => {
    const q: Record<string, unknown> = {};
    for (const part of ['value', 'min', 'max', 'mode', 'median', 'sigma', 'dist', 'unit']) {
      const col = `${prefix}:${part}`;
      if (!row.cells.has(col)) continue;
      q[part] = NUMERIC_PARTS.has(part) ? number(row, col) : row.cells.get(col);
    }
    Object.assign(q, evidence(row, prefix));
    const keys = Object.keys(q);
    if (!keys.length) return undefined;
    return keys.length === 1 && keys[0] === 'value' && typeof q.value === 'number'
      ? q.value
      : (q as RawQuantity);
  };
  /** Names of the dynamic columns `<group>:<name>:<part>` present in a row's header. */
  const names = (row: Row, group: string): string[] => [
    ...new Set(
      row.header
        .filter((h) => h.startsWith(group + ':'))
        .map((h) => h.slice(group.length + 1, h.lastIndexOf(':'))),
    ),
  ];
  const attributes = (row: Row) => {
    const out: Record<string, unknown> = {};
    for (const name of names(row, 'attr')) {
      const base = `attr:${name}`;
      if (row.cells.has(`${base}:text`)) out[name] = row.cells.get(`${base}:text`);
      else if (row.cells.has(`${base}:list`)) out[name] = splitList(row.cells.get(`${base}:list`)!);
      else if (row.cells.has(`${base}:bool`)) {
        const b = bool(row, `${base}:bool`);
        if (b !== undefined) out[name] = b;
      } else {
        const q = quantity(row, base);
        if (q !== undefined) out[name] = q;
      }
    }
    return Object.keys(out).length ? out : undefined;
  };
  const quantities = (row: Row, group: string) => {
    const out: Record<string, RawQuantity> = {};
    for (const name of names(row, group)) {
      const q = quantity(row, `${group}:${name}`);
      if (q !== undefined) out[name] = q;
    }
    return Object.keys(out).length ? out : undefined;
  };
  const columnFor = (row: Row, path: PropertyKey[]): string | undefined => {
    const [a, b, c] = path.map(String);
    const guess =
      a === 'valid'
        ? `valid_${b}`
        : a === 'attributes'
          ? `attr:${b}:`
          : a === 'quantities'
            ? `qty:${b}:${c ?? ''}`
            : a === 'flow'
              ? `flow:${b}:`
              : a === 'location'
                ? b === 'lon'
                  ? 'lon'
                  : 'lat'
                : a === 'cite'
                  ? 'cite'
                  : a;
    return row.header.find((h) => h === guess) ?? row.header.find((h) => h.startsWith(guess ?? '\0'));
  };
  const validate = (row: Row, schema: z.ZodType, raw: unknown): boolean => {
    const r = schema.safeParse(raw);
    if (r.success) return true;
    for (const issue of r.error.issues) {
      let message = issue.message;
      if (issue.code === 'invalid_value' && 'values' in issue) {
        const got = issue.path.reduce<unknown>(
          (o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k],
          raw,
        );
        const values = (issue.values as unknown[]).map(String);
        const hint = typeof got === 'string' ? didYouMean(got, values) : undefined;
        message = `${JSON.stringify(got)} is not one of ${values.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`;
      }
      rowProblem(row, 'schema', message, columnFor(row, issue.path));
    }
    return false;
  };
  const rowOk = (row: Row) => !badLines.has(`${row.file}:${row.line}`);
  const put = <T extends Record<string, unknown>>(o: T, k: string, v: unknown) => {
    if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  };

  // Build elements.
  const sources: { row: Row; raw: RawSource }[] = [];
  for (const row of rows.sources) {
    const raw: Record<string, unknown> = {};
    for (const k of CSV_COLUMNS.sources) put(raw, k, row.cells.get(k));
    if (raw.author !== undefined) {
      const list = splitList(raw.author as string);
      raw.author = list.length === 1 && row.cells.get('author:list') !== 'true' ? list[0] : list;
    }
    if (validate(row, S.Source, raw) && rowOk(row)) sources.push({ row, raw: raw as RawSource });
  }
  const entities: { row: Row; raw: RawEntity }[] = [];
  const invalidEntities = new Map<string, Row>();
  for (const row of rows.entities) {
    const raw: Record<string, unknown> = {};
    for (const k of [
      'id',
      'kind',
      'type',
      'name',
      'country',
      'description',
      'date',
      'authority',
      'programme',
    ])
      put(raw, k, row.cells.get(k));
    for (const k of ['aliases', 'tags', 'targets'])
      if (row.cells.has(k)) raw[k] = splitList(row.cells.get(k)!);
    const lat = number(row, 'lat');
    const lon = number(row, 'lon');
    if (lat !== undefined || lon !== undefined) raw.location = { lat, lon };
    Object.assign(raw, evidence(row, ''));
    put(raw, 'attributes', attributes(row));
    put(raw, 'quantities', quantities(row, 'qty'));
    put(raw, 'flow', quantities(row, 'flow'));
    if (validate(row, S.Entity, raw) && rowOk(row)) entities.push({ row, raw: raw as RawEntity });
    else if (typeof raw.id === 'string') invalidEntities.set(raw.id, row);
  }
  const relations: { row: Row; raw: RawRelation }[] = [];
  for (const row of rows.relations) {
    const raw: Record<string, unknown> = {};
    for (const k of ['id', 'type', 'from', 'to']) put(raw, k, row.cells.get(k));
    Object.assign(raw, evidence(row, ''));
    put(raw, 'attributes', attributes(row));
    put(raw, 'quantities', quantities(row, 'qty'));
    if (validate(row, S.Relation, raw) && rowOk(row)) relations.push({ row, raw: raw as RawRelation });
  }
  const dependencies: { row: Row; raw: RawDependency; providerRows: Row[] }[] = [];
  const depById = new Map<string, { row: Row; raw: RawDependency; providerRows: Row[]; key: string }>();
  for (const row of rows.dependencies) {
    const dep: Record<string, unknown> = {};
    for (const k of ['dependency', 'node', 'input'])
      put(dep, k === 'dependency' ? 'id' : k, row.cells.get(k));
    for (const k of DEPENDENCY_QUANTITIES) put(dep, k, quantity(row, k));
    Object.assign(dep, evidence(row, ''));
    const prov: Record<string, unknown> = {};
    put(prov, 'provider', row.cells.get('provider'));
    for (const k of PROVIDER_QUANTITIES) put(prov, k, quantity(row, `provider:${k}`));
    Object.assign(prov, evidence(row, 'provider'));
    const key = JSON.stringify(dep);
    const id = dep.id as string | undefined;
    const seen = id !== undefined ? depById.get(id) : undefined;
    if (seen) {
      if (seen.key !== key) {
        const col = row.header.find(
          (h) => !h.startsWith('provider') && (row.cells.get(h) ?? '') !== (seen.row.cells.get(h) ?? ''),
        );
        rowProblem(
          row,
          'csv-dependency',
          `differs from the first row of dependency "${id}" (line ${seen.row.line}); repeat its dependency columns unchanged on each provider row`,
          col,
        );
        continue;
      }
      if (validate(row, S.Provider, prov) && rowOk(row)) {
        seen.raw.providers.push(prov as RawProvider);
        seen.providerRows.push(row);
      }
      continue;
    }
    const raw = { ...dep, providers: [prov] };
    if (validate(row, S.Dependency, raw) && rowOk(row)) {
      const entry = { row, raw: raw as unknown as RawDependency, providerRows: [row], key };
      depById.set(id!, entry);
      dependencies.push(entry);
    }
  }

  // Merges, duplicates and references.
  const merge = <T extends { id?: string }, E extends { row: Row; raw: T }>(
    list: E[],
    existingIds: Set<string>,
    what: string,
  ): E[] => {
    const ids = new Map<string, Row>();
    return list.filter(({ row, raw }) => {
      const id = raw.id;
      if (id === undefined) return true;
      if (existingIds.has(id)) {
        report.merged.push({ line: row.line, inputId: id, name: `${what} ${id}`, into: id, by: 'id' });
        return false;
      }
      const first = ids.get(id);
      if (first) {
        rowProblem(
          row,
          'duplicate-id',
          `duplicate ${what} id "${id}" (first at ${first.file}:${first.line})`,
          CSV_COLUMNS[what === 'dependency' ? 'dependencies' : (`${what}s` as CsvTable)][0],
        );
        return false;
      }
      ids.set(id, row);
      return true;
    });
  };
  const keptSources = merge(sources, new Set(existing?.sources.map((s) => s.id)), 'source');
  const keptEntities = merge(entities, new Set(existing?.entities.map((e) => e.id)), 'entity');
  const keptRelations = merge(relations, new Set(existing?.relations.map((r) => r.id)), 'relation');
  const keptDeps = merge(dependencies, new Set(existing?.dependencies.map((d) => d.id)), 'dependency');
  const sourceIds = new Set([
    ...(existing?.sources.map((s) => s.id) ?? []),
    ...keptSources.map((s) => s.raw.id),
  ]);
  const entityIds = new Set([
    ...(existing?.entities.map((e) => e.id) ?? []),
    ...keptEntities.map((e) => e.raw.id),
  ]);
  const refOk = (row: Row, id: string, col: string, pool: Set<string>, what: string) => {
    if (pool.has(id)) return true;
    const bad = what === 'entity' ? invalidEntities.get(id) : undefined;
    if (bad) {
      rowProblem(
        row,
        'invalid-reference',
        `entity "${id}" is invalid (${bad.file}:${bad.line}), so this cannot refer to it`,
        col,
      );
      return false;
    }
    const hint = didYouMean(id, pool);
    rowProblem(
      row,
      'unknown-reference',
      `unknown ${what} "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      col,
    );
    return false;
  };
  const citesOk = (row: Row, el: unknown, col: string): boolean => {
    let ok = true;
    const visit = (v: unknown, c: string) => {
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.cite))
        for (const ct of o.cite as S.CitationT[]) ok = refOk(row, ct.source, c, sourceIds, 'source') && ok;
      for (const [k, x] of Object.entries(o)) if (k !== 'cite' && x && typeof x === 'object') visit(x, c);
    };
    visit(el, col);
    return ok;
  };
  for (const { raw } of keptSources) {
    sink.source(raw);
    report.written.sources++;
  }
  for (const { row, raw } of keptEntities) {
    let ok = citesOk(row, raw, 'cite');
    for (const t of raw.targets ?? []) ok = refOk(row, t, 'targets', entityIds, 'entity') && ok;
    if (!ok) continue;
    sink.entity(raw);
    report.written.entities++;
  }
  for (const { row, raw } of keptRelations) {
    let ok = citesOk(row, raw, 'cite');
    ok = refOk(row, raw.from, 'from', entityIds, 'entity') && ok;
    ok = refOk(row, raw.to, 'to', entityIds, 'entity') && ok;
    if (!ok) continue;
    sink.relation(raw);
    report.written.relations++;
  }
  for (const d of keptDeps) {
    const { row, raw } = d;
    let ok = citesOk(row, { ...raw, providers: [] }, 'cite');
    ok = refOk(row, raw.node, 'node', entityIds, 'entity') && ok;
    d.providerRows.forEach((pr, i) => {
      ok = refOk(pr, raw.providers[i].provider, 'provider', entityIds, 'entity') && ok;
      ok = citesOk(pr, raw.providers[i], 'provider:cite') && ok;
    });
    if (!ok) continue;
    sink.dependency(raw);
    report.written.dependencies++;
  }
  report.problems.sort(
    (a, b) => (a.at?.file ?? '').localeCompare(b.at?.file ?? '') || (a.at?.line ?? 0) - (b.at?.line ?? 0),
  );
  return report;
}
