// The flow model of the time-to-recover analysis: a linear programme over the compiled dependency
// graph, after Simchi-Levi, Schmidt, Wei, Zhang, Combs, Ge, Gusikhin, Sanders & Zhang (2015),
// "Identifying risks and mitigating disruptions in the automotive supply chain", Interfaces
// 45(5):375-390, and Simchi-Levi, Schmidt & Wei (2014), "From superstorms to factory fires", HBR
// 92(1/2).
// Formulation and notation: docs/methods.md, "Optimisation".
//
// Every bound is affine in the length τ of the disruption window, `c0 + c1·τ`, so one structure
// serves the fixed-τ loss problem (performance impact) and the maximise-τ problem (time-to-survive).
import { compile, type CompiledModel } from '../compile.js';
import type { Model } from '../../model/types.js';
import { emptyFlowData, flowData, type FlowData } from './flow-data.js';

/**
 * A linear programme whose bounds depend on τ: column j lies in [colLo0 + colLo1·τ, colUp0 +
 * colUp1·τ] while τ > colLead[j] (a substitute that switches on after its lead time) and is fixed
 * at 0 before; row i reads rowLo[i] + rowTau[i]·τ <= (A x)_i <= rowUp[i] + rowTau[i]·τ. The
 * objective is minimised: objTau·τ + colCost·x.
 */
export interface ParametricLp {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLo0: Float64Array;
  colLo1: Float64Array;
  colUp0: Float64Array;
  colUp1: Float64Array;
  colLead: Float64Array;
  rowLo: Float64Array;
  rowUp: Float64Array;
  rowTau: Float64Array;
  starts: Int32Array;
  index: Int32Array;
  value: Float64Array;
  objTau: number;
  colNames: string[];
  rowNames: string[];
}

/** Which nodes carry demand when the model gives none explicitly. */
export type DemandSource = 'explicit' | 'capabilities' | 'sinks';

export interface FlowModel {
  compiled: CompiledModel;
  n: number;
  ids: string[];
  /** Y_i: full-level output per day (flow.capacity, or 1 = one day of full operation). */
  capacity: Float64Array;
  /** 1 when the node has a capacity: its output is shared out among its users (they compete). */
  rival: Uint8Array;
  /** d_k per day (0 = not an end product). */
  demand: Float64Array;
  /** w_k, value of a unit of unmet demand. */
  weight: Float64Array;
  /** s_i, finished output on hand. */
  inventory: Float64Array;
  /** t_i, days to recover (the analysis default where the model gives none). */
  ttr: Float64Array;
  /** 1 when the model gives the node's time-to-recover. */
  ttrGiven: Uint8Array;
  demandSource: DemandSource;
  /** b_r, units of input per unit of output. */
  bom: Float64Array;
  /** Units of the input held in stock at the dependent node: buffer days × b_r × Y_j. */
  reqStock: Float64Array;
  /** m_p, units per day provider slot p can deliver at most: min(share·b·Y_j, provider capacity). */
  provLimit: Float64Array;
  lp: ParametricLp;
  /** Column of y_i is colY + i; of x_p is colX + p; of z for demand node k is colZ[k] (-1 if none). */
  colY: number;
  colX: number;
  colZ: Int32Array;
  /** Nodes with demand, in node order. */
  demandNodes: Int32Array;
}

export interface FlowModelOptions {
  /** Time-to-recover in days for nodes whose model gives none. */
  defaultTtr?: number;
  /**
   * When the model gives no demand: demand only the capabilities of this country (ISO code), e.g.
   * the model's focus actor. Default: every capability.
   */
  demandCountry?: string;
}

const DEFAULTS = { defaultTtr: 30 };

/**
 * Builds the flow LP of a compiled model (see docs/methods.md, "Optimisation").
 *
 * Columns: production y_i ∈ [0, Y_i·τ] for each node; flow x_p ∈ [0, m_p·(τ − L_p)⁺] on each
 * provider slot (L_p its lead time); sales z_k ∈ [0, d_k·τ] for each demand node, with cost −w_k
 * and objective constant Σ w_k d_k τ, so the objective is the weighted lost demand Σ w_k l_k.
 * Rows: (1) output of a node with a capacity, Σ_p x_p + z_i − y_i ≤ s_i (users compete); of a
 * node without one, x_p − share_p·b_r·Y_j·y_i ≤ share_p·b_r·Y_j·s_i for each user p (its level
 * serves every user in full, as in the simulation); (2) bill of materials with criticality κ_r and stock S_r:
 * b_r y_j − κ_r Σ_p q_p x_p ≤ κ_r S_r + (1 − κ_r) b_r Y_j τ.
 *
 * @example
 * const fm = flowModel(compile(model), flowData(model, compile(model)));
 * fm.lp.numCols; // n + P + number of demand nodes
 */
