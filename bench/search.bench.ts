// Search latency over the generated 1,000-page corpus (see ingest.bench.ts): 300 seeded queries
// (single words, two-word AND queries, phrases and prefixes drawn from the corpus's own names and
// words), each through Store.search with bm25 ranking and snippets, top 10. Target: median < 20 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../src/evidence/generate-corpus.js';
import { mulberry32 } from '../src/engine/generate/mulberry32.js';
import { buildGazetteer } from '../src/evidence/gazetteer.js';
import { prepareDocument } from '../src/evidence/prepare-document.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import type { BenchContext, BenchFigure } from './bench-types.js';

const SEED = 1;

export default async function searchBench({ log, quick }: BenchContext): Promise<BenchFigure[]> {
  const pages = quick ? 100 : 1000;
  const corpus = generateCorpus({ pages, entities: 5000, seed: SEED });
  const gazetteer = buildGazetteer(corpus.entities);
  const dir = mkdtempSync(join(tmpdir(), 'tyl-bench-search-'));
  try {
    const store = openSqliteStore(join(dir, 'w.db'), { create: true });
    for (const d of corpus.documents)
      await store.putDocument(
        prepareDocument(
          { source: d.name.replace(/\.md$/, ''), path: d.name, text: d.text, bytes: d.text.length },
          { gazetteer },
        ),
        { actor: 'bench' },
      );
    log(`indexed ${(await store.stats()).paragraphs} paragraphs`);
    const r = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const words = [
      'supplies',
      'repairs',
      'sanctioned',
      'transit',
      'tensions',
      'officers',
      'fuel',
      'equipment',
      'border',
      'academy',
      'report',
      'lease',
    ];
    const queries: string[] = [];
    for (let i = 0; i < 300; i++) {
      const name = pick(corpus.entities).names[0];
      const v = r();
      queries.push(
        v < 0.3
          ? pick(words)
          : v < 0.55
            ? `${name.split(' ')[0]} ${pick(words)}`
            : v < 0.8
              ? `"${name}"`
              : `${name.slice(0, 4)}*`,
      );
    }
    for (const q of queries.slice(0, 20)) await store.search(q);
    const load = loadavg()[0];
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t0 = performance.now();
      hits += (await store.search(q, { limit: 10 })).length;
      times.push(performance.now() - t0);
    }
    await store.close();
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const p95 = times[Math.floor(times.length * 0.95)];
    return [
      {
        label: `search median (${pages} pages, top 10)`,
        value: median,
        unit: 'ms',
        target: '< 20 ms',
        met: median < 20,
        note: `${queries.length} queries, ${hits} hits; load average ${load.toFixed(1)}; seed ${SEED}`,
      },
      { label: 'search 95th percentile', value: p95, unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
