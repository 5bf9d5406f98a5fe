// Streams newline-delimited FollowTheMoney entities (the `entities.ftm.json` layout of
// OpenSanctions: one JSON object per line with `id`, `schema`, `properties` as lists of strings,
// and optionally `datasets`, `first_seen`, `last_seen`, `referents`, `caption`) into tyl elements.
// Schemata, edge specs, temporal extents and property types come from @opensanctions/followthemoney
// (see ftm-mapping.ts); values the package does not check (dates, countries) are checked here.
//
// Two passes: entities and sources go to the sink as they are read; elements that refer to others
// (relations, sanctions with targets, dependencies) wait in a spool until every id of the file is
// known, then are resolved, merged with the existing model and written. Every problem is located
// (file:line:column and the field); the caller decides whether anything is committed.
import type { Model } from '../model/types.js';
import type { Problem } from '../model/problem.js';
import { didYouMean } from '../model/problem.js';
import { normaliseName } from '../model/normalise-name.js';
import * as S from '../model/schema.js';
import type { RawDependency, RawEntity, RawRelation, RawSource } from '../model/schema.js';
import type { Schema } from '@opensanctions/followthemoney';
import type { z } from 'zod';
import {
  badFtmDate,
  ftmCountries,
  ftmModel,
  ftmProperties,
  mapSchema,
  partialDate,
  slugId,
  type EdgeRule,
  type KindRule,
} from './ftm-mapping.js';
import type { ModelSink } from './model-sink.js';
import { memorySpool, type Spool } from './spool.js';

export interface FtmImportOptions {
  /** File name used in messages and in the citation of records that carry no provenance. */
  file?: string;
  /** The model the import merges into (entities matched by id, or by name and country). */
  existing?: Model;
  /** Where relations, sanctions and dependencies wait for the second pass (default: memory). */
  spool?: Spool<Pending>;
  /** Called every `progressEvery` lines with the lines and characters read so far. */
  onProgress?: (lines: number, chars: number) => void;
  progressEvery?: number;
  /** At most this many problems are kept (all are counted). */
  maxProblems?: number;
}

const DEFAULTS = { file: 'ftm.json', progressEvery: 10_000, maxProblems: 1000 };

/** One merge of an imported record into an element already in the model. */
export interface MergeNote {
  line: number;
  /** The id the element has in the input (FtM id, or the CSV id column). */
  inputId: string;
  name: string;
  into: string;
  by: 'id' | 'name+country' | 'referent';
}

/** What an import read, wrote, merged, skipped, and found wrong. */
export interface ImportReport {
  file: string;
  lines: number;
  /** Records (non-blank lines) read. */
  records: number;
  written: { sources: number; entities: number; relations: number; dependencies: number };
  merged: MergeNote[];
  /** Records of schemata tyl has no kind for, by schema, and references dropped because they pointed at them. */
  skipped: { schema: string; count: number; reason: string }[];
  droppedReferences: number;
  /** Lines with at least one error (their elements were not written). */
  invalidLines: number;
  errors: number;
  warnings: number;
  /** The first `maxProblems` problems, in line order. */
  problems: Problem[];
}

/** An element waiting for the second pass, with the references it makes. */
export interface Pending {
  line: number;
  what: 'relation' | 'entity' | 'dependency';
  raw: RawRelation | RawEntity | RawDependency;
  /** Each reference: the field (for messages), how the id is written (FtM id or tyl id). */
  refs: { field: string; id: string; as: 'ftm' | 'tyl' }[];
}

interface FtmRecord {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets?: string[];
  first_seen?: string;
  last_seen?: string;
  last_change?: string;
  /** OpenSanctions: whether the entity is itself a target (sanctioned, a PEP…), not only linked to one. */
  target?: boolean;
  referents?: string[];
  caption?: string;
  tyl?: Record<string, unknown>;
}

const NAME_PROPS = ['name', 'alias', 'weakAlias', 'previousName'];
const COUNTRY_PROPS = ['country', 'jurisdiction', 'mainCountry', 'nationality', 'citizenship', 'flag'];
const CONSUMED_ENTITY = new Set([...NAME_PROPS, 'description', 'proof']);
const CONSUMED_SANCTION = new Set(['authority', 'program', 'entity', 'description', 'proof']);

