// The mitigation file format: one YAML file per candidate mitigation, an overlay on a model that adds
// capacity, a new alternative provider (with its switching lead time), or a stockpile, at a cost.
// Documented in docs/methods.md ("Optimisation", "Mitigation files").
import { z } from 'zod';
import { Citation, Confidence, Entity, Id, Quantity } from '../../model/schema.js';
import type {
  Citation as CitationT,
  Entity as EntityT,
  Quantity as QuantityT,
  At,
} from '../../model/types.js';

/** A new provider for an existing dependency (a substitute, switched to after `lead_time`). */
export const AddProvider = z.strictObject({
  dependency: Id,
  provider: Id,
  share: Quantity.optional(),
  quality: Quantity.optional(),
  lead_time: Quantity.optional(),
  /** Units per day it can give this dependant. */
  capacity: Quantity.optional(),
  cite: z.array(Citation).optional(),
  estimate: z.boolean().optional(),
  note: z.string().optional(),
});

/** More capacity: units per day on an entity, or a larger share for an existing provider. */
export const AddCapacity = z.strictObject({
  entity: Id.optional(),
  /** Units per day added to the entity's flow.capacity. */
  capacity: Quantity.optional(),
  dependency: Id.optional(),
  provider: Id.optional(),
  /** Added to the provider's share of the need (capped at 1). */
  share: Quantity.optional(),
  cite: z.array(Citation).optional(),
  estimate: z.boolean().optional(),
  note: z.string().optional(),
});

/** A stockpile: days of cover for a dependency, or finished units at an entity. */
export const Stockpile = z.strictObject({
  dependency: Id.optional(),
  /** Days of full-level need added to the dependency's buffer. */
  buffer: Quantity.optional(),
  entity: Id.optional(),
  /** Units added to the entity's flow.inventory. */
  inventory: Quantity.optional(),
  cite: z.array(Citation).optional(),
  estimate: z.boolean().optional(),
  note: z.string().optional(),
});

export const MitigationSchema = z.strictObject({
  id: Id,
  title: z.string().min(1),
  description: z.string().optional(),
  /** What it costs to put in place (money, e.g. `{ value: 40, unit: billion RUB }`). */
  cost: Quantity,
  /** How long it takes to put in place, before it protects anything (reported, not simulated). */
  lead_time: Quantity.optional(),
  cite: z.array(Citation).optional(),
  confidence: Confidence.optional(),
  estimate: z.boolean().optional(),
  note: z.string().optional(),
  /** New entities the mitigation creates (a new plant, a new rail link). */
  entities: z.array(Entity).optional(),
  adds: z.array(AddProvider).optional(),
  capacity: z.array(AddCapacity).optional(),
  stockpiles: z.array(Stockpile).optional(),
});

/** A normalised mitigation: quantities in canonical units (days, fractions, the cost's currency). */
export interface Mitigation {
  id: string;
  title: string;
  description?: string;
  cost: QuantityT;
  leadTime?: QuantityT;
  cite: CitationT[];
  estimate: boolean;
  note?: string;
  entities: EntityT[];
  adds: {
    dependency: string;
    provider: string;
    share: QuantityT;
    quality: QuantityT;
    leadTime: QuantityT;
    capacity?: QuantityT;
    cite: CitationT[];
    estimate: boolean;
    at?: At;
  }[];
  capacity: (
    | { entity: string; capacity: QuantityT; at?: At }
    | { dependency: string; provider: string; share: QuantityT; at?: At }
  )[];
  stockpiles: (
    { dependency: string; buffer: QuantityT; at?: At } | { entity: string; inventory: QuantityT; at?: At }
  )[];
  /** File it was read from. */
  file?: string;
  at?: At;
}
