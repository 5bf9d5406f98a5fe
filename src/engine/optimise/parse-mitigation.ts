// Parses a mitigation file (YAML text) into a normalised `Mitigation`, reporting every problem at its
// field (file:line:column) with suggestions: YAML syntax, unknown fields, wrong shapes, units of the
// wrong dimension, actions that name neither target, and, given the model, unknown entities,
// dependencies and providers. Pure: the caller reads the file.
import { didYouMean, type Problem } from '../../model/problem.js';
import { schemaProblems } from '../../model/schema-problems.js';
import { normaliseQuantity } from '../../model/normalise-quantity.js';
import { isRec, normaliseEvidence, type Sink } from '../../model/normalise-evidence.js';
import { locate, parseYamlFile, pathString, type YamlPath } from '../../model/yaml-locate.js';
import type { Entity, Model, Quantity } from '../../model/types.js';
import { MitigationSchema, type Mitigation } from './mitigation-schema.js';

export interface MitigationParseResult {
  /** Present only when there is no error. */
  mitigation?: Mitigation;
  problems: Problem[];
}

export interface ParseMitigationOptions {
  /** Check entity, dependency and provider ids against this model. */
  model?: Model;
}

const point = (v: number, unit?: string): Quantity => ({
  dist: 'point',
  nominal: v,
  min: v,
  max: v,
  cite: [],
  estimate: false,
  ...(unit ? { unit } : {}),
});

const valueAt = (raw: unknown, path: YamlPath): unknown =>
  path.reduce<unknown>(
    (v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[k]),
    raw,
  );

/**
 * Parses and checks one mitigation file.
 *
 * @example
 * const { mitigation, problems } = parseMitigation(text, 'mitigations/domestic-chassis.yaml', { model });
 */
