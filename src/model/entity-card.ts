// Everything the model says about one entity, gathered for display: its fields, quantities,
// relations in both directions, what it depends on and who depends on it, and every citation.
import type { Citation, Dependency, Entity, Model, Provider, Quantity, Relation, Source } from './types.js';

export interface CardRelation {
  id: string;
  type: string;
  /** The entity at the other end. */
  other: string;
  otherName: string;
  relation: Relation;
}

export interface CardDependency {
  dependency: Dependency;
  /** For "needs": the providers, with names. For "provides": the node that needs it. */
  nodeName: string;
  providers: { provider: Provider; name: string }[];
}

export interface EntityCard {
  entity: Entity;
  outgoing: CardRelation[];
  incoming: CardRelation[];
  /** Inputs this entity needs. */
  needs: CardDependency[];
  /** Inputs this entity provides to others (dependencies where it is a provider). */
  provides: CardDependency[];
  /** Every citation on the entity, its quantities, relations and dependencies, with its source. */
  citations: { on: string; citation: Citation; source?: Source }[];
}

/** Gathers the card of entity `id` (which must exist in `model`). Pure. */
export function entityCard(model: Model, id: string): EntityCard {
  const entity = model.entities.find((e) => e.id === id);
  if (!entity) throw new Error(`model/entity-card: no entity "${id}"`);
  const names = new Map(model.entities.map((e) => [e.id, e.name]));
  const name = (x: string) => names.get(x) ?? x;
  const rel = (r: Relation, other: string): CardRelation => ({
    id: r.id,
    type: r.type,
    other,
    otherName: name(other),
    relation: r,
  });
  const dep = (d: Dependency): CardDependency => ({
    dependency: d,
    nodeName: name(d.node),
    providers: d.providers.map((p) => ({ provider: p, name: name(p.provider) })),
  });
  const outgoing = model.relations.filter((r) => r.from === id).map((r) => rel(r, r.to));
  const incoming = model.relations.filter((r) => r.to === id).map((r) => rel(r, r.from));
  const needs = model.dependencies.filter((d) => d.node === id).map(dep);
  const provides = model.dependencies.filter((d) => d.providers.some((p) => p.provider === id)).map(dep);
  const sources = new Map(model.sources.map((s) => [s.id, s]));
  const citations: EntityCard['citations'] = [];
  const add = (on: string, cites: Citation[]) => {
    for (const c of cites) {
      const source = sources.get(c.source);
      citations.push({ on, citation: c, ...(source ? { source } : {}) });
    }
  };
  add('entity', entity.cite);
  for (const [k, q] of Object.entries(entity.quantities)) add(`quantity ${k}`, q.cite);
  for (const [k, v] of Object.entries(entity.attributes))
    if (typeof v === 'object' && !Array.isArray(v)) add(`attribute ${k}`, (v as Quantity).cite);
  for (const r of [...outgoing, ...incoming]) add(`relation ${r.id}`, r.relation.cite);
  for (const d of [...needs, ...provides]) {
    add(`dependency ${d.dependency.id}`, d.dependency.cite);
    for (const p of d.providers)
      if (p.provider.provider === id || d.dependency.node === id)
        add(`provider ${p.provider.provider} of ${d.dependency.id}`, p.provider.cite);
  }
  return { entity, outgoing, incoming, needs, provides, citations };
}
