// Explaining paths: why a set of lost nodes makes a target fail. After the cascade, walk down from
// the target along broken requirements to their failed providers (breadth first, so each path is a
// shortest chain of failures) until every lost node is reached.
import type { CompiledModel } from '../compile.js';
import type { CascadeState } from './cascade.js';

/** One link of an explaining path: `node` fails because its requirement `dependency` lost `provider`. */
export interface PathStep {
  node: string;
  dependency: string;
  provider: string;
}

/** The chain of failures from a target down to one lost node (`steps` empty when it is the target). */
export interface ExplainPath {
  member: string;
  steps: PathStep[];
}

/**
 * The shortest chains of broken requirements leading from `target` to each node of `members`,
 * given the cascade `state` that removing `members` produced. A member the target's failure does
 * not run through gets no path (`steps: null` is never returned; it is simply left out).
 *
 * @example
 * const st = createCascade(cm).run(cut);
 * explainPaths(cm, target, cut, st); // [{ member: 'mzkt', steps: [{ node: 'iskander', dependency: 'iskander-chassis', provider: 'mzkt' }] }]
 */
export function explainPaths(
  cm: CompiledModel,
  target: number,
  members: readonly number[],
  state: CascadeState,
): ExplainPath[] {
  const via = new Map<number, number>(); // node -> provider slot it was reached through
  via.set(target, -1);
  const queue = [target];
  const wanted = new Set(members);
  let left = wanted.size - (wanted.has(target) ? 1 : 0);
  for (let h = 0; h < queue.length && left > 0; h++) {
    const u = queue[h];
    if (u !== target && wanted.has(u)) continue; // a lost node is where a chain ends
    for (let r = cm.reqOffsets[u]; r < cm.reqOffsets[u + 1]; r++) {
      if (!state.broken[r]) continue;
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) {
        const v = cm.provNode[p];
        if (!state.failed[v] || via.has(v)) continue;
        via.set(v, p);
        queue.push(v);
        if (wanted.has(v)) left--;
      }
    }
  }
  const out: ExplainPath[] = [];
  for (const m of members) {
    if (!via.has(m)) continue;
    const steps: PathStep[] = [];
    for (let v = m; v !== target;) {
      const p = via.get(v)!;
      const r = cm.provReq[p];
      const u = cm.reqNode[r];
      steps.push({ node: cm.ids[u], dependency: cm.reqId[r], provider: cm.ids[v] });
      v = u;
    }
    out.push({ member: cm.ids[m], steps: steps.reverse() });
  }
  return out;
}
