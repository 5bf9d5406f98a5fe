// Structure benchmarks: the synthetic network generator at 10k / 100k / 1M nodes, order-2 cut sets
// for every capability of a 10k-node network (target < 5 s on 2 cores), and a reachability +
// dominator workload timed against NetworkX on the same generated graph in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNetwork } from '../src/engine/generate/generate-network.js';
import { cutSets } from '../src/engine/structure/cut-sets.js';
import { dominators, supportSizes } from '../src/engine/structure/dominators.js';
import { defaultTargets } from '../src/engine/structure/targets.js';
import type { BenchContext, BenchFigure } from './bench-types.js';
import { cpuMean, timeMedian } from './bench-types.js';

const SEED = 1;

export default function structureBench({ log, quick }: BenchContext): BenchFigure[] {
  const out: BenchFigure[] = [];
  const sizes = quick ? [10_000] : [10_000, 100_000, 1_000_000];
  for (const nodes of sizes) {
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const g = generateNetwork({ nodes, seed: SEED });
    const ms = performance.now() - t0;
    const mb = (process.memoryUsage().rss - before) / 2 ** 20;
    out.push({
      label: `generate ${nodes.toLocaleString('en')} nodes`,
      value: ms / 1000,
      unit: 's',
      note: `${g.reqId.length.toLocaleString('en')} requirements, ${g.provNode.length.toLocaleString('en')} provider links, +${Math.round(Math.max(0, mb))} MiB RSS, seed ${SEED}`,
    });
  }

  const cm = generateNetwork({ nodes: 10_000, seed: SEED });
  const caps = defaultTargets(cm);
  log(`10k network: ${caps.length} capabilities, ${cm.provNode.length} provider links`);
  let found = 0;
  let singles = 0;
  const cutMs = timeMedian(
    () => {
      const r = cutSets(cm, { maxOrder: 2 });
      found = r.targets.reduce((s, t) => s + t.cutSets.length, 0);
      singles = r.targets.reduce((s, t) => s + t.countsByOrder[0], 0);
    },
    quick ? 1 : 3,
    false,
  );
  out.push({
    label: 'order-2 cut sets, every capability of 10k nodes (with explaining paths)',
    value: cutMs / 1000,
    unit: 's',
    target: '< 5 s',
    met: cutMs < 5000,
    note: `${caps.length} capabilities, ${found.toLocaleString('en')} minimal cut sets (${singles} of order 1), median of ${quick ? 1 : 3} after a warm-up run`,
  });
  const cutCpu = cpuMean(() => cutSets(cm, { maxOrder: 2 }), quick ? 1 : 3);
  out.push({
    label: 'same, CPU time (user + system)',
    value: cutCpu / 1000,
    unit: 's',
    note: 'mean; on a shared machine CPU time is closer to what the work costs than wall time',
  });
  const bareMs = timeMedian(() => cutSets(cm, { maxOrder: 2, explain: false }), quick ? 1 : 3);
  out.push({
    label: 'order-2 cut sets, every capability of 10k nodes (no paths)',
    value: bareMs / 1000,
    unit: 's',
  });

  // Reachability + dominators, TypeScript on the typed arrays.
  let supportSum = 0;
  let idomSource = 0;
  let reachable = 0;
  let checksum = 0;
  const tsMs = timeMedian(() => {
    supportSum = supportSizes(cm, caps).reduce((s, x) => s + x, 0);
    const idom = dominators(cm);
    idomSource = 0;
    reachable = 0;
    for (let v = 0; v < cm.n; v++) {
      if (idom[v] !== -1) reachable++;
      if (idom[v] === cm.n) idomSource++;
    }
    checksum = 0;
    for (let v = 0; v < cm.n; v++)
      if (idom[v] !== -1) checksum = (checksum + (v + 1) * (idom[v] + 1)) % 1_000_000_007;
  }, 5);
  out.push({
    label: 'reachability + dominators, 10k nodes, tyl',
    value: tsMs,
    unit: 'ms',
    note: `support sum ${supportSum}, ${reachable} nodes reachable from raw inputs, median of 5`,
  });

  // The same workload in NetworkX.
  const tmp = mkdtempSync(join(tmpdir(), 'tyl-bench-'));
  try {
    const edges: [number, number][] = [];
    for (let r = 0; r < cm.reqNode.length; r++)
      for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++)
        edges.push([cm.reqNode[r], cm.provNode[p]]);
    const file = join(tmp, 'graph.json');
    writeFileSync(file, JSON.stringify({ n: cm.n, edges, capabilities: caps }));
    // Debian's python3 with its python3-networkx package (apt-get install python3-networkx), as the
    // issue asks; any other python3 on the PATH only when that one is missing.
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    const py = spawnSync(python, [join(import.meta.dirname, 'networkx-reference.py'), file], {
      encoding: 'utf8',
    });
    const res =
      py.status === 0
        ? (JSON.parse(py.stdout) as Record<string, number | string | boolean>)
        : { available: false, reason: py.stderr || py.error?.message || 'python3 failed' };
    if (!res.available) {
      out.push({
        label: 'reachability + dominators, 10k nodes, NetworkX',
        value: NaN,
        unit: 'ms',
        note: `unavailable: ${String(res.reason).trim()}`,
      });
    } else {
      const same =
        res.support_sum === supportSum &&
        res.reachable_from_source === reachable &&
        res.idom_source_children === idomSource &&
        res.idom_checksum === checksum;
      const pyMs = (res.total_s as number) * 1000;
      out.push({
        label: 'reachability + dominators, 10k nodes, NetworkX',
        value: pyMs,
        unit: 'ms',
        note: `NetworkX ${String(res.networkx)} on Python ${String(res.python)}; results ${same ? 'identical' : 'DIFFER'} (support sizes, reachable set, every immediate dominator by checksum)`,
      });
      out.push({ label: 'NetworkX time / tyl time', value: pyMs / tsMs, unit: '×', note: 'wall time' });
      const tsCpu = cpuMean(() => {
        supportSizes(cm, caps);
        dominators(cm);
      }, 5);
      const pyCpu = (res.total_cpu_s as number) * 1000;
      out.push({
        label: 'NetworkX / tyl, CPU time',
        value: pyCpu / tsCpu,
        unit: '×',
        note: `tyl ${tsCpu.toFixed(0)} ms, NetworkX ${pyCpu.toFixed(0)} ms (user + system)`,
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}
