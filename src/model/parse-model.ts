// Parses the YAML files of a model into a normalised `Model`, reporting every problem at once like a
// compiler: YAML syntax, schema violations and unknown fields, unknown references, duplicate ids,
// bad dates and ranges, unknown units and unit mismatches, citations to unknown sources. Each
// problem is located at the exact field (file:line:column). Pure: the caller reads the files (see
// src/store/read-model.ts).
//
// Cascades are avoided: an element whose YAML is damaged is skipped but its id still counts as
// defined; an element that fails the schema still has its well-formed parts (providers, quantities,
// references, citations) checked; and the model is returned only when there is no error at all.
import { LineCounter, parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import * as S from './schema.js';
import { didYouMean, type Problem } from './problem.js';
import { schemaProblems } from './schema-problems.js';
import { normaliseName } from './normalise-name.js';
import { locate, locateKey, nodeAt, pathString, spans, type YamlFile, type YamlPath } from './yaml-locate.js';
import {
  fit,
  isRec,
  normaliseEvidence,
  queueRef,
  report,
  type Rec,
  type Sink,
  type Where,
} from './normalise-evidence.js';
import { EXPECTED_DIMENSION, normaliseQuantity } from './normalise-quantity.js';
import type {
  At,
  AttributeValue,
  Dependency,
  Entity,
  Evidence,
  Model,
  ModelMeta,
  Provider,
  Quantity,
  Relation,
  Source,
} from './types.js';

export interface ModelFileText {
  /** Path as it should appear in messages. */
  path: string;
  text: string;
}

export interface ParseResult {
  /** The model, present only when there is no error (never partially loaded). */
  model?: Model;
  /** Errors and warnings, sorted by file, line and column. */
  problems: Problem[];
}

/** The sections of a source document and how many paragraphs each has (slug -> count). */
export interface DocumentOutline {
  sections: Record<string, number>;
}

export interface ParseOptions {
  /**
   * The outline of a source's document, when the caller can read it (the loader itself does no
   * I/O). Citations to that source are then checked: the section must exist and the paragraph be
   * within it. Return undefined when the document is not available.
   */
  outline?: (source: S.RawSource) => DocumentOutline | undefined;
  /** Warn about entities, relations and dependencies that cite nothing and are not estimates. */
  warnUncited?: boolean;
  /** Warn about sources nothing cites. */
  warnUnusedSources?: boolean;
}

type Settings = Required<Omit<ParseOptions, 'outline'>> & Pick<ParseOptions, 'outline'>;
const DEFAULTS: Settings = { warnUncited: true, warnUnusedSources: true };

/** The list sections of a model file and the schema of one element of each. */
const SECTIONS = {
  sources: S.Source,
  entities: S.Entity,
  relations: S.Relation,
  dependencies: S.Dependency,
} as const;
type SectionName = keyof typeof SECTIONS;

const SECTION_NAMES = Object.keys(S.ModelFile.shape);
const NOUN: Record<SectionName, string> = {
  sources: 'source',
  entities: 'entity',
  relations: 'relation',
  dependencies: 'dependency',
};

/** Hints added to the YAML parser's messages for the commonest slips. */
const YAML_HINTS: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY: 'check the indentation: the keys of one mapping must line up',
  BAD_INDENT: 'check the indentation',
  MISSING_CHAR: 'the value starting here is never closed',
  TAB_AS_INDENT: 'indent with spaces',
  MULTILINE_IMPLICIT_KEY: 'check the indentation, or quote a value that contains ": "',
  DUPLICATE_KEY: 'a field may appear once per mapping',
};

/** How many unknown references get a "did you mean" (each scans every id). */
const SUGGESTION_BUDGET = 200;

interface Definition {
  id: string;
  at: At;
  path: string;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

class Reader {
  readonly sink: Sink = { problems: [], refs: [], anchors: [] };
  readonly defs: Record<SectionName, Definition[]> = {
    sources: [],
    entities: [],
    relations: [],
    dependencies: [],
  };
  readonly sources: Source[] = [];
  readonly entities: Entity[] = [];
  readonly relations: Relation[] = [];
  readonly dependencies: Dependency[] = [];
  /** Normalised entity names and aliases -> id, for suggestions. */
  readonly names = new Map<string, string>();
  meta?: ModelMeta;
  metaAt?: At;

