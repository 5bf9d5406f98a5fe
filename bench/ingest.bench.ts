// Ingestion throughput: a generated 1,000-page corpus (about 3 KB a page, 100 Markdown files) with
// a 5,000-entity gazetteer, ingested into a fresh SQLite workspace in-process (read, decode, split,
// mentions, claims, store). Target: over 5 MB/s of wall clock, the time a user waits. Reports wall
// clock and CPU time (all threads of the process) and the load average, since the 2 cores are
// shared: the first (cold) run in this process, and the best of REPEATS runs, each into a fresh
// workspace, since other jobs on the machine make single runs noisy. The default decides on a
// writer thread by the idle cores (spareCores); each repeat also ingests on the main thread alone,
// with a writer thread (forced) and with one worker preparing documents (forced), alternating, so
// every path is measured in the same conditions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../src/evidence/generate-corpus.js';
import { buildGazetteer } from '../src/evidence/gazetteer.js';
import { ingestFiles } from '../src/evidence/ingest-files.js';
import { spareCores } from '../src/evidence/prepare-pipeline.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import type { BenchContext, BenchFigure } from './bench-types.js';

const SEED = 1;
const REPEATS = 3;

export default async function ingestBench({ log, quick }: BenchContext): Promise<BenchFigure[]> {
  const pages = quick ? 100 : 1000;
  const corpus = generateCorpus({ pages, entities: 5000, seed: SEED });
  const dir = mkdtempSync(join(tmpdir(), 'tyl-bench-ingest-'));
  try {
    const paths = corpus.documents.map((d) => {
      const p = join(dir, d.name);
      writeFileSync(p, d.text);
      return p;
    });
    const gazetteer = buildGazetteer(corpus.entities);
    const mb = corpus.bytes / 1e6;
    log(
      `corpus: ${pages} pages, ${corpus.documents.length} files, ${mb.toFixed(2)} MB, ${corpus.entities.length} entities, seed ${SEED}`,
    );
    const load = loadavg()[0];
    const runs: { wall: number; cpu: number }[] = [];
    const single: { wall: number; cpu: number }[] = [];
    const forced: { wall: number; cpu: number }[] = [];
    const written: { wall: number; cpu: number }[] = [];
    const loads: number[] = [];
    let stats;
    let again = 0;
    const timed = async (path: string, threads?: { workers: number; writer: boolean }) => {
      const store = openSqliteStore(path, { create: true });
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await ingestFiles(store, paths, { gazetteer, actor: 'bench', ...threads });
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      return { store, wall, cpu: (c.user + c.system) / 1e6 };
    };
    for (let r = 0; r < (quick ? 1 : REPEATS); r++) {
      loads.push(loadavg()[0]);
      const spare = spareCores();
      const { store, wall, cpu } = await timed(join(dir, `w${r}.db`));
      runs.push({ wall, cpu });
      if (r === 0) {
        stats = await store.stats();
        const t1 = performance.now();
        await ingestFiles(store, paths, { gazetteer, actor: 'bench' });
        again = (performance.now() - t1) / 1000;
      }
      await store.close();
      const one = await timed(join(dir, `s${r}.db`), { workers: 0, writer: false });
      await one.store.close();
      single.push({ wall: one.wall, cpu: one.cpu });
      const wr = await timed(join(dir, `u${r}.db`), { workers: 0, writer: true });
      await wr.store.close();
      written.push({ wall: wr.wall, cpu: wr.cpu });
      const two = await timed(join(dir, `t${r}.db`), { workers: 1, writer: false });
      await two.store.close();
      forced.push({ wall: two.wall, cpu: two.cpu });
      log(
        `run ${r + 1} (load average ${loads[r].toFixed(1)}, ${spare ? 'writer thread' : 'main thread only'}): ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU; ` +
          `main thread only: ${one.wall.toFixed(2)} s wall, ${one.cpu.toFixed(2)} s CPU; ` +
          `writer thread: ${wr.wall.toFixed(2)} s wall, ${wr.cpu.toFixed(2)} s CPU; ` +
          `one preparing worker: ${two.wall.toFixed(2)} s wall, ${two.cpu.toFixed(2)} s CPU`,
      );
    }
    const { wall, cpu } = runs[0];
    const bestWall = Math.min(...runs.map((x) => x.wall));
    const bestCpu = Math.min(...runs.map((x) => x.cpu));
    const singleWall = Math.min(...single.map((x) => x.wall));
    const singleCpu = Math.min(...single.map((x) => x.cpu));
    const writtenWall = Math.min(...written.map((x) => x.wall));
    const writtenCpu = Math.min(...written.map((x) => x.cpu));
    const forcedWall = Math.min(...forced.map((x) => x.wall));
    const forcedCpu = Math.min(...forced.map((x) => x.cpu));
    const note = `${stats!.paragraphs} paragraphs, ${stats!.mentions} mentions, ${stats!.claims} claims; load average ${load.toFixed(1)} at start, ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} over the runs`;
    return [
      {
        label: `ingest ${pages} pages, first run (wall clock)`,
        value: mb / wall,
        unit: 'MB/s',
        target: '> 5 MB/s',
        met: mb / wall > 5,
        note: `${wall.toFixed(2)} s; ${note}`,
      },
      {
        label: `ingest ${pages} pages, first run (CPU time)`,
        value: mb / cpu,
        unit: 'MB/s',
        target: '> 5 MB/s',
        met: mb / cpu > 5,
        note: `${cpu.toFixed(2)} s of CPU`,
      },
      {
        label: `ingest ${pages} pages, best of ${runs.length} (wall clock)`,
        value: mb / bestWall,
        unit: 'MB/s',
        target: '> 5 MB/s',
        met: mb / bestWall > 5,
        note: `${bestWall.toFixed(2)} s`,
      },
      {
        label: `ingest ${pages} pages, best of ${runs.length} (CPU time)`,
        value: mb / bestCpu,
        unit: 'MB/s',
        target: '> 5 MB/s',
        met: mb / bestCpu > 5,
        note: `${bestCpu.toFixed(2)} s of CPU`,
      },
      {
        label: `ingest ${pages} pages, no worker thread, best of ${single.length} (wall clock)`,
        value: mb / singleWall,
        unit: 'MB/s',
        note: `${singleWall.toFixed(2)} s`,
      },
      {
        label: `ingest ${pages} pages, no worker thread, best of ${single.length} (CPU time)`,
        value: mb / singleCpu,
        unit: 'MB/s',
        note: `${singleCpu.toFixed(2)} s of CPU`,
      },
      {
        label: `ingest ${pages} pages, writer thread, best of ${written.length} (wall clock)`,
        value: mb / writtenWall,
        unit: 'MB/s',
        note: `${writtenWall.toFixed(2)} s`,
      },
      {
        label: `ingest ${pages} pages, writer thread, best of ${written.length} (CPU time)`,
        value: mb / writtenCpu,
        unit: 'MB/s',
        note: `${writtenCpu.toFixed(2)} s of CPU`,
      },
      {
        label: `ingest ${pages} pages, one preparing worker thread, best of ${forced.length} (wall clock)`,
        value: mb / forcedWall,
        unit: 'MB/s',
        note: `${forcedWall.toFixed(2)} s`,
      },
      {
        label: `ingest ${pages} pages, one preparing worker thread, best of ${forced.length} (CPU time)`,
        value: mb / forcedCpu,
        unit: 'MB/s',
        note: `${forcedCpu.toFixed(2)} s of CPU`,
      },
      {
        label: 're-ingest unchanged corpus',
        value: mb / again,
        unit: 'MB/s',
        note: `${again.toFixed(2)} s (hash check only)`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
