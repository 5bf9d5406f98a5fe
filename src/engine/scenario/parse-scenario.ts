// Parses a scenario file (YAML text) into a normalised `Scenario`, reporting every problem located
// at its field (file:line:column) with suggestions: YAML syntax, unknown fields, wrong shapes,
// units of the wrong dimension, shocks missing what their type needs, and, given the model, unknown
// entity ids, kinds, countries, tags, relation types and dependencies. Pure: the caller reads files.
import { z } from 'zod';
import { didYouMean, type Problem } from '../../model/problem.js';
import { ENTITY_KINDS, RELATION_TYPES } from '../../model/schema.js';
import { schemaProblems } from '../../model/schema-problems.js';
import { normaliseQuantity } from '../../model/normalise-quantity.js';
import { normaliseEvidence, isRec, type Sink } from '../../model/normalise-evidence.js';
import { locate, parseYamlFile, pathString, type YamlPath } from '../../model/yaml-locate.js';
import type { Model, Quantity } from '../../model/types.js';
import {
  NODE_SHOCKS,
  ScenarioSchema,
  Selector,
  ShockSchema,
  type AddedProvider,
  type Scenario,
  type Selector as SelectorT,
  type Shock,
} from './scenario-schema.js';

export interface ScenarioParseResult {
  /** Present only when there is no error. */
  scenario?: Scenario;
  problems: Problem[];
}

export interface ParseScenarioOptions {
  /** Check entity ids, kinds, countries, tags and dependencies against this model. */
  model?: Model;
}

const DEFAULTS: ParseScenarioOptions = {};

const TopSchema = ScenarioSchema.extend({ shocks: z.array(z.unknown()) });

const point = (v: number, unit?: string): Quantity => ({
  dist: 'point',
  nominal: v,
  min: v,
  max: v,
  cite: [],
  estimate: false,
  ...(unit ? { unit } : {}),
});

/**
 * Parses and checks one scenario file.
 *
 * @example
 * const { scenario, problems } = parseScenario(text, 'scenarios/rail-sabotage.yaml', { model });
 */
