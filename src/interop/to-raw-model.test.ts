import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseModel } from '../model/parse-model.js';
import { emitYaml, type YamlValue } from './emit-yaml.js';
import { toRawModel } from './to-raw-model.js';
import { comparableModel } from './comparable-model.js';

const load = (text: string) => {
  const r = parseModel([{ path: 'm.yaml', text }]);
  if (!r.model) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.model;
};

const RICH = `
model: { id: rich, title: Rich }
sources:
  - { id: doc, title: Doc, author: [A, B], date: 2023-02 }
entities:
  - id: a
    kind: capability
    name: "A: the capability"
    aliases: [Alpha, "1984"]
    tags: [t1]
    estimate: true
    attributes: { colour: red, listed: true, codes: [x, y], troops: { min: 1, max: 3, unit: troops } }
    quantities:
      revenue: { dist: triangular, min: 1, mode: 2, max: 4, unit: million USD, cite: [{ source: doc, section: s, paragraph: 2, to: 3, note: a note }] }
      growth: { median: 2, sigma: 0.3 }
      flat: { dist: uniform, min: 0, max: 10, value: 3 }
    cite: [{ source: doc, section: intro, paragraph: 1 }]
    valid: { from: 2014, to: 2022-03 }
  - { id: b, kind: event, name: B, date: 2020-08-09, confidence: B2 }
  - { id: s, kind: sanction, name: S, authority: EU, programme: P, targets: [a], country: BY }
relations:
  - { type: supplies, from: b, to: a, quantities: { volume: { value: 3, unit: t } } }
  - { id: r2, type: owns, from: a, to: b, confidence: low, note: hm }
dependencies:
  - id: d
    node: a
    input: parts
    buffer: { value: 3, unit: months }
    bom: 2
    providers:
      - { provider: b, share: { min: 60, max: 80, unit: percent }, lead_time: { value: 2, unit: weeks } }
      - { provider: s, cost: 1.5, capacity: 10, estimate: true }
`;

describe('toRawModel', () => {
  it('round-trips a model through YAML unchanged (less locations)', () => {
    for (const text of [RICH, readFileSync('test/fixtures/tiny/model.yaml', 'utf8')]) {
      const m = load(text);
      const again = load(emitYaml(toRawModel(m) as unknown as Record<string, YamlValue>));
      expect(comparableModel(again)).toEqual(comparableModel(m));
    }
  });

  it('writes quantities in the unit the author gave', () => {
    const raw = toRawModel(load(RICH));
    expect(raw.dependencies![0].buffer).toEqual({ value: 3, unit: 'months' });
    expect(raw.dependencies![0].providers[0].share).toEqual({ min: 60, max: 80, unit: 'percent' });
    expect(raw.dependencies![0].criticality).toBeUndefined();
  });
});
