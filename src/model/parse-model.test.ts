import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseModel, type ModelFileText } from './parse-model.js';
import { formatProblem } from './problem.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures');

function fixture(name: string): ModelFileText[] {
  return readdirSync(join(FIXTURES, name))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ path: `${name}/${f}`, text: readFileSync(join(FIXTURES, name, f), 'utf8') }));
}

/** `file:line:col: severity[code]` of every problem, and the messages, in report order. */
function problemsOf(name: string) {
  const r = parseModel(fixture(name));
  return {
    model: r.model,
    where: r.problems.map((p) => `${p.at?.file}:${p.at?.line}:${p.at?.column}: ${p.severity}[${p.code}]`),
    lines: r.problems.map(formatProblem),
  };
}

// Every expected location below was counted by hand on the fixture file (line, then 1-based column
// of the offending value or key), not copied from the loader's output.
describe('parseModel on broken fixtures', () => {
  it('reports a YAML syntax error and a misspelt reference in the same file, both located', () => {
    const r = problemsOf('broken-syntax');
    expect(r.model).toBeUndefined();
    expect(r.where).toEqual([
      'broken-syntax/model.yaml:12:9: error[yaml-syntax]',
      'broken-syntax/model.yaml:18:11: error[unknown-reference]',
      'broken-syntax/unclosed.yaml:6:11: error[yaml-syntax]',
    ]);
    expect(r.lines[0]).toContain('indentation');
    expect(r.lines[1]).toContain('unknown entity "plnt" in "from" (did you mean "plant"?)');
    // "army" sits in the damaged element but is still defined: `to: army` is not reported.
    expect(r.lines.join('\n')).not.toContain('"army"');
    expect(r.lines[2]).toContain('Missing closing "quote');
  });

  it('reports schema violations and unknown fields at the field, with what was expected', () => {
    const r = problemsOf('broken-schema');
    expect(r.model).toBeUndefined();
    expect(r.where).toEqual([
      'broken-schema/model.yaml:9:11: error[schema]',
      'broken-schema/model.yaml:11:14: error[schema]',
      'broken-schema/model.yaml:13:5: error[schema]',
      'broken-schema/model.yaml:15:5: error[unknown-field]',
      'broken-schema/model.yaml:16:17: error[schema]',
      'broken-schema/model.yaml:17:22: error[schema]',
      'broken-schema/model.yaml:18:52: error[schema]',
      'broken-schema/model.yaml:20:11: error[schema]',
      'broken-schema/model.yaml:30:9: error[unknown-field]',
      'broken-schema/model.yaml:31:32: error[unknown-field]',
      'broken-schema/model.yaml:36:16: error[schema]',
      'broken-schema/model.yaml:38:1: error[unknown-field]',
    ]);
    const text = r.lines.join('\n');
    expect(text).toContain('got "compnay" (did you mean "company"?)');
    expect(text).toContain('ISO 3166-1 alpha-2 country code');
    expect(text).toContain('missing required field "name"');
    expect(text).toContain('unknown field "nmae" (did you mean "name"?)');
    expect(text).toContain('Admiralty code');
    expect(text).toContain('"lat": expected a number ≤ 90, got 95');
    expect(text).toContain('"paragraph": expected a number ≥ 1, got 0');
    expect(text).toContain('got "suplies" (did you mean "supplies"?)');
    expect(text).toContain('unknown field "shrae" (did you mean "share"?)');
    expect(text).toContain('unknown field "untis" (did you mean "unit"?)');
    expect(text).toContain('"providers": expected at least 1 item, got an empty list');
    expect(text).toContain('unknown section "relashuns" (did you mean "relations"?)');
    // The citation with paragraph 0 is malformed, not missing: no "cites no source" warning.
    expect(text).not.toContain('uncited');
  });

  it('reports unknown references at the referring value and duplicate ids across files', () => {
    const r = problemsOf('broken-refs');
    expect(r.where).toEqual([
      'broken-refs/a.yaml:16:22: error[unknown-reference]',
      'broken-refs/b.yaml:2:9: error[duplicate-id]',
      'broken-refs/b.yaml:9:21: error[unknown-reference]',
      'broken-refs/b.yaml:13:11: error[unknown-reference]',
      'broken-refs/b.yaml:14:9: error[unknown-reference]',
      'broken-refs/b.yaml:17:11: error[unknown-reference]',
      'broken-refs/b.yaml:22:11: error[unknown-reference]',
      'broken-refs/b.yaml:26:19: error[unknown-reference]',
      'broken-refs/b.yaml:28:9: error[duplicate-id]',
    ]);
    const text = r.lines.join('\n');
    expect(text).toContain('unknown cited source "dco" (did you mean "doc"?)');
    expect(text).toContain('duplicate entity id "army" (first defined at broken-refs/a.yaml:13:9)');
    expect(text).toContain('unknown entity "mzk" in "targets" (did you mean "mzkt"?)');
    expect(text).toContain('unknown entity "armi" in "to" (did you mean "army"?)');
    // Suggested from the entity's name, not its id.
    expect(text).toContain('unknown entity "minsk-wheeled-tractor-plant" in "from" (did you mean "mzkt"?)');
    expect(text).toContain('unknown entity "kamaz" in "provider"');
    expect(text).toContain(
      'duplicate dependency id "army-needs-chassis" (first defined at broken-refs/b.yaml:21:9)',
    );
  });

  it('reports bad dates, ranges, units and unit mismatches at the offending number or unit', () => {
    const r = problemsOf('broken-values');
    expect(r.where).toEqual([
      'broken-values/model.yaml:7:11: error[schema]',
      'broken-values/model.yaml:12:20: error[date-order]',
      'broken-values/model.yaml:13:59: error[range]',
      'broken-values/model.yaml:17:11: error[schema]',
      'broken-values/model.yaml:19:36: error[unknown-unit]',
      'broken-values/model.yaml:20:30: error[range]',
      'broken-values/model.yaml:26:27: error[range]',
      'broken-values/model.yaml:27:13: error[range]',
      'broken-values/model.yaml:30:16: error[range]',
      'broken-values/model.yaml:31:54: error[range]',
      'broken-values/model.yaml:32:38: error[unit-mismatch]',
      'broken-values/model.yaml:34:19: warning[self-provider]', // the army provides for itself
      'broken-values/model.yaml:35:23: error[range]',
      'broken-values/model.yaml:36:29: error[range]',
      'broken-values/model.yaml:37:37: error[unit-mismatch]',
    ]);
    const text = r.lines.join('\n');
    expect(text).toContain('got "2023-13"');
    expect(text).toContain('valid.from 2022 is after valid.to 2021-06');
    expect(text).toContain('a real calendar day');
    expect(text).toContain('unknown unit "soldiers"');
    expect(text).toContain('"criticality" is a fraction of the need and must lie in 0..1, got 150 percent');
    expect(text).toContain('"buffer" cannot be negative, got -3');
    expect(text).toContain('"share" is a fraction of the need and must lie in 0..1, got 1.2');
    expect(text).toContain('mode 0.9 lies outside min 0.2 .. max 0.8');
    expect(text).toContain('"lead_time" is a time quantity but its unit "percent" measures fraction');
    expect(text).toContain('"lead_time" cannot be negative, got -5');
    expect(text).toContain(
      'capacity measured in length, but provider 1 of this dependency gives it in count',
    );
  });

  it('does not cascade: a bad element still defines its id, a bad provider does not hide its sibling', () => {
    const r = problemsOf('broken-cascade');
    expect(r.where).toEqual([
      'broken-cascade/model.yaml:9:11: error[schema]',
      'broken-cascade/model.yaml:22:16: error[schema]',
      'broken-cascade/model.yaml:23:19: error[unknown-reference]',
      'broken-cascade/model.yaml:24:16: error[range]',
    ]);
    expect(r.lines[1]).toContain('"share": expected a number or a quantity mapping');
    expect(r.lines[2]).toContain('unknown entity "plantt" in "provider" (did you mean "plant"?)');
  });
});

