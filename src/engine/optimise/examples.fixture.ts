// Small flow models whose optima are derived by hand in the tests beside this file.
import { parseModel } from '../../model/parse-model.js';
import type { Model } from '../../model/types.js';
import { UserError, formatProblem } from '../../model/problem.js';

/** Parses one YAML text as a model (path `path`), throwing on any error. */
export function modelOf(text: string, path = 'test.yaml'): Model {
  const r = parseModel([{ path, text }]);
  if (!r.model) throw new UserError(r.problems.map(formatProblem).join('\n'), r.problems);
  return r.model;
}

/**
 * Single tier: a car plant (capacity 10/day, demand 10/day, weight 2, 30 cars in stock) needs one
 * engine per car from s1 or s2 (6 engines/day each; either could cover the whole need).
 */
export const SINGLE_TIER = `
model: { id: single, title: Single tier }
entities:
  - { id: car, kind: product, name: Car, flow: { capacity: 10, demand: 10, weight: 2, inventory: 30 }, quantities: { ttr: 5 } }
  - { id: s1, kind: facility, name: Engine plant 1, flow: { capacity: 6 }, quantities: { ttr: { value: 10, unit: days } } }
  - { id: s2, kind: facility, name: Engine plant 2, flow: { capacity: 6 }, quantities: { time_to_recover: 20 } }
dependencies:
  - id: car-engine
    node: car
    input: engines
    bom: 1
    providers: [{ provider: s1 }, { provider: s2 }]
`;

/**
 * Multi tier: trucks (capacity 5/day, demand 4/day, TTR 2 days) need one chassis each from plant-a
 * (capacity 5/day, TTR 40) or, after a 10-day switch, from plant-b (at most 3/day); 10 days of
 * chassis are stocked at the truck plant. Plant-a needs 2 t of steel per chassis from a mill
 * (capacity 20 t/day, TTR 30).
 */
export const MULTI_TIER = `
model: { id: multi, title: Multi tier }
entities:
  - { id: truck, kind: product, name: Truck, flow: { capacity: 5, demand: 4 }, quantities: { ttr: 2 } }
  - { id: plant-a, kind: facility, name: Chassis plant A, flow: { capacity: 5 }, quantities: { ttr: 40 } }
  - { id: plant-b, kind: facility, name: Chassis plant B, quantities: { ttr: 60 } }
  - { id: mill, kind: facility, name: Steel mill, flow: { capacity: 20 }, quantities: { ttr: 30 } }
dependencies:
  - id: truck-chassis
    node: truck
    input: chassis
    bom: 1
    buffer: { value: 10, unit: days }
    providers:
      - { provider: plant-a }
      - { provider: plant-b, lead_time: 10, capacity: 3 }
  - id: chassis-steel
    node: plant-a
    input: steel
    bom: 2
    providers: [{ provider: mill }]
`;

/**
 * Levels (no flow data): a capability needs a unit's support (criticality 0.5) and a depot's
 * repairs (criticality 1) that an alternative depot can cover at 60% with a 5-day switch.
 */
export const LEVELS = `
model: { id: levels, title: Levels }
entities:
  - { id: cap, kind: capability, name: Capability }
  - { id: unit, kind: unit, name: Support unit, quantities: { ttr: 10 } }
  - { id: depot, kind: facility, name: Depot, quantities: { ttr: 20 } }
  - { id: alt, kind: facility, name: Other depot, quantities: { ttr: 20 } }
dependencies:
  - { id: cap-unit, node: cap, input: support, criticality: 0.5, providers: [{ provider: unit }] }
  - id: cap-repair
    node: cap
    input: repairs
    providers: [{ provider: depot }, { provider: alt, share: 0.6, lead_time: 5 }]
`;
