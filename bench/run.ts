// The benchmark runner: `npm run bench` runs every bench/*.bench.ts; `npm run bench -- structure`
// runs bench/structure.bench.ts. Prints each figure with the machine and date, and with --md the
// Markdown rows for docs/benchmarks.md. Benchmarks time things; tests never do.
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext, BenchFigure, BenchFunction } from './bench-types.js';

const dir = import.meta.dirname;
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const md = argv.includes('--md');
const names = argv.filter((a) => !a.startsWith('--'));
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
for (const n of names)
  if (!all.includes(n)) {
    console.error(`bench: no bench/${n}.bench.ts (have: ${all.join(', ') || 'none'})`);
    process.exit(2);
  }
const chosen = names.length ? names : all;

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`;
const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
console.log(`machine: ${machine}`);
console.log(`date: ${date}`);

const ctx: BenchContext = { log: (l) => console.error(`  ${l}`), quick };
const fmt = (f: BenchFigure) => `${Number.isInteger(f.value) ? f.value : f.value.toPrecision(4)} ${f.unit}`;
let failed = false;
for (const name of chosen) {
  const mod = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as Record<string, unknown>;
  const fn = (
    typeof mod.default === 'function' ? mod.default : Object.values(mod).find((v) => typeof v === 'function')
  ) as BenchFunction | undefined;
  if (!fn) {
    console.error(`bench: bench/${name}.bench.ts exports no function`);
    failed = true;
    continue;
  }
  console.log(`\n## ${name}`);
  const figures = await fn(ctx);
  for (const f of figures)
    console.log(
      `${f.label}: ${fmt(f)}${f.target ? ` (target ${f.target}: ${f.met ? 'met' : 'NOT met'})` : ''}${f.note ? ` — ${f.note}` : ''}`,
    );
  if (md) {
    console.log('\n| figure | value | target | note |\n| --- | --- | --- | --- |');
    for (const f of figures)
      console.log(
        `| ${f.label} | ${fmt(f)} | ${f.target ? `${f.target} (${f.met ? 'met' : 'not met'})` : ''} | ${f.note ?? ''} |`,
      );
  }
}
if (failed) process.exit(1);
