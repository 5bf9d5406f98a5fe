// Linear programmes solved by HiGHS (Huangfu & Hall 2018, "Parallelizing the dual revised simplex
// method", Math. Prog. Comp. 10), through the WebAssembly build published as npm `highs`. The
// runtime is loaded once per process and reused; each `LpSession` owns one persistent native model,
// so a sequence of related solves changes bounds and re-solves from the previous basis (a dual
// simplex hot start) instead of rebuilding the problem.
import highsImport from 'highs';
import type { Highs, InitOptions, Model as HighsModel } from 'highs';

// The package is CommonJS-typed but loads its ES build under `import`: its default export is the
// loader at run time, whatever the declaration's interop view says.
const highsLoader = ((highsImport as unknown as { default?: unknown }).default ?? highsImport) as (
  options?: InitOptions,
) => Promise<Highs>;

/** A linear programme in HiGHS's column/row form: minimise cost·x s.t. rowLo <= A x <= rowUp, colLo <= x <= colUp. */
export interface LpData {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLo: Float64Array;
  colUp: Float64Array;
  rowLo: Float64Array;
  rowUp: Float64Array;
  /** The constraint matrix, compressed by row. */
  starts: Int32Array;
  index: Int32Array;
  value: Float64Array;
  /** Constant added to the objective. */
  offset?: number;
  /** Maximise instead of minimise. */
  maximise?: boolean;
  colNames?: string[];
  rowNames?: string[];
}

/** How a solve ended, in the terms the analyses report. */
export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'failed';

export interface LpResult {
  status: LpStatus;
  /** HiGHS's own model status name (e.g. `optimal`, `unboundedOrInfeasible`, `timeLimit`). */
  highsStatus: string;
  /** Objective value including the offset; NaN unless optimal. */
  objective: number;
  /** Primal values of the columns; empty unless optimal. */
  colValue: Float64Array;
  /** Simplex iterations this solve took. */
  iterations: number;
}

let runtime: Promise<Highs> | undefined;

/** The process-wide HiGHS runtime (WebAssembly), loaded on first use and then reused. */
export function loadHighs(): Promise<Highs> {
  if (!runtime) runtime = highsLoader();
  return runtime;
}

/**
 * One persistent HiGHS model. Change bounds, costs or coefficients and call `solve()` again: HiGHS
 * keeps the last basis, so a small change costs a few dual simplex iterations.
 */
export class LpSession {
  readonly numCols: number;
  readonly numRows: number;
  private readonly highs: Highs;
  private readonly model: HighsModel;
  private readonly statusName: Map<number, string>;
  private hot = false;

