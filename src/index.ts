// tyl's public API: the curated exports a library user imports. Only re-exports live here.
export * as schema from './model/schema.js';
export { ENTITY_KINDS, RELATION_TYPES } from './model/schema.js';
export type * from './model/types.js';
export { parseModel } from './model/parse-model.js';
export type { ModelFileText, ParseResult, ParseOptions, DocumentOutline } from './model/parse-model.js';
export { sliceModel } from './model/slice.js';
export { modelStats } from './model/model-stats.js';
export type { ModelStats } from './model/model-stats.js';
export { findEntity } from './model/find-entity.js';
export type { FindResult } from './model/find-entity.js';
export { entityCard } from './model/entity-card.js';
export type { EntityCard } from './model/entity-card.js';
export { queryEntities } from './model/query-entities.js';
export type { EntityQuery } from './model/query-entities.js';
export { timeline } from './model/timeline.js';
export type { TimelineEntry, TimelineOptions } from './model/timeline.js';
export { modelJsonSchema } from './model/json-schema.js';
export { formatProblem, didYouMean, UserError } from './model/problem.js';
export type { Problem } from './model/problem.js';
export { isValidAt, dateStart, dateEnd } from './model/dates.js';
export { UNITS, unitInfo } from './model/units.js';
export { readModel, readModelFiles, sourceOutline } from './store/read-model.js';
export { splitDocument, slugify } from './evidence/split-document.js';
export type * from './store/store.js';
export { openSqliteStore, SqliteStore } from './store/sqlite-store.js';
export { ingestFiles } from './evidence/ingest-files.js';
export { prepareDocument, readDocument } from './evidence/prepare-document.js';
export { buildGazetteer, findMentions } from './evidence/gazetteer.js';
export { modelGazetteer } from './evidence/model-gazetteer.js';
export { extractClaims, TRIGGERS } from './evidence/extract-claims.js';
export { acceptClaim, rejectClaim } from './evidence/accept-claim.js';
export { insertRelation, insertListItem } from './evidence/insert-relation.js';
export { evidenceFor } from './evidence/evidence-for.js';
export { coverage } from './evidence/coverage.js';
export { decodeText } from './evidence/decode-text.js';
export { htmlToText } from './evidence/html-to-text.js';
export { cutSets, singlePointsOfFailure, exposure, betweenness } from './engine/structure/index.js';
export type {
  CutSetOptions,
  CutSetsResult,
  ExposureOptions,
  ExposureResult,
  BetweennessOptions,
  BetweennessResult,
} from './engine/structure/index.js';
export { compile, capabilityNodes } from './engine/compile.js';
export type { CompiledModel, CompileOptions, SampleSlot } from './engine/compile.js';
export { simulate, simulateAsync } from './engine/simulate/simulate.js';
export type { SimulateOptions, SimulationResult, NodeOutcome } from './engine/simulate/simulate.js';
export { simulateKernel } from './engine/simulate/simulate-kernel.js';
export { simulateKernelAsync, simulatePipelined } from './engine/simulate/pipeline-threads.js';
export { pipelineLayout } from './engine/simulate/pipeline-kernel.js';
export { evaluationOrder } from './engine/simulate/evaluation-order.js';
export { buildPlan, emptyPlan } from './engine/simulate/sim-plan.js';
export type { SimPlan, PlanShock } from './engine/simulate/sim-plan.js';
export { parseScenario } from './engine/scenario/parse-scenario.js';
export {
  planScenario,
  resolveScenario,
  scenarioQuantities,
  applyScenarioToModel,
  extendScenario,
} from './engine/scenario/plan-scenario.js';
export type { Scenario, Shock, Selector } from './engine/scenario/scenario-schema.js';
export { monteCarlo } from './engine/monte-carlo/monte-carlo.js';
export type { MonteCarloOptions, MonteCarloResult } from './engine/monte-carlo/monte-carlo.js';
export { sensitivity } from './engine/sensitivity/sensitivity.js';
export type { SensitivityOptions, SensitivityResult } from './engine/sensitivity/sensitivity.js';
export { analyze } from './engine/analyze.js';
export type { AnalyzeOptions, AnalysisResult } from './engine/analyze.js';
export { generateNetwork } from './engine/generate/generate-network.js';
export { generateModel } from './engine/generate/generate-model.js';
export type { GenerateOptions } from './engine/generate/generate-network.js';
export {
  buildFlowModel,
  flowModel,
  flowData,
  performanceImpact,
  riskExposureIndex,
  timeToSurvive,
  parseMitigation,
  applyMitigation,
  rankMitigations,
  optimisationSummary,
} from './engine/optimise/index.js';
export type {
  FlowModel,
  FlowData,
  Disruption,
  ImpactResult,
  BestResponse,
  ReiResult,
  TtsResult,
  Mitigation,
  RankMitigationsResult,
  OptimisationSummary,
} from './engine/optimise/index.js';
export {
  reportData,
  buildReport,
  renderMarkdown,
  renderHtml,
  renderPdf,
  levelBands,
  dependencySvg,
  REPORT_FORMATS,
} from './report/index.js';
export type { ReportData, ReportDocument, ReportFormatName } from './report/index.js';