export function parseMitigation(
  text: string,
  path: string,
  options: ParseMitigationOptions = {},
): MitigationParseResult {
  const { model } = options;
  const { file, problems } = parseYamlFile(text, path);
  if (problems.length) return { problems };
  const raw: unknown = file.doc.toJS();
  const parsed = MitigationSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...schemaProblems(file, [], raw, parsed.error.issues, MitigationSchema));
    return { problems };
  }
  const m = parsed.data;
  const sink: Sink = { problems, refs: [], anchors: [] };
  const err = (p: YamlPath, code: string, message: string) =>
    problems.push({ severity: 'error', code, message, at: locate(file, p), path: pathString(p) });
  const estimate = m.estimate ?? false;

  const quantity = (
    p: YamlPath,
    field: string,
    dim: 'time' | 'fraction' | 'any',
    fallback: number,
  ): Quantity => {
    const v = valueAt(raw, p);
    if (v === undefined)
      return point(fallback, dim === 'time' ? 'days' : dim === 'fraction' ? 'fraction' : undefined);
    const q = normaliseQuantity(
      v,
      dim === 'any' ? `${field} (amount)` : field,
      { file, path: p },
      sink,
      estimate,
    );
    if (!q) return point(fallback);
    if (dim !== 'any' && q.dimension && q.dimension !== dim)
      err(
        isRec(v) ? [...p, 'unit'] : p,
        'unit-mismatch',
        `"${field}" is a ${dim} quantity but its unit "${q.givenUnit}" measures ${q.dimension}`,
      );
    if (q.min < 0) err(p, 'range', `"${field}" cannot be negative, got ${q.min}`);
    return q;
  };

  // Ids the mitigation may refer to: the model's, plus the entities it creates.
  const newIds = new Set((m.entities ?? []).map((e) => e.id));
  const entityIds = model ? new Set([...model.entities.map((e) => e.id), ...newIds]) : undefined;
  const deps = model ? new Map(model.dependencies.map((d) => [d.id, d])) : undefined;
  const unknown = (p: YamlPath, what: string, id: string, pool: Iterable<string>) => {
    const hint = didYouMean(id, pool);
    err(
      p,
      `unknown-${what}`,
      `unknown ${what} "${id}"${hint ? ` (did you mean "${hint}"?)` : model ? ` in model "${model.meta.id}"` : ''}`,
    );
  };
  const checkEntity = (p: YamlPath, id: string) => {
    if (entityIds && !entityIds.has(id)) unknown(p, 'entity', id, entityIds);
  };
  const checkDependency = (p: YamlPath, id: string) => {
    if (deps && !deps.has(id)) unknown(p, 'dependency', id, deps.keys());
  };
  if (model)
    for (const e of m.entities ?? [])
      if (model.entities.some((x) => x.id === e.id))
        err(
          ['entities', (m.entities ?? []).indexOf(e), 'id'],
          'duplicate-id',
          `entity "${e.id}" already exists in the model; a mitigation adds new entities only`,
        );

  const entities: Entity[] = (m.entities ?? []).map((e, k) => {
    const p: YamlPath = ['entities', k];
    const ev = normaliseEvidence(
      valueAt(raw, p) as Record<string, unknown>,
      { file, path: p },
      sink,
      estimate,
    );
    const ent: Entity = {
      ...ev,
      id: e.id,
      kind: e.kind,
      name: e.name,
      aliases: e.aliases ?? [],
      tags: e.tags ?? [],
      attributes: {},
      quantities: {},
      at: locate(file, p),
    };
    if (e.country) ent.country = e.country;
    if (e.type) ent.type = e.type;
    if (e.description) ent.description = e.description;
    if (e.flow) {
      ent.flow = {};
      for (const key of ['capacity', 'demand', 'weight', 'inventory'] as const)
        if (e.flow[key] !== undefined) ent.flow[key] = quantity([...p, 'flow', key], key, 'any', 0);
    }
    for (const [key, v] of Object.entries(e.quantities ?? {}))
      if (v !== undefined) ent.quantities[key] = quantity([...p, 'quantities', key], key, 'any', 0);
    return ent;
  });

  const adds: Mitigation['adds'] = (m.adds ?? []).map((a, k) => {
    const p: YamlPath = ['adds', k];
    checkDependency([...p, 'dependency'], a.dependency);
    checkEntity([...p, 'provider'], a.provider);
    const share = quantity([...p, 'share'], 'share', 'fraction', 1);
    const quality = quantity([...p, 'quality'], 'quality', 'fraction', 1);
    for (const [q, f] of [
      [share, 'share'],
      [quality, 'quality'],
    ] as const)
      if (q.max > 1 + 1e-12) err([...p, f], 'range', `"${f}" must lie in 0..1, got ${q.max}`);
    const add: Mitigation['adds'][number] = {
      dependency: a.dependency,
      provider: a.provider,
      share,
      quality,
      leadTime: quantity([...p, 'lead_time'], 'lead_time', 'time', 0),
      cite: a.cite ?? [],
      estimate: a.estimate ?? estimate,
      at: locate(file, p),
    };
    if (a.capacity !== undefined) add.capacity = quantity([...p, 'capacity'], 'capacity', 'any', 0);
    return add;
  });

  const capacity: Mitigation['capacity'] = [];
  (m.capacity ?? []).forEach((c, k) => {
    const p: YamlPath = ['capacity', k];
    if (c.entity !== undefined && c.capacity !== undefined && c.dependency === undefined) {
      checkEntity([...p, 'entity'], c.entity);
      const ent = model?.entities.find((e) => e.id === c.entity) ?? entities.find((e) => e.id === c.entity);
      if (model && ent && ent.flow?.capacity === undefined)
        err(
          [...p, 'entity'],
          'no-capacity',
          `"${c.entity}" has no flow.capacity to add to (its output is a level shared by all users); give it one in the model, or raise a provider's "share"`,
        );
      capacity.push({
        entity: c.entity,
        capacity: quantity([...p, 'capacity'], 'capacity', 'any', 0),
        at: locate(file, p),
      });
    } else if (
      c.dependency !== undefined &&
      c.provider !== undefined &&
      c.share !== undefined &&
      c.entity === undefined
    ) {
      checkDependency([...p, 'dependency'], c.dependency);
      const d = deps?.get(c.dependency);
      if (d && !d.providers.some((x) => x.provider === c.provider))
        unknown(
          [...p, 'provider'],
          'provider',
          c.provider,
          d.providers.map((x) => x.provider),
        );
      capacity.push({
        dependency: c.dependency,
        provider: c.provider,
        share: quantity([...p, 'share'], 'share', 'fraction', 0),
        at: locate(file, p),
      });
    } else
      err(
        p,
        'action',
        'added capacity names either "entity" with "capacity" (units per day), or "dependency", "provider" and "share" (added share of the need)',
      );
  });

  const stockpiles: Mitigation['stockpiles'] = [];
  (m.stockpiles ?? []).forEach((s, k) => {
    const p: YamlPath = ['stockpiles', k];
    if (s.dependency !== undefined && s.buffer !== undefined && s.entity === undefined) {
      checkDependency([...p, 'dependency'], s.dependency);
      stockpiles.push({
        dependency: s.dependency,
        buffer: quantity([...p, 'buffer'], 'buffer', 'time', 0),
        at: locate(file, p),
      });
    } else if (s.entity !== undefined && s.inventory !== undefined && s.dependency === undefined) {
      checkEntity([...p, 'entity'], s.entity);
      stockpiles.push({
        entity: s.entity,
        inventory: quantity([...p, 'inventory'], 'inventory', 'any', 0),
        at: locate(file, p),
      });
    } else
      err(
        p,
        'action',
        'a stockpile names either "dependency" with "buffer" (days of cover), or "entity" with "inventory" (units)',
      );
  });

  if (!adds.length && !capacity.length && !stockpiles.length)
    err([], 'action', 'a mitigation needs at least one action: "adds", "capacity" or "stockpiles"');

  const cost = quantity(['cost'], 'cost', 'any', 0);
  if (cost.dimension !== undefined && cost.dimension !== 'currency')
    err(
      ['cost'],
      'unit-mismatch',
      `"cost" is money (e.g. { value: 40, unit: billion RUB }); "${cost.givenUnit}" measures ${cost.dimension}`,
    );

  if (model) {
    const sources = new Set(model.sources.map((s) => s.id));
    const checkCites = (list: { source: string }[] | undefined, p: YamlPath) =>
      (list ?? []).forEach((c, k) => {
        if (!sources.has(c.source)) unknown([...p, 'cite', k, 'source'], 'source', c.source, sources);
      });
    checkCites(m.cite, []);
    (m.adds ?? []).forEach((a, k) => checkCites(a.cite, ['adds', k]));
  }

  if (problems.some((p) => p.severity === 'error')) return { problems };
  const out: Mitigation = {
    id: m.id,
    title: m.title,
    cost,
    cite: m.cite ?? [],
    estimate,
    entities,
    adds,
    capacity,
    stockpiles,
    file: path,
    at: locate(file, []),
  };
  if (m.description) out.description = m.description;
  if (m.note) out.note = m.note;
  if (m.lead_time !== undefined) out.leadTime = quantity(['lead_time'], 'lead_time', 'time', 0);
  return { mitigation: out, problems };
}
