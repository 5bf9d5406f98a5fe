// A persistent HiGHS model of the fixed-window loss problem (Simchi-Levi et al. 2015, the TTR model):
// one LP per flow model, re-solved for each disruption by changing bounds only, so HiGHS restarts
// from the previous optimal basis.
import type { FlowModel } from './flow-model.js';
import { openLp, type LpSession, type LpStatus } from './solve-lp.js';

/** A node taken down (in full or in part) at the start of the window. */
export interface Disruption {
  /** Node index or entity id. */
  node: number | string;
  /** Fraction of the node's capacity lost, 0..1 (default 1: an outage). */
  fraction?: number;
  /** Days it stays down (default: its time-to-recover). */
  duration?: number;
}

/** A disruption with the node resolved to its index and the defaults filled in. */
export interface ResolvedDisruption {
  node: number;
  fraction: number;
  duration: number;
}

/** Resolves ids and defaults; throws a RangeError naming the bad entry. */
export function resolveDisruptions(fm: FlowModel, list: readonly Disruption[]): ResolvedDisruption[] {
  return list.map((d, k) => {
    const node = typeof d.node === 'number' ? d.node : fm.compiled.index[d.node];
    if (node === undefined || !(node >= 0 && node < fm.n))
      throw new RangeError(`optimise: disruption ${k + 1}: unknown node ${JSON.stringify(d.node)}`);
    const fraction = d.fraction ?? 1;
    if (!(fraction >= 0 && fraction <= 1))
      throw new RangeError(
        `optimise: disruption of "${fm.ids[node]}": fraction must lie in 0..1, got ${fraction}`,
      );
    const duration = d.duration ?? fm.ttr[node];
    if (!(duration >= 0))
      throw new RangeError(
        `optimise: disruption of "${fm.ids[node]}": duration must be >= 0 days, got ${duration}`,
      );
    return { node, fraction, duration };
  });
}

export interface LossSolve {
  status: LpStatus;
  highsStatus: string;
  /** Weighted lost demand over the window, Σ w_k l_k (NaN unless optimal). */
  loss: number;
  /** Column values of the optimal plan (empty unless optimal). */
  colValue: Float64Array;
  iterations: number;
}

/** Column bounds of the parametric LP at window length τ. */
export function boundsAt(fm: FlowModel, tau: number): { lo: Float64Array; up: Float64Array } {
  const { lp } = fm;
  const lo = new Float64Array(lp.numCols);
  const up = new Float64Array(lp.numCols);
  for (let j = 0; j < lp.numCols; j++) {
    if (lp.colLead[j] > 0 && !(tau > lp.colLead[j])) continue;
    lo[j] = lp.colLo0[j] + lp.colLo1[j] * tau;
    up[j] = Math.max(lo[j], lp.colUp0[j] + lp.colUp1[j] * tau);
  }
  return { lo, up };
}

/** The fixed-window loss LP of a flow model, kept open between solves. */
export class ImpactSession {
  readonly fm: FlowModel;
  private readonly lp: LpSession;
  private tau = NaN;
  private up: Float64Array = new Float64Array(0);
  private readonly tauRows: Int32Array;
  solves = 0;
  iterations = 0;

  private constructor(fm: FlowModel, lp: LpSession) {
    this.fm = fm;
    this.lp = lp;
    const rows: number[] = [];
    fm.lp.rowTau.forEach((t, i) => t !== 0 && rows.push(i));
    this.tauRows = Int32Array.from(rows);
  }

  /** Opens the LP of `fm` on the shared HiGHS runtime. */
  static async open(fm: FlowModel): Promise<ImpactSession> {
    const { lp } = fm;
    const { lo, up } = boundsAt(fm, 0);
    const session = await openLp({
      numCols: lp.numCols,
      numRows: lp.numRows,
      colCost: lp.colCost,
      colLo: lo,
      colUp: up,
      rowLo: lp.rowLo,
      rowUp: lp.rowUp,
      starts: lp.starts,
      index: lp.index,
      value: lp.value,
    });
    return new ImpactSession(fm, session);
  }

  /**
   * Minimum weighted lost demand over a window of `tau` days with `disrupted` down (the loss only:
   * `colValue` is empty; see `planAt` for the plan).
   */
  lossAt(tau: number, disrupted: readonly ResolvedDisruption[] = []): LossSolve {
    return this.with(tau, disrupted, () => this.solveLoss(tau, false));
  }

