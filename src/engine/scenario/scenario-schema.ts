// The scenario format: a YAML file listing shocks on selected nodes or provider links, with their
// timing and recovery, a horizon and a time step. Documented in docs/scenarios.md; the shapes here
// are what the parser checks (unknown fields are errors, with suggestions).
import { z } from 'zod';
import { Citation, Id, PartialDate, Quantity, RELATION_TYPES } from '../../model/schema.js';
import type { At, Citation as CitationT, Quantity as QuantityT } from '../../model/types.js';

export const SHOCK_TYPES = [
  'outage',
  'capacity',
  'slowdown',
  'loss-of-substitutes',
  'sanctions',
  'financing',
] as const;
export type ShockType = (typeof SHOCK_TYPES)[number];

/** Shock types that act on nodes (`target`); the others act on provider links (`from`/`to`). */
export const NODE_SHOCKS: readonly ShockType[] = ['outage', 'capacity'];

export const SelectorObject = z.strictObject({
  /** One entity id. */
  id: Id.optional(),
  /** Several entity ids (any of them). */
  ids: z.array(Id).optional(),
  /** Entity kind (state, facility, capability, …). */
  kind: z.string().optional(),
  /** Finer entity type (plant, rail, airfield, …). */
  type: z.string().optional(),
  /** ISO country code. */
  country: z.string().optional(),
  /** A tag the entity carries. */
  tag: z.string().optional(),
  /** Entities at the `from` end of a relation of this type (e.g. `transports`: the carriers). */
  relation: z.string().optional(),
});
/** A selector: an entity id, an object whose fields must all match, or a list of these (any). */
export const Selector = z.union([Id, SelectorObject, z.array(z.union([Id, SelectorObject])).min(1)]);

const Duration = z.union([Quantity, z.literal('permanent')]);

export const ShockSchema = z.strictObject({
  id: Id.optional(),
  type: z.enum(SHOCK_TYPES),
  /** Node shocks (outage, capacity): the nodes hit. */
  target: Selector.optional(),
  /** Link shocks: the providers whose deliveries are hit (default: any). */
  from: Selector.optional(),
  /** Link shocks: the dependants whose supply is hit (default: any). */
  to: Selector.optional(),
  /** Link shocks: only links whose two ends are joined by a relation of this type. */
  via: z.enum(RELATION_TYPES).optional(),
  /** capacity: the fraction of capacity left (0..1). */
  level: Quantity.optional(),
  /** sanctions, financing, loss-of-substitutes: the fraction of the flow cut (default 1). */
  severity: Quantity.optional(),
  /** slowdown: extra delivery time (days unless a unit is given). */
  delay: Quantity.optional(),
  /** Days after the scenario start (default 0). */
  onset: Quantity.optional(),
  /** How long the shock lasts at full strength (default permanent). */
  duration: Duration.optional(),
  /** Days to recover linearly to normal after the duration (default 0: at once). */
  recovery: Quantity.optional(),
  /** Instead of level/duration/recovery: the remaining level by day since onset, [[day, level], …]. */
  curve: z
    .array(z.tuple([z.number().min(0), z.number().min(0).max(1)]))
    .min(1)
    .optional(),
  cite: z.array(Citation).optional(),
  note: z.string().optional(),
});

export const ScenarioSchema = z.strictObject({
  id: Id,
  title: z.string().min(1),
  description: z.string().optional(),
  /** Date the scenario starts from; the model is compiled as of this date (default: the model's as_of). */
  as_of: PartialDate.optional(),
  /** Simulated time span (days unless a unit is given; default 365). */
  horizon: Quantity.optional(),
  /** Time step in days (default 1). */
  step: z.number().positive().optional(),
  /** Days a substitute takes to ramp from nothing to its full share after its lead time (default 0). */
  substitute_ramp: Quantity.optional(),
  /** Whether this scenario is a mitigation (a programme with a cost) rather than a threat. */
  mitigation: z
    .strictObject({
      cost: Quantity.optional(),
      lead_time: Quantity.optional(),
      description: z.string().optional(),
      cite: z.array(Citation).optional(),
    })
    .optional(),
  /** Add providers (mitigations): new substitutes for named dependencies. */
  adds: z
    .array(
      z.strictObject({
        dependency: Id,
        provider: Id,
        share: Quantity.optional(),
        quality: Quantity.optional(),
        lead_time: Quantity.optional(),
        cost: Quantity.optional(),
        cite: z.array(Citation).optional(),
        note: z.string().optional(),
      }),
    )
    .optional(),
  /** Run the shocks on top of another scenario of the same folder (by id). */
  extends: Id.optional(),
  cite: z.array(Citation).optional(),
  note: z.string().optional(),
  shocks: z.array(ShockSchema),
});

/** A normalised selector: every listed field must match; a list of selectors matches any. */
export interface Selector {
  ids?: string[];
  kind?: string;
  type?: string;
  country?: string;
  tag?: string;
  relation?: string;
}

/** A normalised shock; quantities in days and fractions. */
export interface Shock {
  id: string;
  /** Id of the scenario that defined it, when inherited through `extends` (keeps sample labels stable). */
  origin?: string;
  type: ShockType;
  target?: Selector[];
  from?: Selector[];
  to?: Selector[];
  via?: string;
  /** Remaining level while at full strength (outage 0; capacity `level`; link shocks 1 - severity). */
  level: QuantityT;
  delay?: QuantityT;
  onset: QuantityT;
  /** null = permanent. */
  duration: QuantityT | null;
  recovery: QuantityT;
  curve?: [number, number][];
  cite: CitationT[];
  note?: string;
  at?: At;
}

/** A provider a mitigation adds to a dependency. */
export interface AddedProvider {
  dependency: string;
  provider: string;
  share: QuantityT;
  quality: QuantityT;
  leadTime: QuantityT;
  cost: QuantityT;
  cite: CitationT[];
  note?: string;
  at?: At;
}

/** A scenario, normalised: what the planner and the Monte Carlo sampler take. */
export interface Scenario {
  id: string;
  title: string;
  description?: string;
  asOf?: string;
  horizon: number;
  step: number;
  substituteRamp: QuantityT;
  mitigation?: { cost?: QuantityT; leadTime?: QuantityT; description?: string; cite: CitationT[] };
  adds: AddedProvider[];
  extends?: string;
  shocks: Shock[];
  cite: CitationT[];
  note?: string;
  /** File it was read from, as given to the parser. */
  file?: string;
}
