// Writes a model as CSV tables for spreadsheets: sources, entities, relations and dependencies
// (one row per provider). Quantities spread over `<name>:value|min|max|unit…` columns in the unit
// the author gave; lists are joined with `;`; citations are `source#section/paragraph`; attribute
// columns say their type (`attr:<name>:text|list|bool`, or quantity parts). `tyl import csv` reads
// the same tables back.
import type { CitationT, RawQuantity } from '../model/schema.js';
import type { Model } from '../model/types.js';
import { formatCsv } from './csv-text.js';
import { joinCitations, joinList } from './csv-cells.js';
import { toRawModel } from './to-raw-model.js';

export const CSV_TABLES = ['sources', 'entities', 'relations', 'dependencies'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** Fixed leading columns of each table; dynamic columns (attributes, quantities) follow. */
export const CSV_COLUMNS: Record<CsvTable, readonly string[]> = {
  sources: ['id', 'title', 'author', 'publisher', 'date', 'url', 'file', 'kind', 'note'],
  entities: [
    'id',
    'kind',
    'type',
    'name',
    'aliases',
    'country',
    'lat',
    'lon',
    'tags',
    'description',
    'date',
    'authority',
    'programme',
    'targets',
  ],
  relations: ['id', 'type', 'from', 'to'],
  dependencies: ['dependency', 'node', 'input'],
};
/** Evidence columns (with a prefix for quantities and providers). */
export const EVIDENCE_COLUMNS = ['cite', 'confidence', 'valid_from', 'valid_to', 'estimate', 'note'] as const;
/** Quantity parts, each a column `<prefix>:<part>`. */
export const QUANTITY_PARTS = [
  'value',
  'min',
  'max',
  'mode',
  'median',
  'sigma',
  'dist',
  'unit',
  ...EVIDENCE_COLUMNS,
] as const;
export const DEPENDENCY_QUANTITIES = ['criticality', 'buffer', 'bom'] as const;
export const PROVIDER_QUANTITIES = ['share', 'quality', 'cost', 'lead_time', 'capacity'] as const;

type Row = Record<string, string>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Writes evidence fields into `row` under `prefix` (`''` for the element itself). */
function putEvidence(
  row: Row,
  prefix: string,
  e: {
    cite?: CitationT[];
    confidence?: string;
    valid?: { from?: string; to?: string };
    estimate?: boolean;
    note?: string;
  },
): void {
  const p = prefix ? prefix + ':' : '';
  if (e.cite?.length) row[p + 'cite'] = joinCitations(e.cite);
  if (e.confidence !== undefined) row[p + 'confidence'] = e.confidence;
  if (e.valid?.from !== undefined) row[p + 'valid_from'] = e.valid.from;
  if (e.valid?.to !== undefined) row[p + 'valid_to'] = e.valid.to;
  if (e.estimate !== undefined) row[p + 'estimate'] = String(e.estimate);
  if (e.note !== undefined) row[p + 'note'] = e.note;
}

function putQuantity(row: Row, prefix: string, q: RawQuantity): void {
  if (typeof q === 'number') {
    row[`${prefix}:value`] = String(q);
    return;
  }
  for (const k of ['value', 'min', 'max', 'mode', 'median', 'sigma', 'dist', 'unit'] as const)
    if (q[k] !== undefined) row[`${prefix}:${k}`] = str(q[k]);
  putEvidence(row, prefix, q);
}

function putAttributes(
  row: Row,
  attrs: Record<string, string | boolean | string[] | RawQuantity> | undefined,
): void {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (typeof v === 'string') row[`attr:${k}:text`] = v;
    else if (typeof v === 'boolean') row[`attr:${k}:bool`] = String(v);
    else if (Array.isArray(v)) row[`attr:${k}:list`] = joinList(v);
    else putQuantity(row, `attr:${k}`, v);
  }
}

function putQuantities(row: Row, group: string, qs: Record<string, RawQuantity> | undefined): void {
  for (const [k, q] of Object.entries(qs ?? {})) putQuantity(row, `${group}:${k}`, q);
}

/** Header (fixed columns, then every dynamic column in order of first use) and rows as cells. */
function table(fixed: readonly string[], rows: Row[]): string[][] {
  const header = [...fixed];
  const seen = new Set(header);
  for (const r of rows)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        header.push(k);
      }
  return [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))];
}

/** Rows of each table as records of column -> cell. */
export function csvRows(model: Model): Record<CsvTable, Row[]> {
  const raw = toRawModel(model);
  const sources = (raw.sources ?? []).map((s) => {
    const row: Row = { id: s.id, title: s.title };
    if (s.author !== undefined) row.author = joinList(Array.isArray(s.author) ? s.author : [s.author]);
    for (const k of ['publisher', 'date', 'url', 'file', 'kind', 'note'] as const)
      if (s[k] !== undefined) row[k] = s[k]!;
    // A single author and a one-item author list read differently in YAML; keep which it was.
    if (Array.isArray(s.author) && s.author.length === 1) row['author:list'] = 'true';
    return row;
  });
  const entities = (raw.entities ?? []).map((e) => {
    const row: Row = { id: e.id, kind: e.kind, name: e.name };
    if (e.type !== undefined) row.type = e.type;
    if (e.aliases) row.aliases = joinList(e.aliases);
    if (e.country !== undefined) row.country = e.country;
    if (e.location) {
      row.lat = String(e.location.lat);
      row.lon = String(e.location.lon);
    }
    if (e.tags) row.tags = joinList(e.tags);
    for (const k of ['description', 'date', 'authority', 'programme'] as const)
      if (e[k] !== undefined) row[k] = e[k]!;
    if (e.targets) row.targets = joinList(e.targets);
    putEvidence(row, '', e);
    putAttributes(row, e.attributes);
    putQuantities(row, 'qty', e.quantities);
    putQuantities(row, 'flow', e.flow as Record<string, RawQuantity> | undefined);
    return row;
  });
  const relations = (raw.relations ?? []).map((r) => {
    const row: Row = { id: r.id!, type: r.type, from: r.from, to: r.to };
    putEvidence(row, '', r);
    putAttributes(row, r.attributes);
    putQuantities(row, 'qty', r.quantities);
    return row;
  });
  const dependencies = (raw.dependencies ?? []).flatMap((d) =>
    d.providers.map((p) => {
      const row: Row = { dependency: d.id, node: d.node, input: d.input };
      for (const k of DEPENDENCY_QUANTITIES) if (d[k] !== undefined) putQuantity(row, k, d[k]!);
      putEvidence(row, '', d);
      row.provider = p.provider;
      for (const k of PROVIDER_QUANTITIES) if (p[k] !== undefined) putQuantity(row, `provider:${k}`, p[k]!);
      putEvidence(row, 'provider', p);
      return row;
    }),
  );
  return { sources, entities, relations, dependencies };
}

/** Each table as CSV text (RFC 4180), keyed by table name. */
export function exportCsvTables(model: Model): Record<CsvTable, string> {
  const rows = csvRows(model);
  const fixed = { ...CSV_COLUMNS, dependencies: [...CSV_COLUMNS.dependencies, 'provider'] };
  return Object.fromEntries(CSV_TABLES.map((t) => [t, formatCsv(table(fixed[t], rows[t]))])) as Record<
    CsvTable,
    string
  >;
}

/** One table as CSV text; the export registry's `csv-<table>` formats. */
export function exportCsv(model: Model, options: { table?: CsvTable } = {}): string {
  return exportCsvTables(model)[options.table ?? 'entities'];
}
