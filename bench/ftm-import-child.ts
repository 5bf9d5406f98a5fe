// Child process of bench/ftm-import.bench.ts: imports one FtM file into a new model folder (as
// `tyl import ftm FILE --out DIR` does) and prints the time, the peak RSS of this process and the
// report's counts as JSON, so the memory figure is the import's alone.
import { importToFolder } from '../src/interop/import-to-folder.js';

const [file, out] = process.argv.slice(2);
const t0 = performance.now();
const c0 = process.cpuUsage();
const { report, committed } = await importToFolder('ftm', [file], { out });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
console.log(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    committed,
    records: report.records,
    written: report.written,
    errors: report.errors,
  }),
);
