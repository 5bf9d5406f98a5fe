// Which nodes an analysis reports on: named entity ids, or by default the model's capabilities.
import type { CompiledModel } from '../compile.js';

/** Node indices of `ids`; throws naming the unknown id (and the as-of date that may have dropped it). */
export function resolveTargets(cm: CompiledModel, ids: readonly string[], where: string): number[] {
  return ids.map((id) => {
    const i = cm.index[id];
    if (i === undefined)
      throw new RangeError(
        `${where}: unknown target "${id}"${cm.asOf ? ` (or not valid on ${cm.asOf})` : ''}`,
      );
    return i;
  });
}

/** Capabilities; in a model without any, the nodes that have requirements and that nothing uses. */
export function defaultTargets(cm: CompiledModel): number[] {
  const caps: number[] = [];
  for (let i = 0; i < cm.n; i++) if (cm.kind[i] === 'capability') caps.push(i);
  if (caps.length) return caps;
  const tops: number[] = [];
  for (let i = 0; i < cm.n; i++)
    if (cm.reqOffsets[i + 1] > cm.reqOffsets[i] && cm.usedByOffsets[i + 1] === cm.usedByOffsets[i])
      tops.push(i);
  return tops;
}