  constructor(readonly options: Settings) {}

  error(file: YamlFile, path: YamlPath, code: string, message: string) {
    report(this.sink, file, path, code, message);
  }

  warn(file: YamlFile, path: YamlPath, code: string, message: string) {
    report(this.sink, file, path, code, message, 'warning');
  }

  readFile(text: string, filePath: string) {
    const lc = new LineCounter();
    const parsed = parseAllDocuments(text, {
      lineCounter: lc,
      prettyErrors: false,
      uniqueKeys: true,
      logLevel: 'error',
    });
    // A file may hold several YAML documents separated by `---`; each is read like a file of its own.
    for (const doc of parsed) this.readDocument(text, { path: filePath, doc, lc });
  }

  readDocument(text: string, file: YamlFile) {
    const { doc, lc, path: filePath } = file;
    const position = (offset: number): At => {
      const p = lc.linePos(offset);
      return { file: filePath, line: p.line, column: p.col };
    };
    const reported = new Set<number>();
    for (const e of doc.errors) {
      let offset = e.pos[0];
      // An unclosed quote runs to the end of the file; point at where it opens instead.
      const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(e.message)?.[1] : undefined;
      if (quote) offset = Math.max(0, text.lastIndexOf(quote, Math.min(offset, text.length) - 1));
      // One mistake often trips several parser rules at the same spot: report it once.
      if (reported.has(offset)) continue;
      reported.add(offset);
      const hint = YAML_HINTS[e.code];
      this.sink.problems.push({
        severity: 'error',
        code: 'yaml-syntax',
        message:
          e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') + (hint ? ` (${hint})` : ''),
        at: position(offset),
      });
    }
    for (const w of doc.warnings)
      this.sink.problems.push({
        severity: 'warning',
        code: 'yaml',
        message: w.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
        at: position(w.pos[0]),
      });
    // Elements whose text holds a syntax error are not checked further (their content is guesswork).
    const damage = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => e.pos[0]);
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      this.sink.problems.push({
        severity: 'error',
        code: 'yaml-syntax',
        message: (e as Error).message.split('\n')[0],
        at: locate(file, []),
      });
      return;
    }
    if (js === null || js === undefined) return;
    if (!isRec(js)) {
      this.error(
        file,
        [],
        'schema',
        `a model file is a mapping with any of the sections ${SECTION_NAMES.join(', ')}; got ${Array.isArray(js) ? 'a list' : 'a single value'}`,
      );
      return;
    }
    for (const k of Object.keys(js))
      if (!SECTION_NAMES.includes(k)) {
        const hint = didYouMean(k, SECTION_NAMES);
        this.sink.problems.push({
          severity: 'error',
          code: 'unknown-field',
          message: `unknown section "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; a model file holds ${SECTION_NAMES.join(', ')}`,
          at: locateKey(file, [], k),
          path: k,
        });
      }
    if (js.model !== undefined && js.model !== null && !spans(file, ['model'], damage))
      this.readMeta(file, js.model);
    for (const name of Object.keys(SECTIONS) as SectionName[]) {
      const list = js[name];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) {
        this.error(
          file,
          [name],
          'schema',
          `"${name}" must be a list (each item starting with "- "); got ${typeof list}`,
        );
        continue;
      }
      list.forEach((item: unknown, i) => this.readElement(file, name, item, [name, i], damage, text));
    }
  }

  readMeta(file: YamlFile, raw: unknown) {
    const r = S.ModelMeta.safeParse(raw);
    if (!r.success) {
      this.sink.problems.push(...schemaProblems(file, ['model'], raw, r.error.issues, S.ModelMeta));
      return;
    }
    const at = locate(file, ['model']);
    if (this.meta && this.metaAt) {
      this.error(
        file,
        ['model'],
        'duplicate-id',
        `a second "model" section (the first is at ${this.metaAt.file}:${this.metaAt.line}:${this.metaAt.column}); a model has one`,
      );
      return;
    }
    this.meta = r.data as ModelMeta;
    this.metaAt = at;
  }

  readElement(
    file: YamlFile,
    section: SectionName,
    item: unknown,
    path: YamlPath,
    damage: number[],
    text: string,
  ) {
    const damaged = spans(file, path, damage);
    if (isRec(item) && typeof item.id === 'string')
      this.defs[section].push({ id: item.id, at: locate(file, [...path, 'id']), path: pathString(path) });
    else if (damaged) {
      // The parser's guess at a damaged element may have lost its id; the text usually still shows it.
      const range = nodeAt(file, path)?.range;
      const m = range && /^[ \t-]*id:[ \t]*["']?([a-z0-9][a-z0-9._-]*)/m.exec(text.slice(range[0], range[2]));
      if (m) this.defs[section].push({ id: m[1], at: locate(file, path), path: pathString(path) });
    }
    if (section === 'entities' && isRec(item) && typeof item.id === 'string')
      for (const n of [item.name, ...strings(item.aliases)])
        if (typeof n === 'string' && !this.names.has(normaliseName(n)))
          this.names.set(normaliseName(n), item.id);
    if (damaged) return;
    const schema: z.ZodType = SECTIONS[section];
    const r = schema.safeParse(item);
    if (!r.success) this.sink.problems.push(...schemaProblems(file, path, item, r.error.issues, schema));
    if (!isRec(item)) return;
    const data = (r.success ? r.data : item) as Rec;
    const where: Where = { file, path };
    if (section === 'sources') this.sources.push({ ...(data as S.RawSource), at: locate(file, path) });
    else if (section === 'entities') this.entities.push(this.entity(data, where));
    else if (section === 'relations') this.relations.push(this.relation(data, where));
    else this.dependencies.push(this.dependency(data, where));
  }

  quantity(raw: unknown, field: string, where: Where, parent: Evidence): Quantity | undefined {
    return normaliseQuantity(raw, field, where, this.sink, parent.estimate);
  }

  /** A quantity field with a default when absent. */
  quantityOr(raw: unknown, field: string, where: Where, parent: Evidence, nominal: number): Quantity {
    if (raw !== undefined) {
      const q = this.quantity(raw, field, { file: where.file, path: [...where.path, field] }, parent);
      if (q) return q;
    }
    const dim = EXPECTED_DIMENSION[field];
    const q: Quantity = {
      cite: [],
      estimate: parent.estimate,
      dist: 'point',
      nominal,
      min: nominal,
      max: nominal,
    };
    if (dim) {
      q.dimension = dim;
      q.unit = dim === 'time' ? 'days' : dim;
    }
    return q;
  }

  attributes(raw: unknown, where: Where, parent: Evidence, onlyQuantities: boolean) {
    const out: Record<string, AttributeValue> = {};
    if (!isRec(raw)) return out;
    for (const [k, v] of Object.entries(raw)) {
      const p: Where = { file: where.file, path: [...where.path, k] };
      if (typeof v === 'number' || isRec(v) || onlyQuantities) {
        const q = this.quantity(v, k, p, parent);
        if (q) out[k] = q;
      } else if (typeof v === 'string' || typeof v === 'boolean' || Array.isArray(v))
        out[k] = v as AttributeValue;
    }
    return out;
  }

  uncited(raw: Rec, ev: Evidence, where: Where, what: string) {
    // A malformed cite is reported by the schema check; it is not also "no citation".
    const cites = raw.cite !== undefined && !(Array.isArray(raw.cite) && raw.cite.length === 0);
    if (this.options.warnUncited && !cites && !ev.estimate && raw.estimate === undefined)
      this.warn(
        where.file,
        where.path,
        'uncited',
        `${what} cites no source; add "cite", or mark it "estimate: true"`,
      );
  }

  entity(e: Rec, where: Where): Entity {
    const { file, path } = where;
    const ev = normaliseEvidence(e, where, this.sink);
    const ent: Entity = {
      ...ev,
      id: e.id as string,
      kind: e.kind as Entity['kind'],
      name: e.name as string,
      aliases: strings(e.aliases),
      tags: strings(e.tags),
      attributes: this.attributes(e.attributes, { file, path: [...path, 'attributes'] }, ev, false),
      quantities: this.attributes(e.quantities, { file, path: [...path, 'quantities'] }, ev, true) as Record<
        string,
        Quantity
      >,
    };
    for (const k of ['type', 'country', 'location', 'description', 'authority', 'programme'] as const)
      if (e[k] !== undefined) (ent as unknown as Rec)[k] = e[k];
    const date = fit(S.PartialDate, e.date);
    if (date !== undefined) {
      ent.date = date;
      if (!ent.valid?.from) ent.valid = { ...ent.valid, from: date };
    }
    if (Array.isArray(e.targets)) {
      ent.targets = strings(e.targets);
      e.targets.forEach((t, k) => queueRef(this.sink, file, [...path, 'targets', k], t, 'entity', 'targets'));
    }
    if (isRec(e.flow)) {
      const flow: NonNullable<Entity['flow']> = {};
      for (const k of ['capacity', 'demand', 'weight', 'inventory'] as const) {
        const q =
          e.flow[k] === undefined
            ? undefined
            : this.quantity(e.flow[k], k, { file, path: [...path, 'flow', k] }, ev);
        if (q) flow[k] = q;
      }
      ent.flow = flow;
      if (
        flow.capacity?.dimension &&
        flow.demand?.dimension &&
        flow.capacity.dimension !== flow.demand.dimension
      )
        this.error(
          file,
          [...path, 'flow', 'demand', 'unit'],
          'unit-mismatch',
          `flow demand is measured in ${flow.demand.dimension} but capacity in ${flow.capacity.dimension}; they must share a unit`,
        );
    }
    this.uncited(e, ev, where, `entity "${String(e.id)}"`);
    return ent;
  }

  relation(r: Rec, where: Where): Relation {
    const { file, path } = where;
    const ev = normaliseEvidence(r, where, this.sink);
    queueRef(this.sink, file, [...path, 'from'], r.from, 'entity', 'from');
    queueRef(this.sink, file, [...path, 'to'], r.to, 'entity', 'to');
    if (typeof r.from === 'string' && r.from === r.to)
      this.warn(file, [...path, 'to'], 'self-relation', `relation from "${r.from}" to itself`);
    const rel: Relation = {
      ...ev,
      id: typeof r.id === 'string' ? r.id : '',
      type: r.type as Relation['type'],
      from: r.from as string,
      to: r.to as string,
      attributes: this.attributes(r.attributes, { file, path: [...path, 'attributes'] }, ev, false),
      quantities: this.attributes(r.quantities, { file, path: [...path, 'quantities'] }, ev, true) as Record<
        string,
        Quantity
      >,
    };
    this.uncited(r, ev, where, `relation ${String(r.from)} ${String(r.type)} ${String(r.to)}`);
    return rel;
  }

  dependency(d: Rec, where: Where): Dependency {
    const { file, path } = where;
    const ev = normaliseEvidence(d, where, this.sink);
    queueRef(this.sink, file, [...path, 'node'], d.node, 'entity', 'node');
    const providers: Provider[] = [];
    const seen = new Map<string, number>();
    let capacityDim: { dim: string; index: number } | undefined;
    if (Array.isArray(d.providers))
      d.providers.forEach((p: unknown, j) => {
        if (!isRec(p)) return;
        const pw: Where = { file, path: [...path, 'providers', j] };
        queueRef(this.sink, file, [...pw.path, 'provider'], p.provider, 'entity', 'provider');
        if (typeof p.provider === 'string') {
          if (p.provider === d.node)
            this.warn(
              file,
              [...pw.path, 'provider'],
              'self-provider',
              `"${p.provider}" is listed as a provider of its own input; a node cannot cover its own need`,
            );
          if (seen.has(p.provider))
            this.warn(
              file,
              [...pw.path, 'provider'],
              'duplicate-provider',
              `"${p.provider}" is already listed as provider ${seen.get(p.provider)! + 1} of this dependency`,
            );
          else seen.set(p.provider, j);
        }
        const pev = normaliseEvidence(p, pw, this.sink, ev.estimate);
        const prov: Provider = {
          ...pev,
          provider: p.provider as string,
          share: this.quantityOr(p.share, 'share', pw, pev, 1),
          quality: this.quantityOr(p.quality, 'quality', pw, pev, 1),
          cost: this.quantityOr(p.cost, 'cost', pw, pev, 1),
          leadTime: this.quantityOr(p.lead_time, 'lead_time', pw, pev, 0),
        };
        if (p.capacity !== undefined) {
          const cap = this.quantity(p.capacity, 'capacity', { file, path: [...pw.path, 'capacity'] }, pev);
          if (cap) {
            prov.capacity = cap;
            if (cap.dimension && capacityDim && capacityDim.dim !== cap.dimension)
              this.error(
                file,
                [...pw.path, 'capacity', 'unit'],
                'unit-mismatch',
                `capacity measured in ${cap.dimension}, but provider ${capacityDim.index + 1} of this dependency gives it in ${capacityDim.dim}`,
              );
            else if (cap.dimension && !capacityDim) capacityDim = { dim: cap.dimension, index: j };
          }
        }
        providers.push(prov);
      });
    const dep: Dependency = {
      ...ev,
      id: d.id as string,
      node: d.node as string,
      input: d.input as string,
      criticality: this.quantityOr(d.criticality, 'criticality', where, ev, 1),
      buffer: this.quantityOr(d.buffer, 'buffer', where, ev, 0),
      providers,
    };
    if (d.bom !== undefined) {
      const bom = this.quantity(d.bom, 'bom', { file, path: [...path, 'bom'] }, ev);
      if (bom) dep.bom = bom;
    }
    this.uncited(d, ev, where, `dependency "${String(d.id)}"`);
    return dep;
  }

  /** Citations checked against the outlines of their sources' documents, where available. */
  checkAnchors() {
    const outline = this.options.outline;
    if (!outline) return;
    const outlines = new Map<string, DocumentOutline | undefined>();
    for (const s of this.sources) {
      if (typeof s.file !== 'string' || typeof s.id !== 'string' || outlines.has(s.id)) continue;
      let o: DocumentOutline | undefined;
      try {
        o = outline(s);
      } catch {
        o = undefined;
      }
      outlines.set(s.id, o);
      if (!o && s.at)
        this.sink.problems.push({
          severity: 'warning',
          code: 'source-file',
          message: `the document of source "${s.id}" (${s.file}) cannot be read; citations to it are not checked against its sections and paragraphs`,
          at: s.at,
        });
    }
    for (const { citation: c, file, path } of this.sink.anchors) {
      const o = outlines.get(c.source);
      if (!o) continue;
      const count = o.sections[c.section];
      if (count === undefined) {
        const hint = didYouMean(c.section, Object.keys(o.sections));
        this.error(
          file,
          [...path, 'section'],
          'unknown-anchor',
          `source "${c.source}" has no section "${c.section}"${hint ? ` (did you mean "${hint}"?)` : ''}; sections are heading slugs, see docs/model-format.md#citations`,
        );
        continue;
      }
      for (const k of ['paragraph', 'to'] as const) {
        const n = c[k];
        if (n !== undefined && n > count)
          this.error(
            file,
            [...path, k],
            'unknown-anchor',
            `section "${c.section}" of source "${c.source}" has ${count} paragraph${count === 1 ? '' : 's'}; got ${k} ${n}`,
          );
      }
    }
  }

  /** Checks that run once every file has been read: duplicates and references. */
  crossCheck() {
    for (const section of Object.keys(this.defs) as SectionName[]) {
      const first = new Map<string, Definition>();
      for (const d of this.defs[section]) {
        const prev = first.get(d.id);
        if (prev)
          this.sink.problems.push({
            severity: 'error',
            code: 'duplicate-id',
            message: `duplicate ${NOUN[section]} id "${d.id}" (first defined at ${prev.at.file}:${prev.at.line}:${prev.at.column})`,
            at: d.at,
            path: d.path,
          });
        else first.set(d.id, d);
      }
    }
    const ids = {
      entity: new Set(this.defs.entities.map((d) => d.id)),
      source: new Set(this.defs.sources.map((d) => d.id)),
    };
    const cited = new Set<string>();
    // Suggestions cost a scan of every id; past a few hundred misses (a broken import) they stop.
    let suggest = SUGGESTION_BUDGET;
    for (const ref of this.sink.refs) {
      if (ref.malformed) {
        // "from: MZKT" or "from: Minsk Wheeled Tractor Plant": the schema reported the bad id;
        // name the entity meant when the value is a name, an alias or an id in the wrong case.
        const meant =
          (ref.to === 'entity' ? this.names.get(normaliseName(ref.id)) : undefined) ??
          [...ids[ref.to]].find((id) => id === ref.id.toLowerCase());
        const problem = this.sink.problems.find((p) => p.code === 'schema' && p.path === ref.path);
        if (meant && problem) problem.message += ` (did you mean "${meant}"?)`;
        continue;
      }
      if (ref.to === 'source') cited.add(ref.id);
      if (ids[ref.to].has(ref.id)) continue;
      let hint = suggest-- > 0 ? didYouMean(ref.id, ids[ref.to]) : undefined;
      if (!hint && ref.to === 'entity') hint = this.names.get(normaliseName(ref.id.replace(/[-_.]/g, ' ')));
      const what =
        ref.role === 'cite.source' ? `cited source "${ref.id}"` : `${ref.to} "${ref.id}" in "${ref.role}"`;
      this.sink.problems.push({
        severity: 'error',
        code: 'unknown-reference',
        message: `unknown ${what}${hint ? ` (did you mean "${hint}"?)` : ref.to === 'source' ? '; define it under "sources"' : ''}`,
        at: ref.at,
        path: ref.path,
      });
    }
    if (this.options.warnUnusedSources)
      for (const d of this.defs.sources)
        if (!cited.has(d.id))
          this.sink.problems.push({
            severity: 'warning',
            code: 'unused-source',
            message: `source "${d.id}" is never cited`,
            at: d.at,
            path: d.path,
          });
    this.checkAnchors();
    const focus = this.meta?.focus;
    for (const k of ['actor', 'on'] as const) {
      const v = focus?.[k];
      if (v && !ids.entity.has(v)) {
        const hint = didYouMean(v, ids.entity);
        this.sink.problems.push({
          severity: 'warning',
          code: 'unknown-reference',
          message: `model.focus.${k} "${v}" is not an entity id${hint ? ` (did you mean "${hint}"?)` : ''}`,
          at: this.metaAt,
          path: `model.focus.${k}`,
        });
      }
    }
  }
}