describe('parseModel on a valid model', () => {
  it('normalises quantities to canonical units and fills defaults', () => {
    const r = parseModel(fixture('tiny'));
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const m = r.model!;
    expect(m.meta.id).toBe('tiny');
    const dep = m.dependencies[0];
    expect(dep.criticality.nominal).toBe(0.5);
    expect(dep.buffer).toMatchObject({ nominal: 14, min: 14, max: 14, unit: 'days', givenUnit: 'weeks' });
    const p = dep.providers[0];
    expect(p.share).toMatchObject({ dist: 'range', min: 0.6, max: 0.8 });
    expect(p.share.nominal).toBeCloseTo(0.7, 12);
    expect(p.quality.nominal).toBe(1); // default: as good as the incumbent
    expect(p.cost.nominal).toBe(1);
    expect(p.leadTime.nominal).toBe(0);
    expect(m.relations[0].id).toBe('b--supplies--a');
    expect(m.entities[1].valid).toEqual({ from: '2015' }); // a bare-number year becomes a partial date
  });

  it('warns (without failing) about uncited elements, point estimates and unused sources', () => {
    const text = [
      'sources:',
      '  - id: doc',
      '    title: D',
      '  - id: other',
      '    title: O',
      'entities:',
      '  - id: a',
      '    kind: state',
      '    name: A',
      '    cite: [{ source: doc, section: s, paragraph: 1 }]',
      '    quantities:',
      '      troops: { value: 10, unit: troops, estimate: true }',
      '  - id: b',
      '    kind: state',
      '    name: B',
      '  - id: c',
      '    kind: state',
      '    name: C',
      '    estimate: true',
    ].join('\n');
    const r = parseModel([{ path: 'm.yaml', text }]);
    expect(r.model).toBeDefined();
    expect(r.problems.map((p) => `${p.at?.line}:${p.at?.column} ${p.severity}[${p.code}]`)).toEqual([
      '4:9 warning[unused-source]',
      '12:15 warning[estimate-point]',
      '13:5 warning[uncited]',
    ]);
  });

  it('warns about a node listed as its own provider, and a provider listed twice', () => {
    const text = [
      'entities:',
      '  - { id: a, kind: state, name: A, estimate: true }',
      'dependencies:',
      '  - id: d',
      '    node: a',
      '    input: x',
      '    estimate: true',
      '    providers:',
      '      - provider: a',
      '      - provider: a',
    ].join('\n');
    const r = parseModel([{ path: 'm.yaml', text }]);
    expect(r.model).toBeDefined();
    expect(r.problems.map((p) => `${p.at?.line}:${p.at?.column} ${p.code}`)).toEqual([
      '9:19 self-provider',
      '10:19 self-provider',
      '10:19 duplicate-provider',
    ]);
  });

  it('names the entity meant when a reference is written as a name, an alias or in capitals', () => {
    const text = [
      'entities:',
      '  - { id: mzkt, kind: company, name: Minsk Wheeled Tractor Plant, aliases: [MZKT], estimate: true }',
      '  - { id: ru, kind: state, name: Russia, estimate: true }',
      'relations:',
      '  - { type: supplies, from: Minsk Wheeled Tractor Plant, to: RU, estimate: true }',
    ].join('\n');
    const r = parseModel([{ path: 'm.yaml', text }]);
    expect(
      r.problems.map((p) => `${p.at?.line}:${p.at?.column} ${p.code}: ${p.message.replace(/.*got /, '')}`),
    ).toEqual([
      '5:29 schema: "Minsk Wheeled Tractor Plant" (did you mean "mzkt"?)',
      '5:62 schema: "RU" (did you mean "ru"?)',
    ]);
  });

  it('reads every YAML document of a file separated by ---, locating problems in the whole file', () => {
    const text = [
      'sources:',
      '  - { id: doc, title: D }',
      '---',
      'entities:',
      '  - { id: a, kind: state, name: A, cite: [{ source: doc, section: s, paragraph: 1 }] }',
      '  - { id: b, kind: stat, name: B, cite: [{ source: doc, section: s, paragraph: 1 }] }',
    ].join('\n');
    const r = parseModel([{ path: 'm.yaml', text }]);
    expect(r.problems.map((p) => `${p.at?.line}:${p.at?.column} ${p.code}`)).toEqual(['6:20 schema']);
    const fixed = parseModel([{ path: 'm.yaml', text: text.replace('stat,', 'state,') }]);
    expect(fixed.model?.entities.map((e) => e.id)).toEqual(['a', 'b']);
    expect(fixed.model?.sources.map((s) => s.id)).toEqual(['doc']);
  });

  it("explains the commonest shape slips in the author's words, without cascading warnings", () => {
    const text = [
      'sources:',
      '  - { id: doc, title: D }',
      'entities:',
      '  - id: a',
      '    kind: state',
      '    name: A',
      '    aliases: Ay',
      '    valid: 2021',
      '    cite: { source: doc, section: s, paragraph: 1 }',
      'dependencies:',
      '  - id: d',
      '    node: a',
      '    input: x',
      '    estimate: yes',
      '    providers:',
      '      - a',
      '      - { provider: a, share: 50% }',
    ].join('\n');
    const r = parseModel([{ path: 'm.yaml', text }]);
    expect(r.problems.map((p) => `${p.at?.line}:${p.at?.column} ${p.severity} ${p.message}`)).toEqual([
      '7:14 error "aliases": expected a list, got "Ay" (a list: [Ay])',
      '8:12 error "valid": expected a mapping, got 2021 (write { from: 2021 } or { to: 2021 })',
      '9:11 error "cite": expected a list, got a mapping (a list: [{ source, section, paragraph }], even for one citation)',
      '14:15 error "estimate": expected true or false, got "yes"',
      '16:9 error "providers[0]": expected a mapping, got "a" (write "- provider: a")',
      '17:21 warning "a" is listed as a provider of its own input; a node cannot cover its own need',
      '17:31 error "share": expected a number or a quantity mapping ({ value | min, max | dist, … , unit }); got "50%" (write { value: 50, unit: percent })',
    ]);
  });

  it('converts percent to fractions and keeps a lognormal median as the nominal value', () => {
    const text = [
      'entities:',
      '  - { id: a, kind: state, name: A, estimate: true }',
      '  - { id: b, kind: state, name: B, estimate: true }',
      'dependencies:',
      '  - id: d',
      '    node: a',
      '    input: x',
      '    estimate: true',
      '    buffer: { median: 10, sigma: 0.5, unit: days }',
      '    providers:',
      '      - { provider: b, share: { value: 40, unit: percent }, lead_time: { min: 1, max: 2, unit: months } }',
    ].join('\n');
    const r = parseModel([{ path: 'm.yaml', text }]);
    expect(r.problems).toEqual([]);
    const d = r.model!.dependencies[0];
    expect(d.buffer.dist).toBe('lognormal');
    expect(d.buffer.nominal).toBe(10);
    expect(d.buffer.min).toBeCloseTo(10 * Math.exp(-2.326 * 0.5), 12);
    expect(d.providers[0].share.nominal).toBeCloseTo(0.4, 12);
    expect(d.providers[0].leadTime.min).toBeCloseTo(365.25 / 12, 9);
    expect(d.providers[0].estimate).toBe(true); // inherited from the dependency
  });
});