export function parseScenario(
  text: string,
  path: string,
  options: ParseScenarioOptions = {},
): ScenarioParseResult {
  const { model } = { ...DEFAULTS, ...options };
  const { file, problems } = parseYamlFile(text, path);
  if (problems.length) return { problems };
  const raw: unknown = file.doc.toJS();
  // The top level and each shock are checked separately, so one bad shock does not hide the others.
  const top = TopSchema.safeParse(raw);
  if (!top.success) problems.push(...schemaProblems(file, [], raw, top.error.issues, TopSchema));
  const rawRec = (isRec(raw) ? raw : {}) as Record<string, unknown>;
  const rawShocks = Array.isArray(rawRec.shocks) ? (rawRec.shocks as unknown[]) : [];
  const parsedShocks = rawShocks.map((x, k) => {
    const r = ShockSchema.safeParse(x);
    if (!r.success) problems.push(...schemaProblems(file, ['shocks', k], x, r.error.issues, ShockSchema));
    return r.success ? r.data : undefined;
  });
  const sink: Sink = { problems, refs: [], anchors: [] };
  const err = (p: YamlPath, code: string, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ severity, code, message, at: locate(file, p), path: pathString(p) });

  const quantity = (p: YamlPath, field: string, dim: 'time' | 'fraction', fallback: number): Quantity => {
    const v = valueAtPath(rawRec, p);
    if (v === undefined) return point(fallback, dim === 'time' ? 'days' : 'fraction');
    const q = normaliseQuantity(v, field, { file, path: p }, sink);
    if (!q) return point(fallback);
    if (q.dimension && q.dimension !== dim)
      err(
        isRec(v) ? [...p, 'unit'] : p,
        'unit-mismatch',
        `"${field}" is a ${dim} quantity but its unit "${q.givenUnit}" measures ${q.dimension}${dim === 'time' ? ' (use days, weeks, months…)' : ' (use fraction or percent)'}`,
      );
    if (q.min < 0 || (dim === 'fraction' && q.max > 1 + 1e-12))
      err(
        p,
        'range',
        `"${field}" must lie in ${dim === 'fraction' ? '0..1' : '0 or more days'}, got ${q.min === q.max ? q.min : `${q.min}..${q.max}`}`,
      );
    return { ...q, unit: dim === 'time' ? 'days' : 'fraction', dimension: dim };
  };

  const selectors = (p: YamlPath, field: string): SelectorT[] | undefined => {
    const v = valueAtPath(rawRec, p);
    if (v === undefined) return undefined;
    const list = Array.isArray(v) ? v : [v];
    return list.map((x, k) => {
      const sp = Array.isArray(v) ? [...p, k] : p;
      if (typeof x === 'string') {
        checkRef(sp, 'id', x);
        return { ids: [x] };
      }
      const o = x as Record<string, unknown>;
      const sel: SelectorT = {};
      const ids = [...(typeof o.id === 'string' ? [o.id] : []), ...((o.ids as string[] | undefined) ?? [])];
      if (ids.length) sel.ids = ids;
      if (typeof o.id === 'string') checkRef([...sp, 'id'], 'id', o.id);
      ((o.ids as string[] | undefined) ?? []).forEach((id, j) => checkRef([...sp, 'ids', j], 'id', id));
      for (const k of ['kind', 'type', 'country', 'tag', 'relation'] as const)
        if (typeof o[k] === 'string') {
          sel[k] = o[k];
          checkRef([...sp, k], k, o[k]);
        }
      if (!Object.keys(sel).length)
        err(
          sp,
          'selector',
          `"${field}": an empty selector would match everything; name an id, kind, type, country, tag or relation`,
        );
      return sel;
    });
  };

  const vocab = model ? vocabulary(model) : undefined;
  function checkRef(p: YamlPath, what: keyof Vocabulary, value: string) {
    const pool = what === 'kind' ? ENTITY_KINDS : what === 'relation' ? RELATION_TYPES : vocab?.[what];
    if (!pool) return;
    const set = pool instanceof Set ? pool : new Set<string>(pool);
    if (set.has(value)) return;
    const hint = didYouMean(value, set);
    const noun = {
      id: 'entity',
      kind: 'entity kind',
      type: 'entity type',
      country: 'country',
      tag: 'tag',
      relation: 'relation type',
      dependency: 'dependency',
    }[what];
    err(
      p,
      what === 'id' ? 'unknown-entity' : `unknown-${what}`,
      `unknown ${noun} "${value}"${hint ? ` (did you mean "${hint}"?)` : model ? ` in model "${model.meta.id}"` : ''}`,
    );
  }

  const shocks: Shock[] = [];
  parsedShocks.forEach((sh, k) => {
    const p: YamlPath = ['shocks', k];
    if (!sh) {
      // Still check the references of a shock whose shape is wrong elsewhere.
      const x = rawShocks[k];
      if (isRec(x))
        for (const f of ['target', 'from', 'to'] as const)
          if (Selector.safeParse(x[f]).success) selectors([...p, f], f);
      return;
    }
    const isNode = NODE_SHOCKS.includes(sh.type);
    const fail = (field: string, message: string) =>
      err([...p, field], 'shock', `${sh.type} shock: ${message}`);
    if (isNode) {
      if (!sh.target) err(p, 'shock', `${sh.type} shock: needs "target" (the nodes hit)`);
      for (const f of ['from', 'to', 'via', 'severity', 'delay'] as const)
        if (sh[f] !== undefined)
          fail(f, `"${f}" applies to link shocks; an ${sh.type} acts on "target" nodes`);
    } else {
      if (sh.target !== undefined)
        fail(
          'target',
          `acts on provider links: use "from" (providers) and/or "to" (dependants) instead of "target"`,
        );
      if (!sh.from && !sh.to && !sh.via && sh.type !== 'financing')
        err(p, 'shock', `${sh.type} shock: needs "from", "to" or "via" to say which links it hits`);
      if (sh.level !== undefined)
        fail('level', `"level" is for capacity shocks; use "severity" (fraction of the flow cut)`);
    }
    if (sh.type === 'capacity' && sh.level === undefined && !sh.curve)
      err(p, 'shock', 'capacity shock: needs "level" (the fraction of capacity left) or a "curve"');
    if (sh.type === 'slowdown' && sh.delay === undefined)
      err(p, 'shock', 'slowdown shock: needs "delay" (extra delivery time)');
    if (sh.type !== 'slowdown' && sh.delay !== undefined)
      fail('delay', '"delay" applies to slowdown shocks only');
    if (sh.curve) {
      for (const f of ['level', 'severity', 'duration', 'recovery'] as const)
        if (sh[f] !== undefined) fail(f, `give either "curve" or "${f}", not both`);
      sh.curve.forEach(([d], j) => {
        if (j > 0 && d < sh.curve![j - 1][0])
          err(
            [...p, 'curve', j, 0],
            'curve',
            `curve days must not decrease (${d} after ${sh.curve![j - 1][0]})`,
          );
      });
      if (sh.curve[0][0] !== 0) err([...p, 'curve', 0, 0], 'curve', 'a curve starts at day 0 (the onset)');
    }
    let level: Quantity;
    if (sh.type === 'outage') level = point(0, 'fraction');
    else if (sh.type === 'capacity') level = quantity([...p, 'level'], 'level', 'fraction', 1);
    else {
      const sev = quantity([...p, 'severity'], 'severity', 'fraction', 1);
      level = {
        ...sev,
        nominal: 1 - sev.nominal,
        min: 1 - sev.max,
        max: 1 - sev.min,
        ...(sev.mode !== undefined ? { mode: 1 - sev.mode } : {}),
      };
      if (sev.dist === 'lognormal')
        err(
          [...p, 'severity'],
          'quantity',
          '"severity" is a fraction: use a range, triangular or PERT distribution',
        );
    }
    const shock: Shock = {
      id: sh.id ?? `${sh.type}-${k + 1}`,
      type: sh.type,
      level,
      onset: quantity([...p, 'onset'], 'onset', 'time', 0),
      duration:
        sh.duration === undefined || sh.duration === 'permanent'
          ? null
          : quantity([...p, 'duration'], 'duration', 'time', 0),
      recovery: quantity([...p, 'recovery'], 'recovery', 'time', 0),
      cite: normaliseEvidence(
        isRec(valueAtPath(rawRec, p)) ? (valueAtPath(rawRec, p) as Record<string, unknown>) : {},
        { file, path: p },
        sink,
      ).cite,
      at: locate(file, p),
    };
    const target = selectors([...p, 'target'], 'target');
    const from = selectors([...p, 'from'], 'from');
    const to = selectors([...p, 'to'], 'to');
    if (target) shock.target = target;
    if (from) shock.from = from;
    if (to) shock.to = to;
    if (sh.via) shock.via = sh.via;
    if (sh.type === 'slowdown') shock.delay = quantity([...p, 'delay'], 'delay', 'time', 0);
    if (sh.curve) shock.curve = sh.curve.map(([d, v]) => [d, v]);
    if (sh.note) shock.note = sh.note;
    shocks.push(shock);
  });
  if (!top.success) return { problems: sortProblems(problems) };
  const s = top.data;

  const adds: AddedProvider[] = (s.adds ?? []).map((a, k) => {
    const p: YamlPath = ['adds', k];
    checkRef([...p, 'dependency'], 'dependency', a.dependency);
    checkRef([...p, 'provider'], 'id', a.provider);
    const fraction = (f: 'share' | 'quality') => quantity([...p, f], f, 'fraction', 1);
    const add: AddedProvider = {
      dependency: a.dependency,
      provider: a.provider,
      share: fraction('share'),
      quality: fraction('quality'),
      leadTime: quantity([...p, 'lead_time'], 'lead_time', 'time', 0),
      cost:
        a.cost === undefined
          ? point(1, 'factor')
          : (normaliseQuantity(a.cost, 'cost', { file, path: [...p, 'cost'] }, sink) ?? point(1)),
      cite: a.cite ?? [],
      at: locate(file, p),
    };
    if (a.note) add.note = a.note;
    return add;
  });

  const horizon = quantity(['horizon'], 'horizon', 'time', 365);
  if (horizon.min !== horizon.max) err(['horizon'], 'quantity', '"horizon" must be a single value');
  if (horizon.nominal <= 0) err(['horizon'], 'range', '"horizon" must be positive');
  const scenario: Scenario = {
    id: s.id,
    title: s.title,
    horizon: horizon.nominal,
    step: s.step ?? 1,
    substituteRamp: quantity(['substitute_ramp'], 'substitute_ramp', 'time', 0),
    adds,
    shocks,
    cite: s.cite ?? [],
    file: path,
  };
  if (s.description) scenario.description = s.description;
  if (s.as_of) scenario.asOf = s.as_of;
  if (s.extends) scenario.extends = s.extends;
  if (s.note) scenario.note = s.note;
  if (s.mitigation) {
    const mp: YamlPath = ['mitigation'];
    scenario.mitigation = { cite: s.mitigation.cite ?? [] };
    if (s.mitigation.cost !== undefined)
      scenario.mitigation.cost = normaliseQuantity(
        s.mitigation.cost,
        'mitigation cost',
        { file, path: [...mp, 'cost'] },
        sink,
      );
    if (s.mitigation.lead_time !== undefined)
      scenario.mitigation.leadTime = quantity([...mp, 'lead_time'], 'lead_time', 'time', 0);
    if (s.mitigation.description) scenario.mitigation.description = s.mitigation.description;
  }
  if (model) {
    const sources = new Set(model.sources.map((x) => x.id));
    const check = (c: { source: string }, p: YamlPath) => {
      if (!sources.has(c.source)) {
        const hint = didYouMean(c.source, sources);
        err(p, 'unknown-source', `unknown source "${c.source}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
      }
    };
    (s.cite ?? []).forEach((c, k) => check(c, ['cite', k, 'source']));
    parsedShocks.forEach((sh, j) =>
      (sh?.cite ?? []).forEach((c, k) => check(c, ['shocks', j, 'cite', k, 'source'])),
    );
    for (const r of sink.refs)
      if (r.to === 'source' && !sources.has(r.id))
        problems.push({
          severity: 'error',
          code: 'unknown-source',
          message: `unknown source "${r.id}"`,
          at: r.at,
          path: r.path,
        });
  }
  const sorted = sortProblems(problems);
  return sorted.some((p) => p.severity === 'error') ? { problems: sorted } : { scenario, problems: sorted };
}

interface Vocabulary {
  id: Set<string>;
  kind: Set<string>;
  type: Set<string>;
  country: Set<string>;
  tag: Set<string>;
  relation: Set<string>;
  dependency: Set<string>;
}

function vocabulary(model: Model): Vocabulary {
  const v: Vocabulary = {
    id: new Set(),
    kind: new Set(ENTITY_KINDS),
    type: new Set(),
    country: new Set(),
    tag: new Set(),
    relation: new Set(RELATION_TYPES),
    dependency: new Set(model.dependencies.map((d) => d.id)),
  };
  for (const e of model.entities) {
    v.id.add(e.id);
    if (e.type) v.type.add(e.type);
    if (e.country) v.country.add(e.country);
    for (const t of e.tags) v.tag.add(t);
  }
  return v;
}

function valueAtPath(raw: Record<string, unknown>, path: YamlPath): unknown {
  let v: unknown = raw;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function sortProblems(ps: Problem[]): Problem[] {
  return ps.sort(
    (a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.column ?? 0) - (b.at?.column ?? 0),
  );
}
