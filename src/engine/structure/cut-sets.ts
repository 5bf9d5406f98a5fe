// Minimal cut sets of an AND/OR requirement graph: the smallest sets of nodes whose joint loss makes
// a target fail. Bottom-up cut-set algebra over the compiled arrays, in the spirit of MOCUS
// (Fussell & Vesely, "A new methodology for obtaining cut sets for fault trees", Trans. ANS 15,
// 1972), applied bottom-up (providers before the nodes that need them):
//   F(v)   = {{v}} ∪ ⋃_r B(r)                 a node fails if lost itself or if a requirement breaks
//   B(r)   = ⋃_{F minimal blocking} ⊗_{p∈F} F(p)   a requirement breaks when enough providers fail
// with absorption (minimal sets only) and truncation at `maxOrder`. Dependency loops are solved as a
// least fixed point per strongly connected component (Kleene iteration from F(v) = {{v}}), which is
// the cascade's greatest fixed point of "works": a running loop stays up until one member is cut.
import type { CompiledModel } from '../compile.js';
import { createCascade } from './cascade.js';
import { explainPaths, type ExplainPath } from './explain-path.js';
import { failureRule, isBroken, type FailureRuleOptions } from './failure-rule.js';
import { compareSets, familyAlgebra, type SetFamily } from './set-family.js';
import { stronglyConnected } from './strongly-connected.js';
import { defaultTargets, resolveTargets } from './targets.js';

export interface CutSetOptions extends FailureRuleOptions {
  /** Entity ids to analyse; default: every capability (or, without any, every top-level node). */
  targets?: readonly string[];
  /** Largest cut set reported (default 3). */
  maxOrder?: number;
  /** Most minimal sets kept per node and reported per target (default 10,000); beyond it, results are marked truncated. */
  limit?: number;
  /** Attach the explaining path from the target to each member (default true). */
  explain?: boolean;
}

export const CUT_SET_DEFAULTS = { maxOrder: 3, limit: 10_000, explain: true };

/** One minimal cut set: lose all of `nodes` and the target fails; lose any fewer and it does not. */
export interface CutSet {
  order: number;
  /** Entity ids, in model order. */
  nodes: string[];
  /** For each member, the chain of broken requirements from the target down to it. */
  paths?: ExplainPath[];
}

export interface TargetCutSets {
  target: string;
  /** True when the target fails with nothing lost (an input that never suffices); no cut sets then. */
  failsAtBaseline: boolean;
  /** Minimal cut sets, smallest first, then in model order. */
  cutSets: CutSet[];
  /** Number of minimal cut sets of each order 1..maxOrder (before `limit`). */
  countsByOrder: number[];
  /** True when `limit` cut some sets off (for this target or a node it rests on). */
  truncated: boolean;
}

export interface CutSetsResult {
  maxOrder: number;
  failBelow: number;
  within: number | null;
  targets: TargetCutSets[];
}

/**
 * Minimal cut sets of every target up to `maxOrder` under the structural failure rule (see
 * failure-rule.ts). Single points of failure are the cut sets of order 1.
 *
 * @example
 * const res = cutSets(compile(model), { maxOrder: 2 });
 * res.targets[0].cutSets[0]; // { order: 1, nodes: ['mzkt'], paths: [...] }
 */