export function flowModel(cm: CompiledModel, data?: FlowData, options: FlowModelOptions = {}): FlowModel {
  const { defaultTtr, demandCountry } = { ...DEFAULTS, ...options };
  if (!(defaultTtr >= 0))
    throw new RangeError(
      `optimise/flow: defaultTtr must be a non-negative number of days, got ${defaultTtr}`,
    );
  const d = data ?? emptyFlowData(cm);
  const n = cm.n;
  const R = cm.reqOffsets[n];
  const P = cm.provNode.length;

  const capacity = new Float64Array(n);
  const rival = new Uint8Array(n);
  const weight = new Float64Array(n);
  const inventory = new Float64Array(n);
  const ttr = new Float64Array(n);
  const ttrGiven = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    rival[i] = Number.isNaN(d.capacity[i]) ? 0 : 1;
    capacity[i] = rival[i] ? d.capacity[i] : 1;
    weight[i] = Number.isNaN(d.weight[i]) ? 1 : d.weight[i];
    inventory[i] = Number.isNaN(d.inventory[i]) ? 0 : d.inventory[i];
    ttrGiven[i] = Number.isNaN(d.ttr[i]) ? 0 : 1;
    ttr[i] = ttrGiven[i] ? d.ttr[i] : defaultTtr;
  }

  // Demand: explicit where any is given; otherwise every capability (of `demandCountry`, if given)
  // at its full level; otherwise every node that nothing else uses.
  const demand = new Float64Array(n);
  let demandSource: DemandSource = 'explicit';
  if (d.demand.some((v) => !Number.isNaN(v)))
    for (let i = 0; i < n; i++) demand[i] = Number.isNaN(d.demand[i]) ? 0 : d.demand[i];
  else {
    const isCap = (i: number) =>
      cm.kind[i] === 'capability' && (demandCountry === undefined || cm.country[i] === demandCountry);
    demandSource = cm.kind.some((_, i) => isCap(i)) ? 'capabilities' : 'sinks';
    for (let i = 0; i < n; i++) {
      const isEnd =
        demandSource === 'capabilities' ? isCap(i) : cm.usedByOffsets[i + 1] === cm.usedByOffsets[i];
      if (isEnd) demand[i] = capacity[i];
    }
  }
  const demandList: number[] = [];
  for (let i = 0; i < n; i++) if (demand[i] > 0) demandList.push(i);
  const demandNodes = Int32Array.from(demandList);

  const bom = new Float64Array(R);
  const reqStock = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    bom[r] = Number.isNaN(d.bom[r]) ? 1 : d.bom[r];
    reqStock[r] = cm.reqBuffer[r] * bom[r] * capacity[cm.reqNode[r]];
  }
  const provLimit = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const r = cm.provReq[p];
    const full = cm.provShare[p] * bom[r] * capacity[cm.reqNode[r]];
    const cap = d.provCapacity[p];
    provLimit[p] = Number.isNaN(cap) ? full : Math.min(full, cap);
  }

  // Columns.
  const K = demandNodes.length;
  const numCols = n + P + K;
  const colY = 0;
  const colX = n;
  const colZ = new Int32Array(n).fill(-1);
  demandNodes.forEach((k, j) => (colZ[k] = n + P + j));
  const colCost = new Float64Array(numCols);
  const colLo0 = new Float64Array(numCols);
  const colLo1 = new Float64Array(numCols);
  const colUp0 = new Float64Array(numCols);
  const colUp1 = new Float64Array(numCols);
  const colLead = new Float64Array(numCols);
  const colNames = new Array<string>(numCols);
  for (let i = 0; i < n; i++) {
    colUp1[colY + i] = capacity[i];
    colNames[colY + i] = `y[${cm.ids[i]}]`;
  }
  for (let p = 0; p < P; p++) {
    const c = colX + p;
    const L = cm.provLeadTime[p];
    colUp1[c] = provLimit[p];
    colUp0[c] = -provLimit[p] * L;
    colLead[c] = L;
    colNames[c] = `x[${cm.reqId[cm.provReq[p]]}/${cm.ids[cm.provNode[p]]}]`;
  }
  let objTau = 0;
  for (const k of demandNodes) {
    const c = colZ[k];
    colUp1[c] = demand[k];
    colCost[c] = -weight[k];
    objTau += weight[k] * demand[k];
    colNames[c] = `z[${cm.ids[k]}]`;
  }

  // Rows, compressed by row.
  const starts: number[] = [0];
  const index: number[] = [];
  const value: number[] = [];
  const rowLo: number[] = [];
  const rowUp: number[] = [];
  const rowTau: number[] = [];
  const rowNames: string[] = [];
  const row = (name: string, cols: number[], vals: number[], lo: number, up: number, tau: number) => {
    for (let k = 0; k < cols.length; k++) {
      if (vals[k] === 0) continue;
      index.push(cols[k]);
      value.push(vals[k]);
    }
    starts.push(index.length);
    rowLo.push(lo);
    rowUp.push(up);
    rowTau.push(tau);
    rowNames.push(name);
  };

  // (1) Output of each node.
  for (let i = 0; i < n; i++) {
    const users = cm.usedBy.subarray(cm.usedByOffsets[i], cm.usedByOffsets[i + 1]);
    if (rival[i]) {
      if (!users.length && colZ[i] < 0) continue;
      const cols = Array.from(users, (p) => colX + p);
      const vals = cols.map(() => 1);
      if (colZ[i] >= 0) {
        cols.push(colZ[i]);
        vals.push(1);
      }
      cols.push(colY + i);
      vals.push(-1);
      row(`out[${cm.ids[i]}]`, cols, vals, -Infinity, inventory[i], 0);
    } else {
      // A level: each user may draw up to its full need scaled by the provider's level.
      for (const p of users) {
        const r = cm.provReq[p];
        const k = (cm.provShare[p] * bom[r] * capacity[cm.reqNode[r]]) / capacity[i];
        if (k === 0) continue;
        row(
          `lvl[${cm.reqId[cm.provReq[p]]}/${cm.ids[i]}]`,
          [colX + p, colY + i],
          [1, -k],
          -Infinity,
          k * inventory[i],
          0,
        );
      }
      if (colZ[i] >= 0) row(`out[${cm.ids[i]}]`, [colZ[i], colY + i], [1, -1], -Infinity, inventory[i], 0);
    }
  }
  // (2) Bill of materials, with partial criticality and stock of the input.
  for (let r = 0; r < R; r++) {
    const kappa = cm.reqCriticality[r];
    if (kappa <= 0) continue;
    const j = cm.reqNode[r];
    const cols = [colY + j];
    const vals = [bom[r]];
    for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) {
      cols.push(colX + p);
      vals.push(-kappa * cm.provQuality[p]);
    }
    row(
      `bom[${cm.reqId[r]}]`,
      cols,
      vals,
      -Infinity,
      kappa * reqStock[r],
      (1 - kappa) * bom[r] * capacity[j],
    );
  }

  const lp: ParametricLp = {
    numCols,
    numRows: rowLo.length,
    colCost,
    colLo0,
    colLo1,
    colUp0,
    colUp1,
    colLead,
    rowLo: Float64Array.from(rowLo),
    rowUp: Float64Array.from(rowUp),
    rowTau: Float64Array.from(rowTau),
    starts: Int32Array.from(starts),
    index: Int32Array.from(index),
    value: Float64Array.from(value),
    objTau,
    colNames,
    rowNames,
  };
  return {
    compiled: cm,
    n,
    ids: cm.ids,
    capacity,
    rival,
    demand,
    weight,
    inventory,
    ttr,
    ttrGiven,
    demandSource,
    bom,
    reqStock,
    provLimit,
    lp,
    colY,
    colX,
    colZ,
    demandNodes,
  };
}

/** Compiles `model` (at `asOf`), reads its flow data and builds the flow LP. */
export function buildFlowModel(model: Model, options: FlowModelOptions & { asOf?: string } = {}): FlowModel {
  const { asOf, ...rest } = options;
  const cm = compile(model, asOf === undefined ? {} : { asOf });
  return flowModel(cm, flowData(model, cm), rest);
}
