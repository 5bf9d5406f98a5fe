// Loader benchmarks: reading and validating the flagship model (every check, anchors included), and
// parseModel on generated YAML models of 1k / 10k entities with as many dependencies, to show
// how the compiler-style checks scale.
import { join } from 'node:path';
import { readModelFiles } from '../src/store/read-model.js';
import { LineCounter, parseDocument } from 'yaml';
import { parseModel } from '../src/model/parse-model.js';
import type { BenchContext, BenchFigure } from './bench-types.js';
import { timeMedian } from './bench-types.js';

/** A valid model file with `n` entities and `n` dependencies of 2 providers each (deterministic). */
export function syntheticModelYaml(n: number): string {
  const lines = [
    'model: { id: synthetic, title: Synthetic }',
    'sources:',
    '  - { id: doc, title: D }',
    'entities:',
  ];
  for (let i = 0; i < n; i++)
    lines.push(
      `  - id: e${i}`,
      `    kind: ${i % 3 ? 'company' : 'capability'}`,
      `    name: Entity ${i}`,
      `    country: ${i % 2 ? 'BY' : 'RU'}`,
      `    valid: { from: ${2000 + (i % 20)} }`,
      `    cite: [{ source: doc, section: s${i % 10}, paragraph: ${1 + (i % 7)} }]`,
    );
  lines.push('dependencies:');
  for (let i = 0; i < n; i++)
    lines.push(
      `  - id: d${i}`,
      `    node: e${i}`,
      `    input: input ${i}`,
      `    buffer: { min: 10, max: 30, unit: days }`,
      `    cite: [{ source: doc, section: s${i % 10}, paragraph: 1 }]`,
      `    providers:`,
      `      - { provider: e${(i * 7 + 1) % n} }`,
      `      - { provider: e${(i * 13 + 5) % n}, share: { min: 0.2, max: 0.6 }, lead_time: { value: 3, unit: months } }`,
    );
  return lines.join('\n') + '\n';
}

export default function loadModelBench({ log, quick }: BenchContext): BenchFigure[] {
  const out: BenchFigure[] = [];
  const flagship = join(import.meta.dirname, '..', 'models', 'russia-belarus');
  const r = readModelFiles(flagship);
  const m = r.model;
  log(
    `flagship: ${m?.entities.length} entities, ${m?.relations.length} relations, ${m?.dependencies.length} dependencies`,
  );
  out.push({
    label: 'load and validate the flagship (readModelFiles)',
    value: timeMedian(() => readModelFiles(flagship), 5),
    unit: 'ms',
    note: `${r.files.length} files, ${m?.entities.length} entities, ${m?.relations.length} relations, ${m?.dependencies.length} dependencies, ${r.problems.length} problems`,
  });
  for (const n of quick ? [1000] : [1000, 10_000]) {
    const text = syntheticModelYaml(n);
    const files = [{ path: 'synthetic.yaml', text }];
    const check = parseModel(files);
    if (!check.model) throw new Error(`synthetic model has errors: ${check.problems[0]?.message}`);
    const runs = 3;
    const yamlMs = timeMedian(() => parseDocument(text, { lineCounter: new LineCounter() }).toJS(), runs);
    const ms = timeMedian(() => parseModel(files), runs);
    out.push({
      label: `YAML parse alone (yaml library), ${n.toLocaleString('en')} + ${n.toLocaleString('en')}`,
      value: yamlMs,
      unit: 'ms',
      note: 'the floor any loader on this YAML library pays',
    });
    out.push({
      label: `parseModel, ${n.toLocaleString('en')} entities + ${n.toLocaleString('en')} dependencies`,
      value: ms,
      unit: 'ms',
      note: `${(text.length / 2 ** 20).toFixed(1)} MiB of YAML, ${Math.round((n * 2) / (ms / 1000)).toLocaleString('en')} elements/s, ${(ms / yamlMs).toFixed(2)} × the YAML parse alone`,
    });
  }
  return out;
}
