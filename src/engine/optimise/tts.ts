// Time-to-survive (TTS): the longest time the system meets all demand with a node down, from
// stock, spare capacity and alternative providers (Simchi-Levi et al. 2015, Interfaces 45(5); HBR
// 2014). The window τ is a variable: every bound of the flow model is affine in τ, so "meet every
// demand for τ days" is a polyhedron in (x, τ) and TTS is an LP maximising τ. Substitutes switch
// on only after their lead time, which is not linear in τ; τ is therefore maximised segment by
// segment between consecutive lead times (each segment's feasible τ is an interval that starts
// where the last one ended). Nodes whose TTS is shorter than their time-to-recover are flagged.
import type { FlowModel } from './flow-model.js';
import { openLp, type LpSession, type LpStatus } from './solve-lp.js';

export interface TtsNode {
  node: string;
  name: string;
  kind: string;
  country: string | null;
  /** Days the system meets all demand with the node down; null when it does so indefinitely. */
  tts: number | null;
  /** True when the disruption never costs any demand (the TTS LP is unbounded). */
  unbounded: boolean;
  ttr: number;
  ttrGiven: boolean;
  /** TTS < TTR: demand will be lost before the node recovers. */
  flagged: boolean;
  /** TTR − TTS in days when flagged, else 0. */
  shortfall: number;
  status: LpStatus;
  /** The finding in plain words. */
  message: string;
}

export interface TtsResult {
  nodes: TtsNode[];
  /** TTS with nothing disrupted (null = demand is met indefinitely, as it should be). */
  baselineTts: number | null;
  /** Set when the undisrupted system cannot meet demand forever: every TTS is then bounded by it. */
  warning?: string;
  solves: number;
}

export interface TtsOptions {
  nodes?: readonly (string | number)[];
  /** Override every node's time-to-recover, in days (for the TTS < TTR flag). */
  ttr?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Relative tolerance on τ when deciding that a segment was survived to its end. */
const TOL = 1e-7;

/**
 * The τ-variable LP: columns of the flow model plus τ (last); τ-proportional column bounds become
 * rows `x − c1·τ ≤ c0`; demand columns are held to z_k = d_k·τ (for weighted demand); the objective
 * maximises τ.
 */
export class TtsSession {
  readonly fm: FlowModel;
  private readonly lp: LpSession;
  /** Column of τ. */
  readonly tauCol: number;
  /** Distinct positive lead times, ascending. */
  readonly leads: number[];
  /** For each lead column: its column and the row that ties it to τ. */
  private readonly leadCols: { col: number; row: number; lead: number; up0: number }[];
  private active = -1;
  solves = 0;

  /** Upper bounds of the columns as built (restored after a node is brought back up). */
  private readonly colUp: Float64Array;

  private constructor(
    fm: FlowModel,
    lp: LpSession,
    tauCol: number,
    leadCols: TtsSession['leadCols'],
    colUp: Float64Array,
  ) {
    this.colUp = colUp;
    this.fm = fm;
    this.lp = lp;
    this.tauCol = tauCol;
    this.leadCols = leadCols;
    this.leads = [...new Set(leadCols.map((c) => c.lead))].sort((a, b) => a - b);
  }

