// Optimisation: the flow LP, performance impact, risk exposure index, time-to-survive, mitigations.
export { flowData, emptyFlowData, TTR_KEYS, type FlowData } from './flow-data.js';
export {
  flowModel,
  buildFlowModel,
  type FlowModel,
  type FlowModelOptions,
  type ParametricLp,
  type DemandSource,
} from './flow-model.js';
export {
  loadHighs,
  openLp,
  solveLp,
  LpSession,
  type LpData,
  type LpResult,
  type LpStatus,
} from './solve-lp.js';
export {
  ImpactSession,
  resolveDisruptions,
  boundsAt,
  type Disruption,
  type ResolvedDisruption,
  type LossSolve,
} from './impact-session.js';
export {
  performanceImpact,
  bestResponse,
  describeFailure,
  type BestResponse,
  type ImpactResult,
  type ImpactOptions,
} from './performance-impact.js';
export { riskExposureIndex, type ReiNode, type ReiResult, type ReiOptions } from './rei.js';
export { timeToSurvive, TtsSession, type TtsNode, type TtsResult, type TtsOptions } from './tts.js';
export { MitigationSchema, type Mitigation } from './mitigation-schema.js';
export {
  parseMitigation,
  type MitigationParseResult,
  type ParseMitigationOptions,
} from './parse-mitigation.js';
export { applyMitigation } from './apply-mitigation.js';
export {
  rankMitigations,
  type MitigationRank,
  type RankMitigationsResult,
  type RankMitigationsOptions,
} from './rank-mitigations.js';
export {
  optimisationSummary,
  type OptimisationSummary,
  type OptimisationSummaryOptions,
} from './optimisation-summary.js';
