// Structural analysis of the compiled model: cut sets, single points of failure, exposure, centrality.
export { cutSets, CUT_SET_DEFAULTS } from './cut-sets.js';
export type { CutSet, CutSetOptions, CutSetsResult, TargetCutSets } from './cut-sets.js';
export { singlePointsOfFailure } from './single-points-of-failure.js';
export type { SinglePoint, SinglePointOptions } from './single-points-of-failure.js';
export { exposure, exposureWeights, EXPOSURE_DEFAULTS } from './exposure.js';
export type { ExposureOptions, ExposurePath, ExposureResult, TargetExposure } from './exposure.js';
export { betweenness, BETWEENNESS_DEFAULTS } from './betweenness.js';
export type { BetweennessOptions, BetweennessResult } from './betweenness.js';
export { createCascade } from './cascade.js';
export type { Cascade, CascadeState } from './cascade.js';
export { explainPaths } from './explain-path.js';
export type { ExplainPath, PathStep } from './explain-path.js';
export { failureRule, requirementNeeds, providerWeights, FAILURE_RULE_DEFAULTS } from './failure-rule.js';
export type { FailureRuleOptions } from './failure-rule.js';
export { stronglyConnected } from './strongly-connected.js';
export { dominators, supportSizes } from './dominators.js';
export { defaultTargets } from './targets.js';