/**
 * Imports FtM entities line by line into `sink`; returns the report. Nothing is rolled back here:
 * the caller commits the sink only when the report has no errors (or chooses to skip them).
 * @example
 * const sink = memorySink();
 * const report = await importFtm(lines, sink, { file: 'entities.ftm.json' });
 */
export async function importFtm(
  lines: AsyncIterable<string> | Iterable<string>,
  sink: ModelSink,
  options: FtmImportOptions = {},
): Promise<ImportReport> {
  const opts = { ...DEFAULTS, ...options };
  const file = opts.file;
  const spool = opts.spool ?? memorySpool<Pending>();
  const existing = opts.existing;
  const countries = ftmCountries();
  const report: ImportReport = {
    file,
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
  const skipped = new Map<string, { count: number; reason: string }>();

  // Ids: what the model already holds, and what this import has written.
  const existingEntities = new Set(existing?.entities.map((e) => e.id));
  const existingRelations = new Set(existing?.relations.map((r) => r.id));
  const existingSources = new Set(existing?.sources.map((s) => s.id));
  const existingDeps = new Set(existing?.dependencies.map((d) => d.id));
  const byNameCountry = new Map<string, string>();
  for (const e of existing?.entities ?? [])
    for (const n of [e.name, ...e.aliases]) byNameCountry.set(`${normaliseName(n)}|${e.country ?? ''}`, e.id);
  /** tyl ids written, with the line of each (for duplicate messages). */
  const entityIds = new Map<string, number>();
  const relationIds = new Map<string, number>();
  const depIds = new Set<string>();
  const sourceIds = new Set<string>();
  /** tyl id -> FtM id, only where they differ (to tell a collision from a duplicate). */
  const slugOwner = new Map<string, string>();
  /** FtM id -> tyl id, only where it is not slugId(FtM id): merges, collisions, referents. */
  const byFtm = new Map<string, string>();
  /** Intended tyl id -> final tyl id, for merged entities referred to by tyl id (dependencies). */
  const byTyl = new Map<string, string>();
  const skippedIds = new Set<string>();

  let lineText = '';
  let lineNo = 0;
  let lineHasError = false;
  const problem = (
    severity: 'error' | 'warning',
    code: string,
    message: string,
    field?: string,
    needle?: string,
    line = lineNo,
  ) => {
    if (severity === 'error') {
      report.errors++;
      if (line === lineNo && !lineHasError) {
        lineHasError = true;
        report.invalidLines++;
      }
    } else report.warnings++;
    if (report.problems.length >= opts.maxProblems) return;
    const col = needle && line === lineNo ? lineText.indexOf(needle) : -1;
    report.problems.push({
      severity,
      code,
      message: field ? `${field}: ${message}` : message,
      at: { file, line, column: col >= 0 ? col + 1 : 1 },
      ...(field ? { path: field } : {}),
    });
  };

  const emitSource = (s: RawSource) => {
    if (sourceIds.has(s.id) || existingSources.has(s.id)) return;
    sourceIds.add(s.id);
    sink.source(s);
    report.written.sources++;
  };
  const fileSourceId = `ftm-${slugId(file.replace(/.*[\\/]/, '').replace(/\.(ftm\.)?jsonl?(\.gz)?$/i, ''))}`;

  /** Checks a record's shape and values; returns undefined when the line cannot be read at all. */
  const check = (json: unknown): { rec: FtmRecord; schema: Schema } | undefined => {
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      problem('error', 'ftm-record', 'expected a JSON object with "id", "schema" and "properties"');
      return undefined;
    }
    const o = json as Record<string, unknown>;
    if (typeof o.id !== 'string' || !o.id) {
      problem('error', 'ftm-record', 'missing "id" (a non-empty string)', 'id', '"id"');
      return undefined;
    }
    if (typeof o.schema !== 'string') {
      problem(
        'error',
        'ftm-record',
        'missing "schema" (an FtM schema name such as "Person")',
        'schema',
        '"schema"',
      );
      return undefined;
    }
    const schema = ftmModel().schemata[o.schema];
    if (!schema) {
      const hint = didYouMean(o.schema, Object.keys(ftmModel().schemata));
      problem(
        'error',
        'ftm-schema',
        `unknown FtM schema "${o.schema}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        'schema',
        `"${o.schema}"`,
      );
      return undefined;
    }
    const props = o.properties ?? {};
    if (typeof props !== 'object' || Array.isArray(props)) {
      problem(
        'error',
        'ftm-record',
        '"properties" must be an object of lists of strings',
        'properties',
        '"properties"',
      );
      return undefined;
    }
    const known = ftmProperties(schema);
    const properties: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(props as Record<string, unknown>)) {
      const prop = known.get(k);
      if (!prop) {
        const hint = didYouMean(k, known.keys());
        problem(
          'error',
          'ftm-property',
          `${o.schema} has no property "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
          `properties.${k}`,
          `"${k}"`,
        );
        continue;
      }
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        problem('error', 'ftm-property', 'expected a list of strings', `properties.${k}`, `"${k}"`);
        continue;
      }
      const type = prop.type.name;
      v.forEach((x: string, i) => {
        if (type === 'date') {
          const why = badFtmDate(x);
          if (why)
            problem(
              'error',
              'ftm-date',
              `"${x}" is ${why.startsWith('not') ? why : `not a date: ${why}`}`,
              `properties.${k}[${i}]`,
              JSON.stringify(x),
            );
        } else if (type === 'country' && !countries.has(x.toLowerCase())) {
          const hint = didYouMean(x.toLowerCase(), countries.keys());
          problem(
            'error',
            'ftm-country',
            `unknown country code "${x}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
            `properties.${k}[${i}]`,
            JSON.stringify(x),
          );
        }
      });
      properties[k] = v as string[];
    }
    for (const k of ['first_seen', 'last_seen', 'last_change'] as const) {
      const v = o[k];
      if (v === undefined) continue;
      const why = typeof v === 'string' ? badFtmDate(v) : 'not a string';
      if (why)
        problem(
          'error',
          'ftm-date',
          `${JSON.stringify(v)} is ${why.startsWith('not') ? why : `not a date: ${why}`}`,
          k,
          `"${k}"`,
        );
    }
    for (const k of ['datasets', 'referents'] as const)
      if (
        o[k] !== undefined &&
        (!Array.isArray(o[k]) || (o[k] as unknown[]).some((x) => typeof x !== 'string'))
      )
        problem('error', 'ftm-record', 'expected a list of strings', k, `"${k}"`);
    if (o.tyl !== undefined && (typeof o.tyl !== 'object' || o.tyl === null || Array.isArray(o.tyl)))
      problem('error', 'ftm-record', 'the "tyl" block must be an object', 'tyl', '"tyl"');
    return { rec: { ...(o as unknown as FtmRecord), properties }, schema };
  };

  const firstCountry = (p: Record<string, string[]>): string | undefined => {
    for (const k of COUNTRY_PROPS)
      for (const c of p[k] ?? [])
        if (/^[a-z]{2}$/i.test(c) && c.toLowerCase() !== 'zz' && countries.has(c.toLowerCase()))
          return c.toUpperCase();
    return undefined;
  };
  const temporal = (schema: Schema, p: Record<string, string[]>) => {
    const starts = schema.temporalStart
      .flatMap((k) => p[k] ?? [])
      .map(partialDate)
      .sort();
    const ends = schema.temporalEnd
      .flatMap((k) => p[k] ?? [])
      .map(partialDate)
      .sort();
    const valid: { from?: string; to?: string } = {};
    if (starts.length) valid.from = starts[0];
    if (ends.length) valid.to = ends[ends.length - 1];
    return valid.from || valid.to ? valid : undefined;
  };
  const leftover = (
    p: Record<string, string[]>,
    consumed: Set<string>,
  ): Record<string, string | string[]> => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(p))
      if (!consumed.has(k) && v.length) out[k] = v.length === 1 ? v[0] : [...v];
    return out;
  };
  /** Citations and provenance attributes of a record without a tyl block. */
  const provenance = (rec: FtmRecord, attrs: Record<string, unknown>): S.CitationT[] => {
    const cite: S.CitationT[] = [];
    attrs.ftm_schema = rec.schema;
    if (slugId(rec.id) !== rec.id) attrs.ftm_id = rec.id;
    if (rec.datasets?.length) attrs.datasets = [...rec.datasets];
    if (rec.first_seen) attrs.first_seen = rec.first_seen;
    if (rec.last_seen) attrs.last_seen = rec.last_seen;
    if (rec.last_change) attrs.last_change = rec.last_change;
    if (typeof rec.target === 'boolean') attrs.target = rec.target;
    if (rec.referents?.length) attrs.referents = [...rec.referents];
    for (const ds of rec.datasets ?? []) {
      const id = `opensanctions-${slugId(ds)}`;
      emitSource({
        id,
        title: `OpenSanctions dataset ${ds}`,
        publisher: 'OpenSanctions',
        url: `https://www.opensanctions.org/datasets/${ds}/`,
        kind: 'dataset',
      });
      cite.push({ source: id, section: rec.id, paragraph: 1 });
    }
    for (const doc of rec.properties.proof ?? [])
      cite.push({ source: byFtm.get(doc) ?? slugId(doc), section: 'document', paragraph: 1 });
    if (!cite.length) {
      emitSource({
        id: fileSourceId,
        title: `FollowTheMoney file ${file.replace(/.*[\\/]/, '')}`,
        file,
        kind: 'ftm',
      });
      cite.push({ source: fileSourceId, section: 'line', paragraph: lineNo });
    }
    return cite;
  };
  const applyBlock = (raw: Record<string, unknown>, tyl: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(tyl)) if (k !== 'dependencies') raw[k] = v;
  };
  /** Validates an element against the model schema; located errors on failure. */
  const valid = (schema: z.ZodType, raw: unknown, line: number): boolean => {
    const r = schema.safeParse(raw);
    if (r.success) return true;
    for (const issue of r.error.issues)
      problem(
        'error',
        'schema',
        issue.message,
        issue.path.map(String).join('.') || undefined,
        undefined,
        line,
      );
    return false;
  };

  /** Registers the tyl id of an entity record; returns it, or undefined when merged or duplicate. */
  const registerEntity = (
    rec: FtmRecord,
    id: string,
    names: string[],
    country: string | undefined,
  ): string | undefined => {
    const slug = slugId(rec.id);
    const merge = (into: string, by: MergeNote['by']) => {
      byFtm.set(rec.id, into);
      for (const r of rec.referents ?? []) if (!byFtm.has(r)) byFtm.set(r, into);
      if (id !== into) byTyl.set(id, into);
      report.merged.push({ line: lineNo, inputId: rec.id, name: names[0] ?? rec.id, into, by });
      return undefined;
    };
    if (existingEntities.has(id)) return merge(id, 'id');
    if (byNameCountry.size)
      for (const n of names) {
        const hit = byNameCountry.get(`${normaliseName(n)}|${country ?? ''}`);
        if (hit) return merge(hit, 'name+country');
      }
    if (entityIds.has(id)) {
      const owner = slugOwner.get(id) ?? id;
      if (owner === rec.id) {
        problem(
          'error',
          'duplicate-id',
          `duplicate FtM id "${rec.id}" (first on line ${entityIds.get(id) ?? '?'})`,
          'id',
          '"id"',
        );
        return undefined;
      }
      let k = 2;
      while (entityIds.has(`${id}-${k}`) || existingEntities.has(`${id}-${k}`)) k++;
      problem(
        'warning',
        'id-collision',
        `FtM ids "${owner}" and "${rec.id}" give the same tyl id "${id}"; this one becomes "${id}-${k}"`,
        'id',
        '"id"',
      );
      id = `${id}-${k}`;
    }
    entityIds.set(id, lineNo);
    if (id !== rec.id) slugOwner.set(id, rec.id);
    if (id !== slug) byFtm.set(rec.id, id);
    for (const r of rec.referents ?? []) if (r !== rec.id && !byFtm.has(r)) byFtm.set(r, id);
    return id;
  };

  const readEntity = (rec: FtmRecord, schema: Schema, rule: KindRule) => {
    const p = rec.properties;
    const tyl = rec.tyl;
    const isSanction = rule.kind === 'sanction';
    const names = [...new Set(NAME_PROPS.flatMap((k) => p[k] ?? []).filter((n) => n.trim()))];
    const name =
      names[0] ||
      (tyl?.name as string | undefined) ||
      rec.caption?.trim() ||
      (isSanction ? [p.authority?.[0], p.program?.[0]].filter(Boolean).join(': ') : '') ||
      rec.id;
    const country = firstCountry(p);
    const consumed = isSanction ? CONSUMED_SANCTION : CONSUMED_ENTITY;
    const attributes: Record<string, unknown> = leftover(
      p,
      p.country?.length === 1 && country === p.country[0].toUpperCase()
        ? new Set([...consumed, 'country'])
        : consumed,
    );
    const raw: Record<string, unknown> = {
      id: (tyl?.id as string | undefined) ?? slugId(rec.id),
      kind: rule.kind,
      name,
    };
    if (rule.type) raw.type = rule.type;
    const aliases = names.filter((n) => n !== name);
    if (aliases.length) raw.aliases = aliases;
    if (country) raw.country = country;
    if (p.description?.[0]) raw.description = p.description[0];
    if (isSanction) {
      if (p.authority?.[0]) raw.authority = p.authority[0];
      if (p.program?.[0]) raw.programme = p.program[0];
      const date = ['listingDate', 'startDate', 'date'].map((k) => p[k]?.[0]).find((d) => d);
      if (date && !tyl) raw.date = partialDate(date);
      if (p.entity?.length) raw.targets = [...p.entity];
    }
    if (tyl) {
      // Written by tyl: kind, type, evidence, valid time and attributes come from the block (the
      // FtM extents of nodes are birth, incorporation… not the period an element holds).
      delete raw.type;
      applyBlock(raw, tyl);
    } else {
      const v = temporal(schema, p);
      if (v) raw.valid = v;
      raw.cite = provenance(rec, attributes);
      if (Object.keys(attributes).length) raw.attributes = attributes;
    }
    // Fields mapped from checked FtM values are valid by construction; a tyl block is checked whole.
    if ((tyl && !valid(S.Entity, raw, lineNo)) || lineHasError) return;
    const e = raw as RawEntity;
    const id = registerEntity(rec, e.id, [e.name, ...(e.aliases ?? [])], e.country);
    if (id === undefined) return;
    e.id = id;
    const deps = (tyl?.dependencies as RawDependency[] | undefined) ?? [];
    for (const d of deps)
      spool.push({
        line: lineNo,
        what: 'dependency',
        raw: d,
        refs: [
          { field: 'tyl.dependencies.node', id: d.node, as: 'tyl' },
          ...(d.providers ?? []).map((pr) => ({
            field: 'tyl.dependencies.providers.provider',
            id: pr.provider,
            as: 'tyl' as const,
          })),
        ],
      });
    // Sanctions wait for their targets, and anything citing a source not seen yet for it.
    if (
      e.targets?.length ||
      e.cite?.some((c) => !sourceIds.has(c.source) && !existingSources.has(c.source))
    ) {
      spool.push({
        line: lineNo,
        what: 'entity',
        raw: e,
        refs: (e.targets ?? []).map((t) => ({ field: 'properties.entity', id: t, as: 'ftm' as const })),
      });
      return;
    }
    sink.entity(e);
    report.written.entities++;
  };

  const readRelation = (rec: FtmRecord, schema: Schema, rule: EdgeRule) => {
    const p = rec.properties;
    const edge = schema.edge!;
    const src = p[edge.source] ?? [];
    const tgt = p[edge.target] ?? [];
    if (!src.length)
      problem(
        'error',
        'ftm-edge',
        `the ${rec.schema} edge has no "${edge.source}" (its source)`,
        `properties.${edge.source}`,
        '"properties"',
      );
    if (!tgt.length)
      problem(
        'error',
        'ftm-edge',
        `the ${rec.schema} edge has no "${edge.target}" (its target)`,
        `properties.${edge.target}`,
        '"properties"',
      );
    if (src.length > 1 || tgt.length > 1)
      problem(
        'warning',
        'ftm-edge',
        `the ${rec.schema} edge has several values for "${edge.source}" or "${edge.target}"; the first of each is used`,
        'properties',
        '"properties"',
      );
    if (!src.length || !tgt.length) return;
    const [from, to] = rule.from === 'target' ? [tgt[0], src[0]] : [src[0], tgt[0]];
    const attributes: Record<string, unknown> = leftover(
      p,
      new Set([edge.source, edge.target, 'startDate', 'endDate', 'date', 'proof']),
    );
    const tyl = rec.tyl;
    const raw: Record<string, unknown> = {
      id: (tyl?.id as string | undefined) ?? slugId(rec.id),
      type: rule.type,
      from,
      to,
    };
    const v = temporal(schema, p);
    if (v) raw.valid = v;
    if (tyl) applyBlock(raw, tyl);
    else {
      raw.cite = provenance(rec, attributes);
      if (Object.keys(attributes).length) raw.attributes = attributes;
    }
    // Endpoints are FtM ids; they are checked once all entities are known.
    if ((tyl && !valid(S.Relation, { ...raw, from: 'x', to: 'x' }, lineNo)) || lineHasError) return;
    const r = raw as RawRelation;
    if (existingRelations.has(r.id!)) {
      report.merged.push({
        line: lineNo,
        inputId: rec.id,
        name: `${rec.schema} ${from} → ${to}`,
        into: r.id!,
        by: 'id',
      });
      return;
    }
    if (relationIds.has(r.id!)) {
      problem(
        'error',
        'duplicate-id',
        `duplicate FtM id "${rec.id}" (first on line ${relationIds.get(r.id!) ?? '?'})`,
        'id',
        '"id"',
      );
      return;
    }
    relationIds.set(r.id!, lineNo);
    spool.push({
      line: lineNo,
      what: 'relation',
      raw: r,
      refs: [
        { field: `properties.${rule.from === 'target' ? edge.target : edge.source}`, id: from, as: 'ftm' },
        { field: `properties.${rule.from === 'target' ? edge.source : edge.target}`, id: to, as: 'ftm' },
      ],
    });
  };

  const readSource = (rec: FtmRecord) => {
    const p = rec.properties;
    const raw: Record<string, unknown> = {
      id: slugId(rec.id),
      title: p.title?.[0] ?? p.name?.[0] ?? p.fileName?.[0] ?? rec.caption ?? rec.id,
    };
    if (p.author?.length) raw.author = p.author.length === 1 ? p.author[0] : [...p.author];
    if (p.publisher?.[0]) raw.publisher = p.publisher[0];
    const date = ['publishedAt', 'date', 'authoredAt'].map((k) => p[k]?.[0]).find((d) => d);
    if (date) raw.date = partialDate(date);
    if (p.sourceUrl?.[0]) raw.url = p.sourceUrl[0];
    if (rec.tyl) Object.assign(raw, rec.tyl);
    if (!valid(S.Source, raw, lineNo) || lineHasError) return;
    const s = raw as RawSource;
    if (s.id !== slugId(rec.id)) byFtm.set(rec.id, s.id);
    if (existingSources.has(s.id)) {
      report.merged.push({ line: lineNo, inputId: rec.id, name: s.title, into: s.id, by: 'id' });
      return;
    }
    if (sourceIds.has(s.id)) {
      problem('error', 'duplicate-id', `duplicate source id "${s.id}"`, 'id', '"id"');
      return;
    }
    emitSource(s);
  };

  // Pass 1: read every line.
  let chars = 0;
  for await (const text of lines) {
    lineNo++;
    chars += text.length + 1;
    if (opts.onProgress && lineNo % opts.progressEvery === 0) opts.onProgress(lineNo, chars);
    if (!text.trim()) continue;
    report.records++;
    lineText = text;
    lineHasError = false;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      problem('error', 'ftm-json', `not valid JSON (${(e as Error).message.replace(/^.*?: /, '')})`);
      if (m) report.problems[report.problems.length - 1].at!.column = Number(m[1]) + 1;
      continue;
    }
    const checked = check(json);
    if (!checked || lineHasError) continue;
    const { rec, schema } = checked;
    const mapping = mapSchema(schema);
    if (mapping.as === 'skip') {
      const s = skipped.get(rec.schema) ?? { count: 0, reason: mapping.reason };
      s.count++;
      skipped.set(rec.schema, s);
      skippedIds.add(rec.id);
    } else if (mapping.as === 'source') readSource(rec);
    else if (mapping.as === 'relation') readRelation(rec, schema, mapping.rule);
    else readEntity(rec, schema, mapping.rule);
  }
  report.lines = lineNo;
  opts.onProgress?.(lineNo, chars);

  // Pass 2: resolve references and write what waited.
  const resolve = (id: string, as: 'ftm' | 'tyl'): string | undefined | null => {
    if (as === 'tyl') {
      const t = byTyl.get(id) ?? id;
      return entityIds.has(t) || existingEntities.has(t) ? t : undefined;
    }
    const mapped = byFtm.get(id);
    if (mapped) return mapped;
    const slug = slugId(id);
    if (entityIds.has(slug) && (slugOwner.get(slug) ?? slug) === id) return slug;
    if (existingEntities.has(id)) return id;
    if (skippedIds.has(id)) return null;
    return undefined;
  };
  const citesOk = (raw: { cite?: S.CitationT[] }, line: number) => {
    let ok = true;
    for (const c of raw.cite ?? [])
      if (!sourceIds.has(c.source) && !existingSources.has(c.source)) {
        problem('error', 'unknown-reference', `cites unknown source "${c.source}"`, 'cite', undefined, line);
        ok = false;
      }
    return ok;
  };
  for await (const item of spool.drain()) {
    lineNo = -1; // problems below are located at the item's own line
    let ok = true;
    let dropped = false;
    const resolved: string[] = [];
    for (const ref of item.refs) {
      const r = resolve(ref.id, ref.as);
      if (r === null) {
        dropped = true;
        resolved.push('');
      } else if (r === undefined) {
        // Suggestions cost a scan of every id: only for small imports.
        const hint = entityIds.size <= 5000 ? didYouMean(ref.id, entityIds.keys()) : undefined;
        problem(
          'error',
          'unknown-reference',
          `unknown entity "${ref.id}" (not in the file nor in the model)${hint ? ` (did you mean "${hint}"?)` : ''}`,
          ref.field,
          undefined,
          item.line,
        );
        ok = false;
        resolved.push('');
      } else resolved.push(r);
    }
    if (!citesOk(item.raw as { cite?: S.CitationT[] }, item.line)) ok = false;
    if (!ok) {
      report.invalidLines++;
      continue;
    }
    if (item.what === 'relation') {
      if (dropped) {
        report.droppedReferences++;
        continue;
      }
      const r = item.raw as RawRelation;
      r.from = resolved[0];
      r.to = resolved[1];
      sink.relation(r);
      report.written.relations++;
    } else if (item.what === 'entity') {
      const e = item.raw as RawEntity;
      e.targets = resolved.filter(Boolean);
      if (dropped) report.droppedReferences += item.refs.length - e.targets.length;
      if (!e.targets.length) delete e.targets;
      sink.entity(e);
      report.written.entities++;
    } else {
      const d = item.raw as RawDependency;
      if (dropped) {
        report.droppedReferences++;
        continue;
      }
      if (!valid(S.Dependency, d, item.line)) continue;
      if (existingDeps.has(d.id)) {
        report.merged.push({ line: item.line, inputId: d.id, name: d.input, into: d.id, by: 'id' });
        continue;
      }
      if (depIds.has(d.id)) {
        problem(
          'error',
          'duplicate-id',
          `duplicate dependency id "${d.id}"`,
          'tyl.dependencies',
          undefined,
          item.line,
        );
        continue;
      }
      depIds.add(d.id);
      d.node = resolved[0];
      d.providers.forEach((p, i) => (p.provider = resolved[i + 1]));
      sink.dependency(d);
      report.written.dependencies++;
    }
  }
  report.skipped = [...skipped].map(([schema, s]) => ({ schema, ...s })).sort((a, b) => b.count - a.count);
  if (report.droppedReferences) {
    report.warnings++;
    report.problems.push({
      severity: 'warning',
      code: 'dropped-reference',
      message: `${report.droppedReferences} relation(s) or sanction target(s) pointed at records of skipped schemata and were left out`,
    });
  }
  report.problems.sort((a, b) => (a.at?.line ?? Infinity) - (b.at?.line ?? Infinity));
  return report;
}
