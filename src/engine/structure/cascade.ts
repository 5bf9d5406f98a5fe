// Failure cascade under the structural failure rule: remove some nodes and propagate upward along
// the reverse adjacency, one provider slot at a time. Starting from everything up and only ever
// marking nodes failed, it reaches the greatest fixed point of "works" (the least of "fails"), which
// is where the engine's iteration from level 1 downward settles; a dependency loop therefore keeps
// itself running until one of its members is cut. Cost: O(provider slots of the failed nodes).
import type { CompiledModel } from '../compile.js';
import {
  failureRule,
  isBroken,
  providerWeights,
  requirementNeeds,
  type FailureRuleOptions,
} from './failure-rule.js';

/** Node and requirement states after a cascade. Arrays are owned by the caller of `run`. */
export interface CascadeState {
  /** 1 when the node is down (removed, or failed by a broken requirement). */
  failed: Uint8Array;
  /** 1 when the requirement is broken (its working providers cover less than it needs). */
  broken: Uint8Array;
  /** Summed share × quality of each requirement's working providers. */
  cover: Float64Array;
}

/** A reusable cascade over one compiled model: precomputes weights, needs and the baseline. */
export interface Cascade {
  /** Needs per requirement (see `requirementNeeds`). */
  need: Float64Array;
  /** Weights per provider slot (see `providerWeights`). */
  weight: Float64Array;
  /** The state with nothing removed (some nodes may already be down: inputs that never suffice). */
  baseline: CascadeState;
  /** The state after removing `removed` (node indices). Returns fresh arrays. */
  run(removed: ArrayLike<number>): CascadeState;
  /**
   * Like `run`, but reuses one set of arrays, undoing the previous call's changes first: cost is
   * proportional to what the cascade touches, not to the model. The state is valid until the next call.
   */
  runInPlace(removed: ArrayLike<number>): CascadeState;
}

/**
 * Builds a cascade for `cm` under the failure rule `options`.
 *
 * @example
 * const c = createCascade(cm);
 * c.run([cm.index['mzkt']]).failed[cm.index['iskander']]; // 1 if losing MZKT stops the capability
 */
export function createCascade(cm: CompiledModel, options: FailureRuleOptions = {}): Cascade {
  const rule = failureRule(options, 'engine/cascade');
  const need = requirementNeeds(cm, rule.failBelow);
  const weight = providerWeights(cm, rule.within);
  const R = cm.reqNode.length;
  const cover0 = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let s = 0;
    for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) s += weight[p];
    cover0[r] = s;
  }
  const empty: CascadeState = { failed: new Uint8Array(cm.n), broken: new Uint8Array(R), cover: cover0 };
  const stack = new Int32Array(cm.n);

  const propagate = (st: CascadeState, seeds: ArrayLike<number>, touched?: number[]): CascadeState => {
    const { failed, broken, cover } = st;
    let top = 0;
    for (let k = 0; k < seeds.length; k++) {
      const v = seeds[k];
      if (!failed[v]) {
        failed[v] = 1;
        stack[top++] = v;
      }
    }
    while (top > 0) {
      const v = stack[--top];
      for (let k = cm.usedByOffsets[v]; k < cm.usedByOffsets[v + 1]; k++) {
        const p = cm.usedBy[k];
        const w = weight[p];
        if (w === 0) continue;
        const r = cm.provReq[p];
        cover[r] -= w;
        touched?.push(r);
        if (!broken[r] && isBroken(cover[r], need[r])) {
          broken[r] = 1;
          const u = cm.reqNode[r];
          if (!failed[u]) {
            failed[u] = 1;
            stack[top++] = u;
          }
        }
      }
    }
    return st;
  };

  // Baseline: requirements that fall short with everything up fail their nodes from the start.
  const seeds: number[] = [];
  for (let r = 0; r < R; r++)
    if (isBroken(cover0[r], need[r])) {
      empty.broken[r] = 1;
      seeds.push(cm.reqNode[r]);
    }
  const baseline = propagate(empty, seeds);

  // In-place runs: undo by restoring the requirements touched and the nodes failed last time.
  let work: CascadeState | undefined;
  const touched: number[] = [];
  const failedNow: number[] = [];
  return {
    need,
    weight,
    baseline,
    runInPlace(removed) {
      if (!work)
        work = {
          failed: baseline.failed.slice(),
          broken: baseline.broken.slice(),
          cover: baseline.cover.slice(),
        };
      for (const r of touched) {
        work.cover[r] = baseline.cover[r];
        work.broken[r] = baseline.broken[r];
      }
      for (const v of failedNow) work.failed[v] = baseline.failed[v];
      touched.length = 0;
      failedNow.length = 0;
      propagate(work, removed, touched);
      for (let k = 0; k < removed.length; k++) failedNow.push(removed[k]);
      for (const r of touched) failedNow.push(cm.reqNode[r]);
      return work;
    },
    run(removed) {
      const st: CascadeState = {
        failed: baseline.failed.slice(),
        broken: baseline.broken.slice(),
        cover: baseline.cover.slice(),
      };
      return propagate(st, removed);
    },
  };
}
