// The flow data the optimisation reads from a model, aligned with the compiled arrays: capacity,
// demand, value weight, inventory and time-to-recover per node, bill of materials per requirement,
// shared capacity per provider. Malformed values are reported all at once, each at its field.
import type { CompiledModel } from '../compile.js';
import type { Model, Quantity } from '../../model/types.js';
import { formatProblem, UserError, type Problem } from '../../model/problem.js';

/**
 * Flow data in compiled order. `NaN` means "not given" and selects the default the flow model
 * documents (no capacity: the node's output is a level shared by all its users; demand: see
 * `flowModel`; weight 1; inventory 0; time-to-recover: the analysis default; bill of materials 1;
 * provider capacity: unlimited).
 */
export interface FlowData {
  /** Units of output per day (`entity.flow.capacity`). */
  capacity: Float64Array;
  /** Units per day demanded of the node as an end product (`entity.flow.demand`). */
  demand: Float64Array;
  /** Value of one unit of unmet demand (`entity.flow.weight`). */
  weight: Float64Array;
  /** Units of finished output on hand (`entity.flow.inventory`). */
  inventory: Float64Array;
  /** Days to recover after a disruption (`entity.quantities.ttr` or `time_to_recover`). */
  ttr: Float64Array;
  /** Units of input per unit of output, per requirement (`dependency.bom`). */
  bom: Float64Array;
  /** Units per day the provider can give this dependant (`provider.capacity`). */
  provCapacity: Float64Array;
}

/** Quantity names under `entity.quantities` read as the time-to-recover. */
export const TTR_KEYS = ['ttr', 'time_to_recover'] as const;

/** Flow data with nothing given: every value takes its default. */
export function emptyFlowData(cm: CompiledModel): FlowData {
  const nan = (k: number) => new Float64Array(k).fill(NaN);
  const R = cm.reqOffsets[cm.n];
  return {
    capacity: nan(cm.n),
    demand: nan(cm.n),
    weight: nan(cm.n),
    inventory: nan(cm.n),
    ttr: nan(cm.n),
    bom: nan(R),
    provCapacity: nan(cm.provNode.length),
  };
}

const BAD_BOM_DIMENSIONS = new Set(['time', 'fraction', 'currency', 'currency-rate', 'share-of-gdp']);

/**
 * Reads the flow data of `model` for the nodes, requirements and providers kept in `cm`.
 * Throws a UserError listing every malformed value with its file:line:column.
 */
export function flowData(model: Model, cm: CompiledModel): FlowData {
  const out = emptyFlowData(cm);
  const problems: Problem[] = [];
  const bad = (q: Quantity, code: string, message: string) =>
    problems.push({ severity: 'error', code, message, ...(q.at ? { at: q.at } : {}) });
  const nonNegative = (q: Quantity | undefined, what: string): number => {
    if (!q) return NaN;
    if (!Number.isFinite(q.nominal) || q.min < 0)
      bad(
        q,
        'flow',
        `${what} must be a non-negative number, got ${q.min === q.nominal ? q.nominal : `${q.min}..${q.max}`}`,
      );
    return q.nominal;
  };

  for (let i = 0; i < cm.n; i++) {
    const e = model.entities[cm.entityIndex[i]];
    const f = e.flow;
    if (f) {
      out.capacity[i] = nonNegative(f.capacity, `flow.capacity of "${e.id}"`);
      out.demand[i] = nonNegative(f.demand, `flow.demand of "${e.id}"`);
      out.weight[i] = nonNegative(f.weight, `flow.weight of "${e.id}"`);
      out.inventory[i] = nonNegative(f.inventory, `flow.inventory of "${e.id}"`);
    }
    for (const k of TTR_KEYS) {
      const q = e.quantities[k];
      if (!q) continue;
      if (q.dimension !== undefined && q.dimension !== 'time')
        bad(
          q,
          'ttr',
          `time-to-recover of "${e.id}" is a time (e.g. { value: 6, unit: months }); "${q.givenUnit}" measures ${q.dimension}`,
        );
      out.ttr[i] = nonNegative(q, `time-to-recover of "${e.id}"`);
      break;
    }
  }

  const R = cm.reqOffsets[cm.n];
  for (let r = 0; r < R; r++) {
    const d = model.dependencies[cm.reqDep[r]];
    const q = d.bom;
    if (q) {
      if (q.dimension !== undefined && BAD_BOM_DIMENSIONS.has(q.dimension))
        bad(
          q,
          'bom',
          `bill of materials of "${d.id}" counts units of input per unit of output; "${q.givenUnit}" measures ${q.dimension}`,
        );
      else if (!Number.isFinite(q.nominal) || q.min <= 0)
        bad(
          q,
          'bom',
          `bill of materials of "${d.id}" must be a positive number of input units per unit of "${d.node}", got ${q.min === q.nominal ? q.nominal : `${q.min}..${q.max}`}`,
        );
      out.bom[r] = q.nominal;
    }
    for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) {
      const prov = d.providers[cm.provIndex[p]];
      out.provCapacity[p] = nonNegative(
        prov.capacity,
        `capacity of provider "${prov.provider}" in "${d.id}"`,
      );
    }
  }

  if (problems.length)
    throw new UserError(
      `optimise/flow: ${problems.length} malformed flow value${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => '  ' + formatProblem(p)).join('\n'),
      problems,
    );
  return out;
}
