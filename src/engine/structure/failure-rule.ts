// The structural failure rule shared by cut sets, single points of failure and their explanations.
// It is the engine's level semantics (docs/methods.md, "Compiled form") seen in black and white:
// every node is either fully up (level 1) or down (level 0), substitutes count once switched to,
// buffers have run dry, and a node counts as failed when its level would fall below `failBelow`.
import type { CompiledModel } from '../compile.js';

/** Options of the structural failure rule. */
export interface FailureRuleOptions {
  /**
   * A node counts as failed when a requirement would hold its level below this (0 < θ ≤ 1;
   * default 0.5). Requirement r holds its node at 1 − c_r (1 − a_r), so it can fail the node only if
   * its criticality c_r exceeds 1 − θ; lower-criticality requirements only degrade.
   */
  failBelow?: number;
  /**
   * Substitutes whose switch lead time exceeds this many days do not count (default Infinity: every
   * listed alternative counts, the long-run structural view; 0 = only providers in use now).
   */
  within?: number;
}

export const FAILURE_RULE_DEFAULTS: Required<FailureRuleOptions> = { failBelow: 0.5, within: Infinity };

/** Tolerance on cover comparisons, so shares written as decimals compare as the author meant. */
export const COVER_EPSILON = 1e-9;

/** Validates and completes failure-rule options; throws with a located message on bad input. */
export function failureRule(
  options: FailureRuleOptions = {},
  where = 'engine/structure',
): Required<FailureRuleOptions> {
  const o = { ...FAILURE_RULE_DEFAULTS, ...options };
  if (!(o.failBelow > 0 && o.failBelow <= 1))
    throw new RangeError(`${where}: failBelow must be in (0, 1], got ${o.failBelow}`);
  if (!(o.within >= 0))
    throw new RangeError(`${where}: within must be a number of days >= 0, got ${o.within}`);
  return o;
}

/**
 * The cover each requirement needs: r fails its node when the summed share × quality of its working
 * providers drops below need[r] = 1 − (1 − θ) / c_r; need[r] = −Infinity when c_r ≤ 1 − θ (never fails).
 */
export function requirementNeeds(cm: CompiledModel, failBelow: number): Float64Array {
  const R = cm.reqNode.length;
  const need = new Float64Array(R);
  const slack = 1 - failBelow;
  for (let r = 0; r < R; r++) {
    const c = cm.reqCriticality[r];
    need[r] = c > slack + COVER_EPSILON ? 1 - slack / c : -Infinity;
  }
  return need;
}

/** Weight of each provider slot: share × quality, or 0 for a substitute slower than `within` days. */
export function providerWeights(cm: CompiledModel, within: number): Float64Array {
  const P = cm.provNode.length;
  const w = new Float64Array(P);
  for (let p = 0; p < P; p++) w[p] = cm.provLeadTime[p] <= within ? cm.provShare[p] * cm.provQuality[p] : 0;
  return w;
}

/** True when a requirement with this cover is broken (fails its node). */
export function isBroken(cover: number, need: number): boolean {
  return cover < need - COVER_EPSILON;
}
