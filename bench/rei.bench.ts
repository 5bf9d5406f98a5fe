// REI benchmark: the risk exposure index of every node of a generated 3-tier network of 3,000 nodes
// (target < 60 s on 2 cores), with HiGHS (WebAssembly) re-solving one persistent LP by changing
// bounds. Side by side in the same run, a sample of the same LPs solved (a) by WebAssembly HiGHS
// rebuilt from scratch for each LP, (b) by GLPK's glpsol on the LP files HiGHS writes, and (c) by
// native HiGHS through SciPy's linprog; objective values must agree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFlowModel } from '../src/engine/optimise/generate-flow-model.js';
import { ImpactSession } from '../src/engine/optimise/impact-session.js';
import { riskExposureIndex } from '../src/engine/optimise/rei.js';
import type { BenchContext, BenchFigure } from './bench-types.js';

const SEED = 7;

interface Lp {
  node: number;
  tau: number;
  loss: number;
}

export default async function reiBench({ log, quick }: BenchContext): Promise<BenchFigure[]> {
  const out: BenchFigure[] = [];
  const nodes = quick ? 600 : 3000;
  const t0 = performance.now();
  const fm = generateFlowModel({ nodes, tiers: 3, seed: SEED });
  const buildMs = performance.now() - t0;
  const rival = fm.rival.reduce((s, v) => s + v, 0);
  log(
    `${fm.n} nodes (${rival} with capacity), ${fm.compiled.provNode.length} provider links; LP ${fm.lp.numCols} columns × ${fm.lp.numRows} rows, ${fm.lp.value.length} nonzeros`,
  );
  out.push({
    label: `build flow LP, ${nodes.toLocaleString('en')} nodes`,
    value: buildMs,
    unit: 'ms',
    note: `${fm.lp.numCols} columns, ${fm.lp.numRows} rows, ${fm.lp.value.length} nonzeros, seed ${SEED}`,
  });

  // REI of every node, one persistent model.
  const session = await ImpactSession.open(fm);
  let lastLog = 0;
  const t1 = performance.now();
  const rei = await riskExposureIndex(fm, {
    session,
    onProgress: (d, t) => {
      if (performance.now() - lastLog > 10_000) {
        log(`rei ${d}/${t}`);
        lastLog = performance.now();
      }
    },
  });
  const reiMs = performance.now() - t1;
  const failed = rei.nodes.filter((e) => e.status !== 'optimal').length;
  out.push({
    label: `REI of every node, ${nodes.toLocaleString('en')}-node 3-tier network (HiGHS wasm, bounds changed between solves)`,
    value: reiMs / 1000,
    unit: 's',
    target: '< 60 s',
    met: reiMs < 60_000,
    note: `${rei.solves} LPs (incl. two baseline solves per distinct TTR; ${rei.unused} nodes unused by the least busy baseline plan need none), ${rei.iterations} simplex iterations, ${(reiMs / rei.solves).toFixed(2)} ms per LP; ${failed} not optimal; max impact ${rei.maxImpact.toPrecision(6)}`,
  });

  // A sample of the same disrupted LPs, for the other solvers.
  const K = quick ? 8 : 40;
  const byNode = new Map(rei.nodes.map((e) => [fm.compiled.index[e.node], e]));
  const sample: Lp[] = [];
  for (let k = 0; k < K; k++) {
    const i = Math.floor(((k + 0.5) * fm.n) / K);
    const e = byNode.get(i)!;
    sample.push({ node: i, tau: e.ttr, loss: e.loss });
  }
  const dis = (s: Lp) => [{ node: s.node, fraction: 1, duration: s.tau }];

  // (a) WebAssembly HiGHS, warm: the same persistent session, as in the REI loop.
  const t2 = performance.now();
  for (const s of sample) session.lossAt(s.tau, dis(s));
  const warmMs = performance.now() - t2;
  // (b) WebAssembly HiGHS, cold: a new model per LP.
  const t3 = performance.now();
  let coldAgree = 0;
  for (const s of sample) {
    const fresh = await ImpactSession.open(fm);
    const r = fresh.lossAt(s.tau, dis(s));
    fresh.dispose();
    if (Math.abs(r.loss - s.loss) <= 1e-6 * Math.max(1, Math.abs(s.loss))) coldAgree++;
  }
  const coldMs = performance.now() - t3;
  out.push({
    label: `${K} sampled LPs, HiGHS wasm, warm (persistent model)`,
    value: warmMs,
    unit: 'ms',
    note: `${(warmMs / K).toFixed(2)} ms per LP; losses ${sample
      .slice(0, 3)
      .map((s) => `${fm.ids[s.node]} ${s.loss.toPrecision(9)}`)
      .join(', ')}`,
  });
  out.push({
    label: `${K} sampled LPs, HiGHS wasm, rebuilt per LP`,
    value: coldMs,
    unit: 'ms',
    note: `${(coldMs / K).toFixed(2)} ms per LP; objectives agree with the warm solves: ${coldAgree}/${K}`,
  });
  out.push({ label: 'rebuilt / warm time', value: coldMs / warmMs, unit: '×' });

  const tmp = mkdtempSync(join(tmpdir(), 'tyl-bench-rei-'));
  try {
    // (c) GLPK glpsol on CPLEX LP files written by HiGHS.
    const files = sample.map((s, k) => {
      const f = join(tmp, `lp${k}.lp`);
      writeFileSync(f, session.exportAt(s.tau, dis(s), 'lp') as string);
      return f;
    });
    const version = spawnSync('glpsol', ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) {
      out.push({
        label: `${K} sampled LPs, GLPK glpsol`,
        value: NaN,
        unit: 'ms',
        note: `unavailable: ${version.error?.message ?? version.stderr} (Debian: apt-get install glpk-utils)`,
      });
    } else {
      let agree = 0;
      const worst: string[] = [];
      const shown: string[] = [];
      const t4 = performance.now();
      sample.forEach((s, k) => {
        const report = join(tmp, `lp${k}.txt`);
        spawnSync('glpsol', ['--lp', files[k], '--simplex', '-o', report], { encoding: 'utf8' });
        const m = /Objective:\s+\S+\s+=\s+(\S+)/.exec(readFileSync(report, 'utf8'));
        const obj = m ? Number(m[1]) : NaN;
        const loss = obj + fm.lp.objTau * s.tau;
        if (k < 3) shown.push(`${fm.ids[s.node]} ${loss.toPrecision(9)}`);
        if (Math.abs(loss - s.loss) <= 1e-6 * Math.max(1, Math.abs(s.loss))) agree++;
        else worst.push(`${fm.ids[s.node]}: glpsol ${loss} vs ${s.loss}`);
      });
      const glpMs = performance.now() - t4;
      const v = version.stdout.split('\n')[0].trim();
      out.push({
        label: `${K} sampled LPs, GLPK glpsol (a process per LP file)`,
        value: glpMs,
        unit: 'ms',
        note: `${v}; ${(glpMs / K).toFixed(1)} ms per LP incl. process start; losses agree with tyl: ${agree}/${K}${worst.length ? ` (e.g. ${worst[0]})` : ''}; losses ${shown.join(', ')}`,
      });
      out.push({ label: 'glpsol time / HiGHS wasm warm time', value: glpMs / warmMs, unit: '×' });
    }

    // (d) Native HiGHS through SciPy.
    const lps = sample.map((s) => {
      const a = session.arraysAt(s.tau, dis(s));
      const fin = (x: Float64Array) => Array.from(x, (v) => (Number.isFinite(v) ? v : null));
      return {
        cost: Array.from(a.cost),
        colLo: fin(a.colLo),
        colUp: fin(a.colUp),
        rowUp: fin(a.rowUp),
        starts: Array.from(a.starts),
        index: Array.from(a.index),
        value: Array.from(a.value),
      };
    });
    const json = join(tmp, 'lps.json');
    writeFileSync(json, JSON.stringify({ lps }));
    const py = spawnSync('python3', [join(import.meta.dirname, 'scipy-linprog.py'), json], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const res =
      py.status === 0
        ? (JSON.parse(py.stdout) as {
            available: boolean;
            reason?: string;
            scipy?: string;
            python?: string;
            objectives?: (number | null)[];
            total_s?: number;
          })
        : { available: false, reason: py.stderr || py.error?.message };
    if (!res.available)
      out.push({
        label: `${K} sampled LPs, SciPy linprog (native HiGHS)`,
        value: NaN,
        unit: 'ms',
        note: `unavailable: ${String(res.reason).trim()}`,
      });
    else {
      let agree = 0;
      const shown: string[] = [];
      res.objectives!.forEach((o, k) => {
        const loss = (o ?? NaN) + fm.lp.objTau * sample[k].tau;
        if (k < 3) shown.push(`${fm.ids[sample[k].node]} ${loss.toPrecision(9)}`);
        if (Math.abs(loss - sample[k].loss) <= 1e-6 * Math.max(1, Math.abs(sample[k].loss))) agree++;
      });
      const pyMs = res.total_s! * 1000;
      out.push({
        label: `${K} sampled LPs, SciPy linprog(method="highs"), native`,
        value: pyMs,
        unit: 'ms',
        note: `SciPy ${res.scipy} on Python ${res.python}; time in linprog calls only (each builds its model); losses agree with tyl: ${agree}/${K}; losses ${shown.join(', ')}`,
      });
      out.push({ label: 'SciPy native time / HiGHS wasm warm time', value: pyMs / warmMs, unit: '×' });
      out.push({ label: 'SciPy native time / HiGHS wasm rebuilt time', value: pyMs / coldMs, unit: '×' });
    }
    const lossList = sample.slice(0, 5).map((s) => `${fm.ids[s.node]} ${s.loss.toPrecision(8)}`);
    log(`sample losses (tyl): ${lossList.join('; ')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    session.dispose();
  }
  return out;
}