export function cutSets(cm: CompiledModel, options: CutSetOptions = {}): CutSetsResult {
  const { maxOrder, limit, explain } = { ...CUT_SET_DEFAULTS, ...options };
  const rule = failureRule(options, 'engine/cut-sets');
  if (!Number.isInteger(maxOrder) || maxOrder < 1)
    throw new RangeError(`engine/cut-sets: maxOrder must be an integer >= 1, got ${maxOrder}`);
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`engine/cut-sets: limit must be an integer >= 1, got ${limit}`);
  const targets = options.targets
    ? resolveTargets(cm, options.targets, 'engine/cut-sets')
    : defaultTargets(cm);
  const cascade = createCascade(cm, rule);
  const { need, weight } = cascade;
  const K = maxOrder;
  const { minimize, product, sameFamily } = familyAlgebra(cm.n, K);

  // Support: nodes the targets rest on through requirements that can fail them.
  const breakable = (r: number) => need[r] !== -Infinity;
  const edgesOf = (u: number, visit: (v: number) => void) => {
    for (let r = cm.reqOffsets[u]; r < cm.reqOffsets[u + 1]; r++) {
      if (!breakable(r)) continue;
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++)
        if (weight[p] > 0) visit(cm.provNode[p]);
    }
  };
  const components = stronglyConnected(cm.n, targets, edgesOf);
  const comp = new Int32Array(cm.n).fill(-1);
  components.forEach((c, k) => c.forEach((v) => (comp[v] = k)));

  const fam: (SetFamily | undefined)[] = new Array(cm.n);
  const truncated = new Uint8Array(cm.n);
  const alwaysDown = (v: number) => fam[v]!.length === 1 && fam[v]![0].length === 0;

  const evaluate = (v: number): SetFamily => {
    const acc: SetFamily = [[v]];
    let trunc = 0;
    for (let r = cm.reqOffsets[v]; r < cm.reqOffsets[v + 1]; r++) {
      if (!breakable(r)) continue;
      // Providers merged by node; those always down contribute nothing.
      const byNode = new Map<number, number>();
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) {
        const u = cm.provNode[p];
        if (weight[p] > 0 && !alwaysDown(u)) byNode.set(u, (byNode.get(u) ?? 0) + weight[p]);
      }
      let avail = 0;
      for (const w of byNode.values()) avail += w;
      if (isBroken(avail, need[r])) return [[]];
      const list = [...byNode].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const m = list.length;
      // suffix[j]: weight of every provider from j on (to prune branches that can no longer break r).
      const suffix = new Float64Array(m + 1);
      for (let j = m - 1; j >= 0; j--) suffix[j] = suffix[j + 1] + list[j][1];
      const chosen: number[] = [];
      // Blocking sets are not limited to maxOrder providers: alternatives that share a supplier can
      // combine into a small cut set. The running product prunes instead: once it has no set of
      // size <= maxOrder left, no larger blocking set can add one.
      const visit = (start: number, removed: number, prod: SetFamily) => {
        for (let j = start; j < m; j++) {
          if (!isBroken(avail - removed - suffix[j], need[r])) return;
          const [u, w] = list[j];
          const next = product(prod, fam[u]!);
          if (next.length === 0) continue;
          chosen.push(u);
          const rem = removed + w;
          if (isBroken(avail - rem, need[r])) {
            // Providers are taken heaviest first, so the last one is the lightest: the set is a
            // minimal blocking set iff it is needed.
            if (!isBroken(avail - (rem - w), need[r])) {
              for (const x of chosen) trunc |= truncated[x];
              for (const s of next) acc.push(s);
            }
          } else visit(j + 1, rem, next);
          chosen.pop();
        }
      };
      visit(0, 0, [[]]);
    }
    let out = minimize(acc);
    if (out.length > limit + 1) {
      out = out.slice(0, limit + 1); // + 1: the node's own loss, {v}
      trunc = 1;
    }
    truncated[v] = trunc;
    return out;
  };

  for (const c of components) {
    if (c.length === 1 && !selfLoop(c[0], edgesOf)) {
      fam[c[0]] = evaluate(c[0]);
      continue;
    }
    for (const v of c) fam[v] = [[v]];
    const queued = new Uint8Array(c.length);
    const pos = new Map(c.map((v, k) => [v, k]));
    const work = c.slice();
    queued.fill(1);
    for (let h = 0; h < work.length; h++) {
      const v = work[h];
      queued[pos.get(v)!] = 0;
      const next = evaluate(v);
      if (sameFamily(next, fam[v]!)) continue;
      fam[v] = next;
      // Re-evaluate the loop members that use v.
      for (let k = cm.usedByOffsets[v]; k < cm.usedByOffsets[v + 1]; k++) {
        const u = cm.reqNode[cm.provReq[cm.usedBy[k]]];
        const q = pos.get(u);
        if (q !== undefined && comp[u] === comp[v] && !queued[q]) {
          queued[q] = 1;
          work.push(u);
        }
      }
    }
  }

  const result: TargetCutSets[] = targets.map((t) => {
    const f = fam[t]!;
    const failsAtBaseline = f.length === 1 && f[0].length === 0;
    const sets = failsAtBaseline ? [] : f.filter((s) => !s.includes(t)).sort(compareSets);
    const countsByOrder = new Array<number>(K).fill(0);
    for (const s of sets) countsByOrder[s.length - 1]++;
    const kept = sets.slice(0, limit);
    const cuts: CutSet[] = kept.map((s) => {
      const c: CutSet = { order: s.length, nodes: s.map((v) => cm.ids[v]) };
      if (explain) {
        const st = cascade.runInPlace(s);
        if (!st.failed[t])
          throw new Error(`engine/cut-sets: internal: {${c.nodes.join(', ')}} does not fail ${cm.ids[t]}`);
        c.paths = explainPaths(cm, t, s, st);
      }
      return c;
    });
    return {
      target: cm.ids[t],
      failsAtBaseline,
      cutSets: cuts,
      countsByOrder,
      truncated: truncated[t] === 1 || sets.length > limit,
    };
  });
  return {
    maxOrder: K,
    failBelow: rule.failBelow,
    within: Number.isFinite(rule.within) ? rule.within : null,
    targets: result,
  };
}

function selfLoop(v: number, edgesOf: (u: number, visit: (v: number) => void) => void): boolean {
  let found = false;
  edgesOf(v, (u) => {
    found ||= u === v;
  });
  return found;
}
