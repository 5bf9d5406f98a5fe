// One simulation benchmark run in its own process (so its peak memory is its own): generates a
// synthetic model of N nodes, then times compile + evaluation order + plan + a 365-step run, and
// prints a JSON line with the timings and the process's peak resident memory.
import { generateModel } from '../src/engine/generate/generate-model.js';
import { compile } from '../src/engine/compile.js';
import { evaluationOrder } from '../src/engine/simulate/evaluation-order.js';
import { simulateKernelAsync, type SegmentTiming } from '../src/engine/simulate/pipeline-threads.js';
import { outputNodes } from '../src/engine/simulate/simulate.js';
import { syntheticPlan } from '../src/engine/generate/synthetic-plan.js';

const nodes = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 3);
// Threads for the kernel: the cores available by default (a run is pipelined from 200,000 nodes).
const threads = process.argv[4] === undefined ? undefined : Number(process.argv[4]);

const t0 = performance.now();
const model = generateModel({ nodes, seed: 1 });
const generateMs = performance.now() - t0;
const times: { compile: number; order: number; plan: number; kernel: number; total: number; cpu: number }[] =
  [];
let segments: SegmentTiming[] = [];
let info = { nodes: 0, requirements: 0, links: 0, components: 0, cyclicNodes: 0, hitCapabilities: 0 };
for (let k = 0; k < runs; k++) {
  const u = process.cpuUsage();
  const a = performance.now();
  const cm = compile(model);
  const b = performance.now();
  const order = evaluationOrder(cm);
  const c = performance.now();
  const p = syntheticPlan(cm);
  const d = performance.now();
  const r = await simulateKernelAsync(cm, order, p, {
    outNodes: outputNodes(cm, 'capabilities'),
    ...(threads === undefined ? {} : { threads }),
    onTiming: (t) => (segments = t),
  });
  const e = performance.now();
  const used = process.cpuUsage(u);
  times.push({
    compile: b - a,
    order: c - b,
    plan: d - c,
    kernel: e - d,
    total: e - a,
    cpu: (used.user + used.system) / 1000,
  });
  let cyclicNodes = 0;
  for (let q = 0; q < order.cyclic.length; q++)
    if (order.cyclic[q]) cyclicNodes += order.offsets[q + 1] - order.offsets[q];
  info = {
    nodes: cm.n,
    requirements: cm.reqId.length,
    links: cm.provNode.length,
    components: order.cyclic.length,
    cyclicNodes,
    hitCapabilities: Array.from(r.daysLost).filter((x) => x > 0).length,
  };
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const pick = (k: keyof (typeof times)[number]) => median(times.map((t) => t[k]));
console.log(
  JSON.stringify({
    ...info,
    generateMs,
    compileMs: pick('compile'),
    orderMs: pick('order'),
    planMs: pick('plan'),
    kernelMs: pick('kernel'),
    totalMs: pick('total'),
    cpuMs: pick('cpu'),
    runs,
    segments: segments.map((t) => ({
      setupMs: Math.round(t.setupMs),
      runMs: Math.round(t.runMs),
      waitInputMs: Math.round(t.waitInputMs),
      waitRoomMs: Math.round(t.waitRoomMs),
      feeds: t.feeds,
      exports: t.exports,
      read: t.read,
      written: t.written,
    })),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
