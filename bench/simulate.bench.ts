// Simulation benchmarks: one 365-step run of a synthetic 100k-node / ~500k-link network including
// compilation (median of 3), and of a 1M-node network (one run), each in its own process so its
// peak memory is measured alone. Targets from issue 4: < 2 s median at 100k; < 20 s and < 4 GiB at 1M.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchContext, BenchFigure } from './bench-types.js';
import { timeMedian } from './bench-types.js';
import { generateModel } from '../src/engine/generate/generate-model.js';
import { compile } from '../src/engine/compile.js';
import { evaluationOrder } from '../src/engine/simulate/evaluation-order.js';
import { simulateKernel } from '../src/engine/simulate/simulate-kernel.js';
import { referenceKernel } from '../src/engine/simulate/reference-kernel.js';
import { outputNodes } from '../src/engine/simulate/simulate.js';
import { syntheticPlan } from '../src/engine/generate/synthetic-plan.js';

interface ChildResult {
  nodes: number;
  requirements: number;
  links: number;
  components: number;
  cyclicNodes: number;
  hitCapabilities: number;
  generateMs: number;
  compileMs: number;
  orderMs: number;
  planMs: number;
  kernelMs: number;
  totalMs: number;
  /** CPU time of the same (user + system): on a shared machine, closer to what an idle one would take. */
  cpuMs: number;
  runs: number;
  /** The pipelined kernel's segments (last run), when the run was pipelined. */
  segments: { setupMs: number; runMs: number; waitInputMs: number; waitRoomMs: number; feeds: number }[];
  peakRssMiB: number;
}

/** How the kernel ran: in this thread, or pipelined (each segment's setup, run and waits, in s). */
function kernelNote(r: ChildResult): string {
  if (!r.segments.length) return 'kernel in one thread';
  const s = (ms: number) => (ms / 1000).toFixed(1);
  return `kernel pipelined over ${r.segments.length} threads (setup + run, of which waiting: ${r.segments
    .map((x) => `${s(x.setupMs)} + ${s(x.runMs)} (${s(x.waitInputMs + x.waitRoomMs)})`)
    .join('; ')} s)`;
}

function child(nodes: number, runs: number, ctx: BenchContext): ChildResult {
  ctx.log(`simulate: ${nodes.toLocaleString('en')} nodes, ${runs} run(s) in a child process…`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'simulate-child.ts'), String(nodes), String(runs)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=6144' },
    },
  );
  if (r.status !== 0) throw new Error(`bench/simulate: child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

/**
 * The incremental kernel against the reference that re-solves everything from above at every step
 * (reference-kernel.ts, the semantics written out plainly), in this process on the same 10k-node
 * network and scenario: the speed-up, and the largest difference in any capability's level.
 */
function againstReference(ctx: BenchContext): BenchFigure[] {
  const nodes = 10_000;
  ctx.log(`simulate: ${nodes.toLocaleString('en')} nodes, incremental kernel against the reference…`);
  const cm = compile(generateModel({ nodes, seed: 1 }));
  const order = evaluationOrder(cm);
  const plan = syntheticPlan(cm);
  const options = { outNodes: outputNodes(cm, 'capabilities'), series: true };
  // The results compared are those of the last timed run of each.
  let a: Float64Array = new Float64Array(0);
  let b: Float64Array = new Float64Array(0);
  const refMs = timeMedian(() => (a = referenceKernel(cm, order, plan, options).series!), 3, false);
  const kernelMs = timeMedian(() => (b = simulateKernel(cm, order, plan, options).series!), 3);
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
  return [
    {
      label: `reference time / kernel time, ${nodes.toLocaleString('en')} nodes, 365 steps (same process)`,
      value: refMs / kernelMs,
      unit: '×',
      note: `reference ${(refMs / 1000).toFixed(2)} s, kernel ${(kernelMs / 1000).toFixed(3)} s (medians of 3); largest difference in a capability's level at any step ${worst.toExponential(1)}`,
    },
  ];
}

export default function simulateBench(ctx: BenchContext): BenchFigure[] {
  const sizes: [number, number, number, number][] = ctx.quick
    ? [[10_000, 3, 2000, 20_000]]
    : [
        [100_000, 3, 2000, 0],
        [1_000_000, 1, 20_000, 4096],
      ];
  const out: BenchFigure[] = againstReference(ctx);
  for (const [nodes, runs, targetMs, targetMiB] of sizes) {
    const r = child(nodes, runs, ctx);
    const net = `${r.nodes.toLocaleString('en')} nodes, ${r.links.toLocaleString('en')} provider links, ${r.requirements.toLocaleString('en')} requirements, ${r.cyclicNodes.toLocaleString('en')} nodes in loops; ${r.hitCapabilities} capabilities hit`;
    out.push({
      label: `simulate ${nodes.toLocaleString('en')} nodes, 365 steps, compile included${runs > 1 ? ` (median of ${runs})` : ''}`,
      value: r.totalMs / 1000,
      unit: 's',
      target: `< ${targetMs / 1000} s`,
      met: r.totalMs < targetMs,
      note: `CPU time ${(r.cpuMs / 1000).toFixed(2)} s; compile ${(r.compileMs / 1000).toFixed(2)} s, order ${(r.orderMs / 1000).toFixed(2)} s, kernel ${(r.kernelMs / 1000).toFixed(2)} s, ${kernelNote(r)}; ${net}`,
    });
    out.push({
      label: `peak memory, ${nodes.toLocaleString('en')} nodes (whole process: model generation included)`,
      value: Math.round(r.peakRssMiB),
      unit: 'MiB',
      ...(targetMiB ? { target: `< ${targetMiB} MiB`, met: r.peakRssMiB < targetMiB } : {}),
      note: `generating the model object took ${(r.generateMs / 1000).toFixed(1)} s (not timed)`,
    });
  }
  return out;
}