  constructor(highs: Highs, lp: LpData) {
    this.highs = highs;
    this.numCols = lp.numCols;
    this.numRows = lp.numRows;
    const inf = highs.infinity;
    const fin = (a: Float64Array) => a.map((v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
    this.model = highs.createModel({
      numCols: lp.numCols,
      numRows: lp.numRows,
      sense: lp.maximise ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      offset: lp.offset ?? 0,
      colCost: lp.colCost,
      colLower: fin(lp.colLo),
      colUpper: fin(lp.colUp),
      rowLower: fin(lp.rowLo),
      rowUpper: fin(lp.rowUp),
      matrix: {
        format: 'csr',
        numRows: lp.numRows,
        numCols: lp.numCols,
        starts: lp.starts,
        indices: lp.index,
        values: lp.value,
      },
      ...(lp.colNames ? { colNames: lp.colNames } : {}),
      ...(lp.rowNames ? { rowNames: lp.rowNames } : {}),
    });
    this.model.options.set({ output_flag: false });
    this.statusName = new Map(Object.entries(highs.constants.modelStatus).map(([k, v]) => [v as number, k]));
  }

  /** Sets the bounds of every column (arrays of length numCols). */
  setAllColBounds(lo: Float64Array, up: Float64Array): void {
    this.model.changeColsBounds({ kind: 'range', from: 0, to: this.numCols - 1 }, lo, up);
  }

  /** Sets the bounds of the listed columns (indices strictly increasing). */
  setColBounds(
    indices: Int32Array | number[],
    lo: Float64Array | number[],
    up: Float64Array | number[],
  ): void {
    if (indices.length) this.model.changeColsBounds({ kind: 'set', indices }, lo, up);
  }

  /** Sets the bounds of the listed rows (indices strictly increasing). */
  setRowBounds(
    indices: Int32Array | number[],
    lo: Float64Array | number[],
    up: Float64Array | number[],
  ): void {
    if (indices.length) this.model.changeRowsBounds({ kind: 'set', indices }, lo, up);
  }

  /** Changes one matrix coefficient. */
  setCoefficient(row: number, col: number, value: number): void {
    this.model.changeCoefficient(row, col, value);
  }

  /** Sets the cost of every column (length numCols). */
  setAllCosts(cost: Float64Array): void {
    this.model.changeColsCost({ kind: 'range', from: 0, to: this.numCols - 1 }, cost);
  }

  /** Appends a row lo <= Σ value·x[index] <= up; returns its index. */
  addRow(lo: number, up: number, index: Int32Array | number[], value: Float64Array | number[]): number {
    const inf = this.highs.infinity;
    this.model.addRow(lo === -Infinity ? -inf : lo, up === Infinity ? inf : up, {
      indices: index,
      values: value,
    });
    return this.model.getDimensions().numRows - 1;
  }

  /** Deletes row `row` (later rows are renumbered). */
  deleteRow(row: number): void {
    this.model.deleteRows({ kind: 'range', from: row, to: row });
  }

  /** Changes the constant term of the objective. */
  setOffset(offset: number): void {
    this.model.changeObjectiveOffset(offset);
  }

  /**
   * Solves from the current basis. The first solve presolves; later ones start from the previous
   * optimal basis (a hot start, which presolve would throw away). `solution: false` skips copying
   * the primal values out of WebAssembly when only the objective is wanted.
   */
  solve(options: { solution?: boolean } = {}): LpResult {
    const run = this.model.run();
    if (!this.hot) {
      this.model.options.set('presolve', 'off');
      this.hot = true;
    }
    const code = run.modelStatus;
    const S = this.highs.constants.modelStatus;
    const status: LpStatus =
      code === S.optimal || code === S.empty
        ? 'optimal'
        : code === S.infeasible
          ? 'infeasible'
          : code === S.unbounded || code === S.unboundedOrInfeasible
            ? 'unbounded'
            : 'failed';
    const iterations = this.iterations();
    if (status !== 'optimal')
      return {
        status,
        highsStatus: this.statusName.get(code) ?? String(code),
        objective: NaN,
        colValue: new Float64Array(0),
        iterations,
      };
    return {
      status,
      highsStatus: this.statusName.get(code) ?? String(code),
      objective: this.model.getObjectiveValue(),
      colValue: options.solution === false ? new Float64Array(0) : this.model.getSolution().colValue,
      iterations,
    };
  }

  /** The current model as CPLEX LP text. */
  exportLp(): string {
    return this.model.exportModel('lp');
  }

  /** The current model as (free) MPS bytes. */
  exportMps(): Uint8Array {
    return this.model.exportModel('mps');
  }

  /** Frees the native model. */
  dispose(): void {
    this.model.dispose();
  }

  /** Simplex iterations of the last solve. */
  private iterations(): number {
    try {
      return Number(this.model.info.get('simplex_iteration_count'));
    } catch {
      return 0;
    }
  }
}

/** Opens a persistent session on `lp` with the shared HiGHS runtime. */
export async function openLp(lp: LpData): Promise<LpSession> {
  return new LpSession(await loadHighs(), lp);
}

/** Solves one LP and frees it: for one-off problems. */
export async function solveLp(lp: LpData): Promise<LpResult> {
  const s = await openLp(lp);
  try {
    return s.solve();
  } finally {
    s.dispose();
  }
}