  /**
   * Like `lossAt`, and the reported plan is the least busy one among the optimal plans (least total
   * production and flow), found by a second solve with the loss held at its optimum. Without it a
   * plan may show idle suppliers producing for nobody.
   */
  planAt(tau: number, disrupted: readonly ResolvedDisruption[] = []): LossSolve {
    return this.with(tau, disrupted, () => {
      const first = this.solveLoss(tau, true);
      if (first.status !== 'optimal') return first;
      const { fm } = this;
      const zCols = Array.from(fm.demandNodes, (k) => fm.colZ[k]).sort((a, b) => a - b);
      const w = zCols.map((c) => -fm.lp.colCost[c]);
      const sales = zCols.reduce((s, c, k) => s + w[k] * first.colValue[c], 0);
      const row = this.lp.addRow(sales, Infinity, zCols, w);
      const busy = new Float64Array(fm.lp.numCols);
      busy.fill(1, fm.colY, fm.colX + fm.compiled.provNode.length);
      this.lp.setAllCosts(busy);
      try {
        const second = this.lp.solve();
        this.solves++;
        this.iterations += second.iterations;
        return second.status === 'optimal' ? { ...first, colValue: second.colValue } : first;
      } finally {
        this.lp.deleteRow(row);
        this.lp.setAllCosts(fm.lp.colCost);
      }
    });
  }

  private solveLoss(tau: number, solution: boolean): LossSolve {
    const { fm } = this;
    const r = this.lp.solve({ solution });
    this.solves++;
    this.iterations += r.iterations;
    // The loss is a sum of non-negative terms; clear round-off below the solver's tolerance.
    const scale = Math.max(1, fm.lp.objTau * tau);
    const loss = r.status === 'optimal' ? (Math.abs(r.objective) < 1e-9 * scale ? 0 : r.objective) : NaN;
    return {
      status: r.status,
      highsStatus: r.highsStatus,
      loss,
      colValue: r.colValue,
      iterations: r.iterations,
    };
  }

  /** Runs `f` with the window set to `tau` and the `disrupted` nodes' production capped. */
  private with<T>(tau: number, disrupted: readonly ResolvedDisruption[], f: () => T): T {
    const { fm } = this;
    if (tau !== this.tau) {
      const b = boundsAt(fm, tau);
      this.lp.setAllColBounds(b.lo, b.up);
      const k = this.tauRows.length;
      const lo = new Float64Array(k);
      const up = new Float64Array(k);
      for (let a = 0; a < k; a++) {
        const i = this.tauRows[a];
        lo[a] = fm.lp.rowLo[i] + fm.lp.rowTau[i] * tau;
        up[a] = fm.lp.rowUp[i] + fm.lp.rowTau[i] * tau;
      }
      this.lp.setRowBounds(this.tauRows, lo, up);
      this.lp.setOffset(fm.lp.objTau * tau);
      this.tau = tau;
      this.up = b.up;
    }
    // y_n may produce only while it is up: Y_n·(τ − fraction·min(duration, τ)).
    const capBy = new Map<number, number>();
    for (const d of disrupted) {
      const col = fm.colY + d.node;
      const cur = capBy.get(col) ?? this.up[col];
      capBy.set(
        col,
        Math.min(cur, Math.max(0, fm.capacity[d.node] * (tau - d.fraction * Math.min(d.duration, tau)))),
      );
    }
    const cols = Int32Array.from([...capBy.keys()].sort((a, b) => a - b));
    const zeros = new Float64Array(cols.length);
    this.lp.setColBounds(
      cols,
      zeros,
      Float64Array.from(cols, (c) => capBy.get(c)!),
    );
    try {
      return f();
    } finally {
      this.lp.setColBounds(
        cols,
        zeros,
        Float64Array.from(cols, (c) => this.up[c]),
      );
    }
  }

  /**
   * The LP of window `tau` with `disrupted` down, as CPLEX LP text or MPS, for other solvers. The
   * objective constant Σ w_k d_k τ is left out (add `objTau·τ` to their optimum to get the loss).
   */
  exportAt(tau: number, disrupted: readonly ResolvedDisruption[], format: 'lp' | 'mps'): string | Uint8Array {
    return this.with(tau, disrupted, () => {
      this.lp.setOffset(0);
      try {
        return format === 'lp' ? this.lp.exportLp() : this.lp.exportMps();
      } finally {
        this.lp.setOffset(this.fm.lp.objTau * tau);
      }
    });
  }

  /** The LP of window `tau` with `disrupted` down, as plain arrays (rows compressed by row). */
  arraysAt(tau: number, disrupted: readonly ResolvedDisruption[]) {
    const { fm } = this;
    const { lo, up } = boundsAt(fm, tau);
    for (const d of disrupted)
      up[fm.colY + d.node] = Math.min(
        up[fm.colY + d.node],
        Math.max(0, fm.capacity[d.node] * (tau - d.fraction * Math.min(d.duration, tau))),
      );
    const rowLo = fm.lp.rowLo.map((v, i) => v + fm.lp.rowTau[i] * tau);
    const rowUp = fm.lp.rowUp.map((v, i) => v + fm.lp.rowTau[i] * tau);
    return {
      cost: fm.lp.colCost,
      colLo: lo,
      colUp: up,
      rowLo,
      rowUp,
      starts: fm.lp.starts,
      index: fm.lp.index,
      value: fm.lp.value,
      offset: fm.lp.objTau * tau,
    };
  }

  dispose(): void {
    this.lp.dispose();
  }
}
