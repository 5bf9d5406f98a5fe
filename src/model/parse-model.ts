// Parses the YAML files of a model into a normalised `Model`, collecting every problem at once
// (syntax, schema, references, duplicates, dates, units) with its file:line:column. Pure: the
// caller reads the files (see src/store/read-model.ts).
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import * as S from './schema.js';
import { didYouMean, type Problem } from './problem.js';
import { unitInfo, UNITS, type Dimension } from './units.js';
import { dateStart, dateEnd } from './dates.js';
import type {
  At,
  Dependency,
  Entity,
  Evidence,
  Model,
  ModelMeta,
  Provider,
  Quantity,
  Relation,
  Source,
  AttributeValue,
} from './types.js';

export interface ModelFileText {
  /** Path as it should appear in messages. */
  path: string;
  text: string;
}

export interface ParseResult {
  /** The model, present only when there is no error (never partially loaded). */
  model?: Model;
  problems: Problem[];
}

type Path = (string | number)[];

interface FileCtx {
  path: string;
  doc: Document.Parsed;
  lc: LineCounter;
}

function locate(ctx: FileCtx, path: Path, key = false): At {
  let node: unknown = ctx.doc.contents;
  let offset = 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
      if (!pair) break;
      node = pair.value;
      const k = pair.key as YamlNode;
      offset = k.range?.[0] ?? offset;
      if (node && (node as YamlNode).range) offset = (node as YamlNode).range![0];
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) break;
      node = item;
      if ((item as YamlNode).range) offset = (item as YamlNode).range![0];
    } else break;
  }
  if (key && isMap(node)) {
    const first = node.items[0];
    if (isPair(first) && (first.key as YamlNode)?.range) offset = (first.key as YamlNode).range![0];
  }
  if (!path.length && (ctx.doc.contents as YamlNode | null)?.range) offset = (ctx.doc.contents as YamlNode).range![0];
  const pos = ctx.lc.linePos(offset);
  return { file: ctx.path, line: pos.line, column: pos.col };
}

function locateKey(ctx: FileCtx, path: Path, key: string): At {
  const parent = ctx.doc.getIn(path, true) as unknown;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
    const r = (pair?.key as YamlNode | undefined)?.range;
    if (r) {
      const pos = ctx.lc.linePos(r[0]);
      return { file: ctx.path, line: pos.line, column: pos.col };
    }
  }
  return locate(ctx, path);
}

function pathString(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

const KNOWN_KEYS: Record<string, readonly string[]> = {
  file: Object.keys(S.ModelFile.shape),
  entities: Object.keys(S.Entity.shape),
  relations: Object.keys(S.Relation.shape),
  dependencies: Object.keys(S.Dependency.shape),
  providers: Object.keys(S.Provider.shape),
  sources: Object.keys(S.Source.shape),
  cite: Object.keys(S.Citation.shape),
  quantity: Object.keys(S.QuantityObject.shape),
};

function zodProblems(ctx: FileCtx, base: Path, error: z.ZodError, section: string): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = [...base, ...(issue.path as Path)];
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) {
        const last = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
        const pool =
          last === 'providers' || (typeof path[path.length - 2] === 'string' && path[path.length - 2] === 'providers')
            ? KNOWN_KEYS.providers
            : last === 'cite' || path[path.length - 2] === 'cite'
              ? KNOWN_KEYS.cite
              : (KNOWN_KEYS[section] ?? KNOWN_KEYS.file);
        const hint = didYouMean(k, pool);
        out.push({
          severity: 'error',
          code: 'unknown-field',
          message: `unknown field "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
          at: locateKey(ctx, path, k),
          path: pathString([...path, k]),
        });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === 'invalid_value' && 'values' in issue) {
      const got = ctx.doc.getIn(path) as unknown;
      const values = (issue.values as unknown[]).map(String);
      const hint = typeof got === 'string' ? didYouMean(got, values) : undefined;
      message = `expected one of ${values.length > 12 ? values.slice(0, 12).join(', ') + ', …' : values.join(', ')}; got ${JSON.stringify(got)}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    } else if (issue.code === 'invalid_type') {
      const got = ctx.doc.getIn(path) as unknown;
      message =
        got === undefined ? `missing required field "${String(path[path.length - 1])}"` : `expected ${issue.expected}, got ${JSON.stringify(got)}`;
    } else if (issue.code === 'invalid_union') {
      const got = ctx.doc.getIn(path) as unknown;
      message = `expected ${describeUnion(path)}; got ${JSON.stringify(got)}`;
    }
    const missing = issue.code === 'invalid_type' && ctx.doc.getIn(path) === undefined;
    out.push({
      severity: 'error',
      code: 'schema',
      message,
      at: missing ? locate(ctx, path.slice(0, -1), true) : locate(ctx, path),
      path: pathString(path),
    });
  }
  return out;
}