  static async open(fm: FlowModel): Promise<TtsSession> {
    const p = fm.lp;
    const T = p.numCols;
    const starts: number[] = [0];
    const index: number[] = [];
    const value: number[] = [];
    const rowLo: number[] = [];
    const rowUp: number[] = [];
    for (let i = 0; i < p.numRows; i++) {
      for (let k = p.starts[i]; k < p.starts[i + 1]; k++) {
        index.push(p.index[k]);
        value.push(p.value[k]);
      }
      if (p.rowTau[i] !== 0) {
        index.push(T);
        value.push(-p.rowTau[i]);
      }
      starts.push(index.length);
      rowLo.push(p.rowLo[i]);
      rowUp.push(p.rowUp[i]);
    }
    const colLo = new Float64Array(T + 1);
    const colUp = new Float64Array(T + 1);
    const isDemand = new Uint8Array(T);
    for (const k of fm.demandNodes) if (fm.weight[k] > 0) isDemand[fm.colZ[k]] = 1;
    const leadCols: TtsSession['leadCols'] = [];
    for (let j = 0; j < T; j++) {
      colLo[j] = p.colLo0[j];
      if (p.colUp1[j] === 0 && p.colLo1[j] === 0) {
        colUp[j] = p.colLead[j] > 0 ? 0 : p.colUp0[j];
        continue;
      }
      colUp[j] = p.colLead[j] > 0 ? 0 : Infinity;
      index.push(j, T);
      value.push(1, -p.colUp1[j]);
      starts.push(index.length);
      rowLo.push(isDemand[j] ? p.colLo0[j] : -Infinity);
      rowUp.push(p.colLead[j] > 0 ? Infinity : p.colUp0[j]);
      if (p.colLead[j] > 0)
        leadCols.push({ col: j, row: rowLo.length - 1, lead: p.colLead[j], up0: p.colUp0[j] });
    }
    colLo[T] = 0;
    colUp[T] = Infinity;
    const colCost = new Float64Array(T + 1);
    colCost[T] = 1;
    const lp = await openLp({
      numCols: T + 1,
      numRows: rowLo.length,
      colCost,
      colLo,
      colUp,
      rowLo: Float64Array.from(rowLo),
      rowUp: Float64Array.from(rowUp),
      starts: Int32Array.from(starts),
      index: Int32Array.from(index),
      value: Float64Array.from(value),
      maximise: true,
    });
    return new TtsSession(fm, lp, T, leadCols, colUp);
  }

  /** Switches on the substitutes whose lead time is at most `lead`, off the others. */
  private activate(segment: number): void {
    if (segment === this.active) return;
    const upTo = segment === 0 ? 0 : this.leads[segment - 1];
    const on = (c: { lead: number }) => c.lead <= upTo;
    const cols = this.leadCols.map((c) => c.col);
    const rows = this.leadCols.map((c) => c.row);
    this.lp.setColBounds(
      cols,
      cols.map(() => 0),
      this.leadCols.map((c) => (on(c) ? Infinity : 0)),
    );
    const rowOrder = rows.map((r, k) => [r, k]).sort((a, b) => a[0] - b[0]);
    this.lp.setRowBounds(
      rowOrder.map(([r]) => r),
      rowOrder.map(() => -Infinity),
      rowOrder.map(([, k]) => (on(this.leadCols[k]) ? this.leadCols[k].up0 : Infinity)),
    );
    this.active = segment;
  }

  /** Solves max τ over segment `s` ([lead_{s}, lead_{s+1}]) with `down` nodes out. */
  private solveSegment(s: number, lo: number, hi: number) {
    this.activate(s);
    this.lp.setColBounds([this.tauCol], [lo], [hi]);
    this.solves++;
    // The objective is τ itself: no need to copy the plan out of WebAssembly.
    return this.lp.solve({ solution: false });
  }

  private withDown<T>(down: readonly number[], f: () => T): T {
    const cols = [...new Set(down.map((i) => this.fm.colY + i))].sort((a, b) => a - b);
    this.lp.setColBounds(
      cols,
      cols.map(() => 0),
      cols.map(() => 0),
    );
    try {
      return f();
    } finally {
      this.lp.setColBounds(
        cols,
        cols.map(() => 0),
        cols.map((c) => this.colUp[c]),
      );
    }
  }

  /**
   * The longest τ such that all weighted demand is met for every window up to τ with `down` out
   * for the whole window. Infinity when there is no limit.
   */
  survive(down: readonly number[]): { tts: number; status: LpStatus; highsStatus: string } {
    return this.withDown(down, () => {
      const bounds = [0, ...this.leads];
      for (let s = 0; s < bounds.length; s++) {
        const lo = bounds[s];
        const hi = s + 1 < bounds.length ? bounds[s + 1] : Infinity;
        const r = this.solveSegment(s, lo, hi);
        if (r.status === 'unbounded')
          return { tts: Infinity, status: 'optimal' as const, highsStatus: r.highsStatus };
        if (r.status === 'infeasible')
          // τ = lo met every demand in the previous segment; round-off can make it fail here.
          return { tts: lo, status: s === 0 ? r.status : ('optimal' as const), highsStatus: r.highsStatus };
        if (r.status !== 'optimal') return { tts: NaN, status: r.status, highsStatus: r.highsStatus };
        const tau = Math.max(0, r.objective);
        if (hi === Infinity || tau < hi - TOL * Math.max(1, hi))
          return { tts: tau, status: 'optimal' as const, highsStatus: r.highsStatus };
      }
      return { tts: Infinity, status: 'optimal' as const, highsStatus: 'optimal' };
    });
  }