describe('parseModel properties', () => {
  it('never throws on any YAML value in any section, even with an outline callback', () => {
    const value = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record(
        {
          id: fc.constantFrom('a', 'b', 'doc', 'X y', 7),
          kind: fc.constantFrom('state', 'nope', 3),
          name: fc.oneof(fc.string(), fc.integer()),
          file: fc.oneof(fc.string(), fc.integer()),
          node: fc.constantFrom('a', 'b', 'zz', null),
          cite: fc.anything({ maxDepth: 2 }),
          providers: fc.oneof(
            fc.anything({ maxDepth: 2 }),
            fc.array(
              fc.record({ provider: fc.constantFrom('a', 'b', 1), share: fc.anything({ maxDepth: 1 }) }),
            ),
          ),
          valid: fc.anything({ maxDepth: 1 }),
          quantities: fc.dictionary(fc.string(), fc.anything({ maxDepth: 2 })),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            sources: fc.array(value, { maxLength: 3 }),
            entities: fc.array(value, { maxLength: 3 }),
            dependencies: fc.array(value, { maxLength: 3 }),
            relations: fc.array(value, { maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
        (doc) => {
          const text = stringify(doc);
          const r = parseModel([{ path: 'm.yaml', text }], { outline: () => ({ sections: { s: 2 } }) });
          expect(r.model === undefined).toBe(r.problems.some((p) => p.severity === 'error'));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('never throws, and returns a model exactly when there is no error', () => {
    const fragments = [
      'entities:\n',
      '  - id: a\n',
      '    kind: state\n',
      '    name: A\n',
      '    kind: nope\n',
      'relations:\n',
      '  - { type: owns, from: a, to: b }\n',
      '   bad: [\n',
      '"\n',
      'dependencies:\n',
      '  - { id: d, node: a, input: x, providers: [{ provider: a, share: 2 }] }\n',
      '\t\n',
      ': :\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), (parts) => {
        const r = parseModel([{ path: 'm.yaml', text: parts.join('') }]);
        const hasError = r.problems.some((p) => p.severity === 'error');
        expect(r.model === undefined).toBe(hasError);
        for (const p of r.problems) expect(p.at?.line ?? 1).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