function describeUnion(path: Path): string {
  const last = String(path[path.length - 1]);
  if (['share', 'quality', 'cost', 'lead_time', 'criticality', 'buffer', 'bom', 'capacity'].includes(last))
    return 'a number or a quantity object ({ value | min/max | dist, unit })';
  if (last === 'confidence') return 'low, moderate, high or an Admiralty code such as B2';
  if (last === 'from' || last === 'to' || last === 'date') return 'a date as YYYY, YYYY-MM or YYYY-MM-DD';
  return 'a valid value';
}

const EXPECTED_DIM: Record<string, Dimension> = {
  share: 'fraction',
  quality: 'fraction',
  criticality: 'fraction',
  lead_time: 'time',
  buffer: 'time',
  cost: 'factor',
};

interface QCtx {
  ctx: FileCtx;
  path: Path;
  problems: Problem[];
  field: string;
  parent: Evidence;
}

function normEvidence(raw: {
  cite?: S.CitationT[];
  confidence?: S.ConfidenceT;
  valid?: S.ValidT;
  estimate?: boolean;
  note?: string;
}): Evidence {
  const e: Evidence = { cite: raw.cite ?? [], estimate: raw.estimate ?? false };
  if (raw.confidence !== undefined) e.confidence = raw.confidence;
  if (raw.valid !== undefined) e.valid = raw.valid;
  if (raw.note !== undefined) e.note = raw.note;
  return e;
}

