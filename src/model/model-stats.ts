// Summary figures of a model: its size by kind, country and relation type, how its dependencies
// are provided, how much of it is cited, and how much rests on analyst estimates.
import { dateStart } from './dates.js';
import { ENTITY_KINDS, RELATION_TYPES } from './schema.js';
import type { Evidence, Model, Quantity } from './types.js';

export interface ModelStats {
  model: { id: string; title: string; version?: string };
  counts: { sources: number; entities: number; relations: number; dependencies: number; providers: number };
  entitiesByKind: Record<string, number>;
  entitiesByCountry: Record<string, number>;
  relationsByType: Record<string, number>;
  dependencies: {
    count: number;
    providers: number;
    /** Distinct entities that need at least one input. */
    dependentNodes: number;
    /** Distinct entities that provide at least one input. */
    providerNodes: number;
    /** Dependencies with a single provider (no alternative recorded). */
    singleProvider: number;
    /** Average number of providers per dependency. */
    meanProviders: number;
  };
  citations: {
    /** Citation records on all elements and quantities. */
    total: number;
    /** Entities, relations, dependencies and providers with at least one citation, of all of them. */
    citedElements: number;
    elements: number;
    /** citedElements / elements (0 when there are none). */
    coverage: number;
    /** Elements neither cited nor marked as estimates. */
    unsupported: number;
    bySource: Record<string, number>;
    /** Distinct (source, section) pairs cited. */
    sections: number;
  };
  estimates: {
    /** Elements (entities, relations, dependencies, providers) marked as analyst estimates. */
    elements: number;
    /** Quantities the author wrote (defaults the loader fills in are not counted). */
    quantities: number;
    /** Of `quantities`, those marked as estimates. */
    estimatedQuantities: number;
    /** Quantities given as a range or distribution rather than a point. */
    uncertainQuantities: number;
  };
  confidence: Record<string, number>;
  validTime: { dated: number; earliest?: string; latest?: string };
}

const count = (rec: Record<string, number>, key: string) => {
  rec[key] = (rec[key] ?? 0) + 1;
};

/** Keys in a fixed order first (e.g. the schema's kinds), then the rest alphabetically. */
function ordered(rec: Record<string, number>, order: readonly string[] = []): Record<string, number> {
  const keys = Object.keys(rec).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || a.localeCompare(b);
  });
  return Object.fromEntries(keys.map((k) => [k, rec[k]]));
}

/** Summary statistics of a model (pure). */
export function modelStats(model: Model): ModelStats {
  const byKind: Record<string, number> = {};
  const byCountry: Record<string, number> = {};
  const byType: Record<string, number> = {};
  for (const e of model.entities) {
    count(byKind, e.kind);
    count(byCountry, e.country ?? 'none');
  }
  for (const r of model.relations) count(byType, r.type);

  const elements: Evidence[] = [
    ...model.entities,
    ...model.relations,
    ...model.dependencies,
    ...model.dependencies.flatMap((d) => d.providers),
  ];
  const quantities: Quantity[] = [
    ...model.entities.flatMap((e) => [
      ...Object.values(e.quantities),
      ...Object.values(e.attributes).filter((v): v is Quantity => typeof v === 'object' && !Array.isArray(v)),
      ...Object.values(e.flow ?? {}),
    ]),
    ...model.relations.flatMap((r) => Object.values(r.quantities)),
    ...model.dependencies.flatMap((d) => [
      d.criticality,
      d.buffer,
      ...d.providers.flatMap((p) => [p.share, p.quality, p.cost, p.leadTime, p.capacity]),
      d.bom,
    ]),
  ].filter((q): q is Quantity => q !== undefined && q.at !== undefined); // written, not defaulted
  const bySource: Record<string, number> = {};
  const sections = new Set<string>();
  let total = 0;
  for (const x of [...elements, ...quantities])
    for (const c of x.cite) {
      total++;
      count(bySource, c.source);
      sections.add(`${c.source}#${c.section}`);
    }
  const confidence: Record<string, number> = {};
  for (const x of elements) count(confidence, x.confidence ?? 'unstated');
  const dates: string[] = [];
  let dated = 0;
  for (const x of [...model.entities, ...model.relations, ...model.dependencies]) {
    const v = x.valid;
    if (!v?.from && !v?.to) continue;
    dated++;
    if (v.from) dates.push(dateStart(v.from));
    if (v.to) dates.push(dateStart(v.to));
  }
  dates.sort();
  const cited = elements.filter((e) => e.cite.length > 0).length;
  const providers = model.dependencies.reduce((s, d) => s + d.providers.length, 0);
  return {
    model: {
      id: model.meta.id,
      title: model.meta.title,
      ...(model.meta.version ? { version: model.meta.version } : {}),
    },
    counts: {
      sources: model.sources.length,
      entities: model.entities.length,
      relations: model.relations.length,
      dependencies: model.dependencies.length,
      providers,
    },
    entitiesByKind: ordered(byKind, ENTITY_KINDS),
    entitiesByCountry: ordered(byCountry, [
      ...Object.keys(byCountry)
        .filter((k) => k !== 'none')
        .sort(),
      'none',
    ]),
    relationsByType: ordered(byType, RELATION_TYPES),
    dependencies: {
      count: model.dependencies.length,
      providers,
      dependentNodes: new Set(model.dependencies.map((d) => d.node)).size,
      providerNodes: new Set(model.dependencies.flatMap((d) => d.providers.map((p) => p.provider))).size,
      singleProvider: model.dependencies.filter((d) => d.providers.length === 1).length,
      meanProviders: model.dependencies.length ? providers / model.dependencies.length : 0,
    },
    citations: {
      total,
      citedElements: cited,
      elements: elements.length,
      coverage: elements.length ? cited / elements.length : 0,
      unsupported: elements.filter((e) => e.cite.length === 0 && !e.estimate).length,
      bySource: ordered(bySource),
      sections: sections.size,
    },
    estimates: {
      elements: elements.filter((e) => e.estimate).length,
      quantities: quantities.length,
      estimatedQuantities: quantities.filter((q) => q.estimate).length,
      uncertainQuantities: quantities.filter((q) => q.min !== q.max).length,
    },
    confidence: ordered(confidence, ['high', 'moderate', 'low']),
    validTime: { dated, ...(dates.length ? { earliest: dates[0], latest: dates[dates.length - 1] } : {}) },
  };
}