function byPosition(a: Problem, b: Problem): number {
  return (
    (a.at?.file ?? '').localeCompare(b.at?.file ?? '') ||
    (a.at?.line ?? 0) - (b.at?.line ?? 0) ||
    (a.at?.column ?? 0) - (b.at?.column ?? 0)
  );
}

/**
 * Parses and validates model files; returns the model only when there is no error.
 *
 * @example
 * const { model, problems } = parseModel([{ path: 'm.yaml', text }]);
 * for (const p of problems) console.log(formatProblem(p));
 */
export function parseModel(files: readonly ModelFileText[], options: ParseOptions = {}): ParseResult {
  const reader = new Reader({ ...DEFAULTS, ...options });
  for (const f of files) reader.readFile(f.text, f.path);
  reader.crossCheck();
  const problems = [...reader.sink.problems].sort(byPosition);
  if (problems.some((p) => p.severity === 'error')) return { problems };

  // Relation ids: generated from endpoints and type when not given, made unique.
  const used = new Set(reader.relations.map((r) => r.id).filter(Boolean));
  for (const r of reader.relations) {
    if (r.id) continue;
    const base = `${r.from}--${r.type}--${r.to}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    r.id = id;
  }
  const meta = reader.meta ?? {
    id: (files[0]?.path ?? 'model').replace(/.*\//, '').replace(/\.ya?ml$/, '') || 'model',
    title: 'Untitled model',
  };
  const { sources, entities, relations, dependencies } = reader;
  return { model: { meta, sources, entities, relations, dependencies }, problems };
}