  /**
   * Feasibility form: can all weighted demand be met for every window up to `days` with `down` out?
   * Checks one feasibility LP per lead-time segment, at the segment's end.
   */
  canSurvive(down: readonly number[], days: number): boolean {
    return this.withDown(down, () => {
      const bounds = [0, ...this.leads];
      for (let s = 0; s < bounds.length; s++) {
        if (bounds[s] > days) break;
        const end = Math.min(days, s + 1 < bounds.length ? bounds[s + 1] : Infinity);
        const r = this.solveSegment(s, end, end);
        if (r.status !== 'optimal') return false;
      }
      return true;
    });
  }

  dispose(): void {
    this.lp.dispose();
  }
}

const fmtDays = (d: number) => `${Number(d.toPrecision(4))} days`;

/**
 * Time-to-survive of every node (or of `options.nodes`), with the nodes whose TTS falls short of
 * their time-to-recover flagged.
 *
 * @example
 * const r = await timeToSurvive(buildFlowModel(model));
 * r.nodes.filter((n) => n.flagged); // demand is lost before these nodes can recover
 */
export async function timeToSurvive(fm: FlowModel, options: TtsOptions = {}): Promise<TtsResult> {
  const cm = fm.compiled;
  const targets = (options.nodes ?? Array.from({ length: fm.n }, (_, i) => i)).map((x) => {
    const i = typeof x === 'number' ? x : cm.index[x];
    if (i === undefined || !(i >= 0 && i < fm.n))
      throw new RangeError(`optimise/tts: unknown node ${JSON.stringify(x)}`);
    return i;
  });
  if (options.ttr !== undefined && !(options.ttr >= 0))
    throw new RangeError(`optimise/tts: ttr must be >= 0 days, got ${options.ttr}`);
  const session = await TtsSession.open(fm);
  try {
    const base = session.survive([]);
    const baselineTts = Number.isFinite(base.tts) ? base.tts : null;
    const nodes = targets.map((i, done): TtsNode => {
      const r = session.survive([i]);
      const ttr = options.ttr ?? fm.ttr[i];
      const unbounded = r.status === 'optimal' && r.tts === Infinity;
      const flagged = r.status === 'optimal' && r.tts < ttr;
      const name = cm.ids[i];
      const message =
        r.status !== 'optimal'
          ? `no answer for "${name}" (HiGHS: ${r.highsStatus})`
          : unbounded
            ? `with "${name}" down, all demand is met indefinitely: losing it costs nothing (TTS unbounded)`
            : r.tts === 0
              ? `with "${name}" down, demand is lost at once (TTS 0) and ${fmtDays(ttr)} pass before it recovers`
              : flagged
                ? `with "${name}" down, demand is met for ${fmtDays(r.tts)}, ${fmtDays(ttr - r.tts)} short of its time-to-recover (${fmtDays(ttr)})`
                : `with "${name}" down, demand is met for ${fmtDays(r.tts)}, longer than its time-to-recover (${fmtDays(ttr)})`;
      options.onProgress?.(done + 1, targets.length);
      return {
        node: name,
        name: cm.names[i],
        kind: cm.kind[i],
        country: cm.country[i],
        tts: unbounded ? null : r.tts,
        unbounded,
        ttr,
        ttrGiven: options.ttr !== undefined || fm.ttrGiven[i] === 1,
        flagged,
        shortfall: flagged ? ttr - r.tts : 0,
        status: r.status,
        message,
      };
    });
    const out: TtsResult = { nodes, baselineTts, solves: session.solves };
    if (baselineTts !== null)
      out.warning = `even with nothing disrupted, the model meets all demand only for ${fmtDays(baselineTts)}: capacities or bills of materials fall short of demand, so every TTS is at most that`;
    return out;
  } finally {
    session.dispose();
  }
}
