// A synthetic flow model for benchmarks and property tests: the generated multi-tier network of
// src/engine/generate with flow data drawn from a seeded generator.
import { generateNetwork } from '../generate/generate-network.js';
import { seededRandom } from '../generate/seeded-random.js';
import type { CompiledModel } from '../compile.js';
import { emptyFlowData, type FlowData } from './flow-data.js';
import { flowModel, type FlowModel } from './flow-model.js';

export interface GenerateFlowOptions {
  nodes: number;
  tiers?: number;
  seed?: number;
  /** Bottom-tier capacity as a multiple of its users' full need, drawn in [lo, hi] (default [0.8, 1.5]). */
  capacitySlack?: [number, number];
  /** Finished stock at bottom-tier nodes, in days of their capacity (default 0). */
  inventoryDays?: number;
}

const DEFAULTS = { tiers: 3, seed: 7, capacitySlack: [0.8, 1.5] as [number, number], inventoryDays: 0 };

/**
 * Capabilities demanded at their full level; bottom-tier suppliers with a capacity of 0.8–1.5 times
 * (by default) their users' full need (so users compete for it), optionally with finished stock; bills of materials of 1–3 on requirements met
 * from the bottom tier; time-to-recover 5–90 whole days. Same seed, same model.
 */
export function generateFlowModel(options: GenerateFlowOptions): FlowModel {
  const { cm, data } = generateFlowData(options);
  return flowModel(cm, data);
}

/** The compiled network and flow data behind `generateFlowModel`, to adjust before building. */
export function generateFlowData(options: GenerateFlowOptions): { cm: CompiledModel; data: FlowData } {
  const { nodes, tiers, seed, capacitySlack, inventoryDays } = { ...DEFAULTS, ...options };
  const [lo, hi] = capacitySlack;
  const cm = generateNetwork({ nodes, tiers, seed });
  const rnd = seededRandom(seed + 1);
  const d = emptyFlowData(cm);
  const bottom = new Uint8Array(cm.n);
  for (let i = 0; i < cm.n; i++) bottom[i] = cm.reqOffsets[i + 1] === cm.reqOffsets[i] ? 1 : 0;
  for (let r = 0; r < d.bom.length; r++) {
    let toBottom = false;
    for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++)
      if (bottom[cm.provNode[p]]) toBottom = true;
    if (toBottom) d.bom[r] = 1 + Math.floor(rnd() * 3);
  }
  for (let i = 0; i < cm.n; i++) {
    d.ttr[i] = 5 + Math.floor(rnd() * 86);
    if (!bottom[i]) continue;
    let need = 0;
    for (let k = cm.usedByOffsets[i]; k < cm.usedByOffsets[i + 1]; k++) {
      const p = cm.usedBy[k];
      const r = cm.provReq[p];
      need += cm.provShare[p] * (Number.isNaN(d.bom[r]) ? 1 : d.bom[r]);
    }
    d.capacity[i] = Math.max(1e-3, need * (lo + (hi - lo) * rnd()));
    d.inventory[i] = inventoryDays * d.capacity[i];
  }
  return { cm, data: d };
}