function normQuantity(raw: S.RawQuantity, q: QCtx, fallback?: number): Quantity {
  const at = locate(q.ctx, q.path);
  const err = (code: string, message: string) =>
    q.problems.push({ severity: 'error', code, message, at, path: pathString(q.path) });
  const obj = typeof raw === 'number' ? { value: raw } : raw;
  const ev = typeof raw === 'number' ? { cite: [], estimate: q.parent.estimate } : normEvidence(obj);
  if (typeof raw !== 'number' && raw.estimate === undefined) ev.estimate = q.parent.estimate;
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
  const expected = EXPECTED_DIM[q.field];
  if (obj.unit !== undefined) {
    const info = unitInfo(obj.unit);
    if (!info) {
      const hint = didYouMean(obj.unit, UNITS.keys());
      err('unknown-unit', `unknown unit "${obj.unit}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
    } else {
      if (expected && info.dimension !== expected && !(expected === 'factor' && info.dimension === 'fraction'))
        err(
          'unit-mismatch',
          `"${q.field}" is a ${expected} quantity but its unit "${obj.unit}" measures ${info.dimension}`,
        );
      factor = info.factor;
      unit = info.canonical;
      dimension = info.dimension;
    }
  } else if (expected) {
    dimension = expected;
    unit = expected === 'time' ? 'days' : expected === 'fraction' ? 'fraction' : 'factor';
  }
  const f = (v: number | undefined) => (v === undefined ? undefined : v * factor);
  let nominal = 0;
  let min = 0;
  let max = 0;
  const mode = f(obj.mode);
  const median = f(obj.median);
  switch (dist) {
    case 'point':
      if (obj.value === undefined && fallback === undefined) err('quantity', 'a point quantity needs "value"');
      nominal = min = max = f(obj.value) ?? fallback ?? 0;
      break;
    case 'range':
    case 'uniform':
      if (obj.min === undefined || obj.max === undefined) err('quantity', `a ${dist} needs "min" and "max"`);
      min = f(obj.min) ?? 0;
      max = f(obj.max) ?? min;
      nominal = f(obj.value) ?? (min + max) / 2;
      break;
    case 'triangular':
    case 'pert':
      if (obj.min === undefined || obj.max === undefined || obj.mode === undefined)
        err('quantity', `a ${dist} distribution needs "min", "mode" and "max"`);
      min = f(obj.min) ?? 0;
      max = f(obj.max) ?? min;
      nominal = mode ?? (min + max) / 2;
      if (mode !== undefined && (mode < min || mode > max))
        err('range', `mode ${obj.mode} lies outside min ${obj.min} .. max ${obj.max}`);
      break;
    case 'lognormal': {
      if (obj.median === undefined || obj.sigma === undefined)
        err('quantity', 'a lognormal distribution needs "median" and "sigma" (of the log)');
      if (obj.median !== undefined && obj.median <= 0) err('range', 'a lognormal median must be positive');
      if (obj.sigma !== undefined && obj.sigma <= 0) err('range', 'a lognormal sigma must be positive');
      nominal = median ?? 1;
      const s = obj.sigma ?? 0;
      // 1st..99th percentile as the practical bounds.
      min = nominal * Math.exp(-2.326 * s);
      max = nominal * Math.exp(2.326 * s);
      break;
    }
  }
  if (min > max) err('range', `min ${obj.min} is greater than max ${obj.max}`);
  if (expected === 'fraction' && (min < 0 || max > 1 + 1e-12))
    err('range', `"${q.field}" must lie in 0..1 (a fraction of the need), got ${min === max ? min : `${min}..${max}`}`);
  if ((expected === 'time' || expected === 'factor') && min < 0)
    err('range', `"${q.field}" cannot be negative, got ${min}`);
  const out: Quantity = { ...ev, dist, nominal, min, max, at };
  if (mode !== undefined) out.mode = mode;
  if (median !== undefined) out.median = median;
  if (obj.sigma !== undefined) out.sigma = obj.sigma;
  if (unit !== undefined) out.unit = unit;
  if (obj.unit !== undefined) out.givenUnit = obj.unit;
  if (dimension !== undefined) out.dimension = dimension;
  checkValid(out, q.ctx, q.path, q.problems);
  return out;
}

function checkValid(e: Evidence, ctx: FileCtx, path: Path, problems: Problem[]): void {
  const v = e.valid;
  if (v?.from && v?.to && dateStart(v.from) > dateEnd(v.to))
    problems.push({
      severity: 'error',
      code: 'date-order',
      message: `valid.from ${v.from} is after valid.to ${v.to}`,
      at: locate(ctx, [...path, 'valid', 'from']),
      path: pathString([...path, 'valid']),
    });
}

function normAttrs(
  raw: Record<string, unknown> | undefined,
  ctx: FileCtx,
  path: Path,
  problems: Problem[],
  parent: Evidence,
  key: string,
): Record<string, AttributeValue> & Record<string, Quantity> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (typeof v === 'number' || (v && typeof v === 'object' && !Array.isArray(v)))
      out[k] = normQuantity(v as S.RawQuantity, { ctx, path: [...path, key, k], problems, field: k, parent });
    else out[k] = v as AttributeValue;
  }
  return out as Record<string, AttributeValue> & Record<string, Quantity>;
}

/** Parses and validates model files; returns the model only when there is no error. */
export function parseModel(files: ModelFileText[]): ParseResult {
  const problems: Problem[] = [];
  const sources: Source[] = [];
  const entities: Entity[] = [];
  const relations: Relation[] = [];
  const dependencies: Dependency[] = [];
  let meta: ModelMeta | undefined;
  // Where each parsed element lives, for reference checks.
  const refs: { ctx: FileCtx; path: Path; id: string; what: 'entity' | 'source' }[] = [];

  for (const file of files) {
    const lc = new LineCounter();
    const doc = parseDocument(file.text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    const ctx: FileCtx = { path: file.path, doc, lc };
    for (const e of doc.errors) {
      const pos = lc.linePos(e.pos[0]);
      problems.push({
        severity: 'error',
        code: 'yaml-syntax',
        message: e.message.split('\n')[0],
        at: { file: file.path, line: pos.line, column: pos.col },
      });
    }
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      problems.push({ severity: 'error', code: 'yaml-syntax', message: (e as Error).message, at: locate(ctx, []) });
      continue;
    }
    if (js === null || js === undefined) continue;
    if (typeof js !== 'object' || Array.isArray(js)) {
      problems.push({
        severity: 'error',
        code: 'schema',
        message: 'a model file is a mapping with any of: model, sources, entities, relations, dependencies',
        at: locate(ctx, []),
      });
      continue;
    }
    const top = js as Record<string, unknown>;
    for (const k of Object.keys(top))
      if (!KNOWN_KEYS.file.includes(k)) {
        const hint = didYouMean(k, KNOWN_KEYS.file);
        problems.push({
          severity: 'error',
          code: 'unknown-field',
          message: `unknown section "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; a model file holds ${KNOWN_KEYS.file.join(', ')}`,
          at: locateKey(ctx, [], k),
          path: k,
        });
      }
    if (top.model !== undefined) {
      const r = S.ModelMeta.safeParse(top.model);
      if (!r.success) problems.push(...zodProblems(ctx, ['model'], r.error, 'model'));
      else meta = r.data as ModelMeta;
    }
    const section = <T extends z.ZodType>(name: string, schema: T, each: (v: z.infer<T>, path: Path) => void) => {
      const list = top[name];
      if (list === undefined || list === null) return;
      if (!Array.isArray(list)) {
        problems.push({ severity: 'error', code: 'schema', message: `"${name}" must be a list`, at: locate(ctx, [name]), path: name });
        return;
      }
      list.forEach((item, i) => {
        const r = schema.safeParse(item);
        if (!r.success) problems.push(...zodProblems(ctx, [name, i], r.error, name));
        else each(r.data, [name, i]);
      });
    };
    section('sources', S.Source, (s, path) => {
      sources.push({ ...s, at: locate(ctx, path) });
      refs.push({ ctx, path, id: s.id, what: 'source' });
    });
    section('entities', S.Entity, (e, path) => {
      const ev = normEvidence(e);
      const ent: Entity = {
        ...ev,
        id: e.id,
        kind: e.kind,
        name: e.name,
        aliases: e.aliases ?? [],
        tags: e.tags ?? [],
        attributes: normAttrs(e.attributes, ctx, path, problems, ev, 'attributes'),
        quantities: normAttrs(e.quantities, ctx, path, problems, ev, 'quantities'),
        at: locate(ctx, path),
      };
      for (const k of ['type', 'country', 'location', 'description', 'date', 'authority', 'programme', 'targets'] as const)
        if (e[k] !== undefined) (ent as unknown as Record<string, unknown>)[k] = e[k];
      if (e.date && !ent.valid?.from) ent.valid = { ...ent.valid, from: e.date };
      if (e.flow) {
        ent.flow = {};
        for (const [k, v] of Object.entries(e.flow))
          if (v !== undefined)
            ent.flow[k as 'capacity'] = normQuantity(v, { ctx, path: [...path, 'flow', k], problems, field: k, parent: ev });
      }
      checkValid(ent, ctx, path, problems);
      entities.push(ent);
    });
    section('relations', S.Relation, (r, path) => {
      const ev = normEvidence(r);
      const rel: Relation = {
        ...ev,
        id: r.id ?? '',
        type: r.type,
        from: r.from,
        to: r.to,
        attributes: normAttrs(r.attributes, ctx, path, problems, ev, 'attributes'),
        quantities: normAttrs(r.quantities, ctx, path, problems, ev, 'quantities'),
        at: locate(ctx, path),
      };
      checkValid(rel, ctx, path, problems);
      relations.push(rel);
    });
    section('dependencies', S.Dependency, (d, path) => {
      const ev = normEvidence(d);
      const q = (v: S.RawQuantity | undefined, field: string, def: number, p: Path, parent: Evidence) =>
        v === undefined
          ? { cite: [], estimate: parent.estimate, dist: 'point' as const, nominal: def, min: def, max: def }
          : normQuantity(v, { ctx, path: [...p, field], problems, field, parent });
      const providers: Provider[] = d.providers.map((p, j) => {
        const pp = [...path, 'providers', j];
        const pev = normEvidence(p);
        if (p.estimate === undefined) pev.estimate = ev.estimate;
        const prov: Provider = {
          ...pev,
          provider: p.provider,
          share: q(p.share, 'share', 1, pp, pev),
          quality: q(p.quality, 'quality', 1, pp, pev),
          cost: q(p.cost, 'cost', 1, pp, pev),
          leadTime: q(p.lead_time, 'lead_time', 0, pp, pev),
          at: locate(ctx, pp),
        };
        if (p.capacity !== undefined) prov.capacity = q(p.capacity, 'capacity', 0, pp, pev);
        checkValid(prov, ctx, pp, problems);
        return prov;
      });
      const dep: Dependency = {
        ...ev,
        id: d.id,
        node: d.node,
        input: d.input,
        criticality: q(d.criticality, 'criticality', 1, path, ev),
        buffer: q(d.buffer, 'buffer', 0, path, ev),
        providers,
        at: locate(ctx, path),
      };
      if (d.bom !== undefined) dep.bom = q(d.bom, 'bom', 1, path, ev);
      checkValid(dep, ctx, path, problems);
      dependencies.push(dep);
    });
  }

  // Duplicate ids.
  const dup = (what: string, list: { id: string; at?: At }[]) => {
    const seen = new Map<string, At | undefined>();
    for (const x of list) {
      if (!x.id) continue;
      const first = seen.get(x.id);
      if (seen.has(x.id))
        problems.push({
          severity: 'error',
          code: 'duplicate-id',
          message: `duplicate ${what} id "${x.id}"${first ? ` (first defined at ${first.file}:${first.line}:${first.column})` : ''}`,
          at: x.at,
        });
      else seen.set(x.id, x.at);
    }
  };
  dup('source', sources);
  dup('entity', entities);
  dup('dependency', dependencies);
  dup('relation', relations.filter((r) => r.id));

  // References.
  const entityIds = new Set(entities.map((e) => e.id));
  const sourceIds = new Set(sources.map((s) => s.id));
  const unknownRef = (id: string, pool: Set<string>, what: string, at: At | undefined, path?: string) => {
    if (pool.has(id)) return;
    const hint = didYouMean(id, pool);
    problems.push({
      severity: 'error',
      code: 'unknown-reference',
      message: `unknown ${what} "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      at,
      path,
    });
  };
  const checkCites = (e: Evidence) => {
    for (const c of e.cite) unknownRef(c.source, sourceIds, 'source', e.at);
  };
  const fieldAt = (base: At | undefined, file: FileCtx | undefined, path: Path) => (file ? locate(file, path) : base);
  // Re-find file contexts by path for precise field locations.
  const ctxByFile = new Map<string, FileCtx>();
  for (const r of refs) ctxByFile.set(r.ctx.path, r.ctx);
  void fieldAt;
  for (const e of entities) {
    checkCites(e);
    for (const q of Object.values(e.quantities)) checkCites(q);
    for (const t of e.targets ?? []) unknownRef(t, entityIds, 'entity', e.at);
  }
  for (const r of relations) {
    checkCites(r);
    unknownRef(r.from, entityIds, 'entity', r.at, 'from');
    unknownRef(r.to, entityIds, 'entity', r.at, 'to');
  }
  for (const d of dependencies) {
    checkCites(d);
    unknownRef(d.node, entityIds, 'entity', d.at, 'node');
    for (const p of d.providers) {
      checkCites(p);
      unknownRef(p.provider, entityIds, 'entity', p.at, 'provider');
    }
  }
  // Relation ids: generated from endpoints and type when not given, made unique.
  const used = new Set(relations.map((r) => r.id).filter(Boolean));
  for (const r of relations) {
    if (r.id) continue;
    const base = `${r.from}--${r.type}--${r.to}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    r.id = id;
  }

  const errors = problems.filter((p) => p.severity === 'error');
  problems.sort((a, b) =>
    (a.at?.file ?? '').localeCompare(b.at?.file ?? '') || (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.column ?? 0) - (b.at?.column ?? 0),
  );
  if (errors.length) return { problems };
  if (!meta) {
    const first = files[0]?.path ?? 'model';
    meta = { id: first.replace(/.*\//, '').replace(/\.ya?ml$/, '') || 'model', title: 'Untitled model' };
  }
  return { model: { meta, sources, entities, relations, dependencies }, problems };
}
