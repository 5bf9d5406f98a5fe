// Report benchmark: the flagship model with its whole scenario library, 1,000 Monte Carlo samples
// (the `tyl report` default): the analysis with its sensitivity tornadoes and level bands, building
// the document, and rendering it as Markdown, HTML (Observable Plot on linkedom) and PDF (chromium).
import { join } from 'node:path';
import { readModel } from '../src/store/read-model.js';
import { loadScenarios } from '../src/cli/scenario-arg.js';
import { reportData } from '../src/report/report-data.js';
import { buildReport } from '../src/report/build-report.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { renderHtml } from '../src/report/render-html.js';
import { renderPdf } from '../src/report/render-pdf.js';
import type { BenchContext, BenchFigure } from './bench-types.js';

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; s: number; cpu: number }> {
  const u = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const d = process.cpuUsage(u);
  return { value, s: (performance.now() - t0) / 1000, cpu: (d.user + d.system) / 1e6 };
}

export default async function reportBench(ctx: BenchContext): Promise<BenchFigure[]> {
  const dir = join(import.meta.dirname, '..', 'models', 'russia-belarus');
  const model = readModel(dir);
  const scenarios = loadScenarios(undefined, dir, model, process.cwd());
  const samples = ctx.quick ? 100 : 1000;
  ctx.log(`report: analysis of ${scenarios.length} scenarios, ${samples} samples…`);
  const data = await timed(() => reportData(model, scenarios, { samples, seed: 1 }));
  const doc = await timed(() => buildReport(data.value, model, { date: '2026-01-01' }));
  const md = await timed(() => renderMarkdown(doc.value));
  const html = await timed(() => renderHtml(doc.value));
  ctx.log('report: printing the PDF…');
  const pdf = await timed(() => renderPdf(doc.value));
  const note = (t: { cpu: number }) => `CPU time ${t.cpu.toFixed(1)} s (this thread and workers)`;
  return [
    {
      label: `analysis for the report (${samples} samples, ${scenarios.length} scenarios, ${data.value.sensitivity.length} tornadoes, bands)`,
      value: data.s,
      unit: 's',
      note: note(data),
    },
    { label: 'build the report document', value: doc.s * 1000, unit: 'ms' },
    { label: `render Markdown (${Math.round(md.value.length / 1024)} KiB)`, value: md.s * 1000, unit: 'ms' },
    {
      label: `render HTML with charts (${Math.round(html.value.length / 1024)} KiB)`,
      value: html.s * 1000,
      unit: 'ms',
    },
    {
      label: `render PDF through chromium (${Math.round(pdf.value.byteLength / 1024)} KiB)`,
      value: pdf.s,
      unit: 's',
      note: 'browser start-up included',
    },
  ];
}
