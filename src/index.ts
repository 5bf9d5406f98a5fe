// tyl's public API: the curated exports a library user imports. Only re-exports live here.
export * as schema from './model/schema.js';
export { ENTITY_KINDS, RELATION_TYPES } from './model/schema.js';
export type * from './model/types.js';
export { parseModel } from './model/parse-model.js';
export type { ModelFileText, ParseResult } from './model/parse-model.js';
export { formatProblem, didYouMean, UserError } from './model/problem.js';
export type { Problem } from './model/problem.js';
export { isValidAt, dateStart, dateEnd } from './model/dates.js';
export { UNITS, unitInfo } from './model/units.js';
export { readModel, readModelFiles } from './store/read-model.js';
export { splitDocument, slugify } from './evidence/split-document.js';
export { cutSets, singlePointsOfFailure, exposure, betweenness } from './engine/structure/index.js';
export type {
  CutSetOptions,
  CutSetsResult,
  ExposureOptions,
  ExposureResult,
  BetweennessOptions,
  BetweennessResult,
} from './engine/structure/index.js';
export { generateNetwork } from './engine/generate/generate-network.js';
export { generateModel } from './engine/generate/generate-model.js';
export type { GenerateOptions } from './engine/generate/generate-network.js';
