import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { importCsv } from './csv-import.js';
import { memorySink } from './model-sink.js';
import { parseModel } from '../model/parse-model.js';

const DIR = 'test/fixtures/interop-csv-malformed';
const files = () =>
  readdirSync(DIR).map((f) => ({ path: `${DIR}/${f}`, text: readFileSync(`${DIR}/${f}`, 'utf8') }));

describe('importCsv on malformed tables', () => {
  it('locates each error at file, line and column, and reads the rest', () => {
    const sink = memorySink();
    const report = importCsv(files(), sink);
    const where = report.problems.map((p) => [
      p.at!.file.replace(`${DIR}/`, ''),
      p.at!.line,
      p.path ?? null,
      p.code,
    ]);
    expect(where).toEqual([
      ['entities.csv', 3, 'kind', 'schema'],
      ['entities.csv', 4, 'country', 'schema'],
      ['entities.csv', 5, 'name', 'csv-syntax'],
      ['entities.csv', 6, 'lat', 'csv-value'],
      ['entities.csv', 6, 'cite', 'csv-value'],
      ['entities.csv', 7, 'attr:flag:bool', 'csv-value'],
      ['entities.csv', 7, 'qty:troops:value', 'csv-value'],
      ['entities.csv', 8, null, 'csv-fields'],
      ['entities.csv', 9, 'cite', 'unknown-reference'],
      ['relations.csv', 2, 'to', 'invalid-reference'],
      ['relations.csv', 3, 'to', 'invalid-reference'],
      ['relations.csv', 4, 'to', 'unknown-reference'],
      ['relations.csv', 5, 'type', 'schema'],
    ]);
    expect(report.problems[0].message).toContain('did you mean "state"');
    expect(report.problems[0].at!.column).toBe(2);
    // 13 data lines; the one with a syntax error is not a record. All but "doc" and "by" are invalid.
    expect(report.records).toBe(12);
    expect(report.invalidLines).toBe(11);
    // Only the valid, fully resolvable rows are handed on.
    expect(sink.file.entities.map((e) => e.id)).toEqual(['by']);
    expect(sink.file.sources.map((s) => s.id)).toEqual(['doc']);
  });

  it('merges rows whose ids the model already holds, and reports them', () => {
    const existing = parseModel([
      {
        path: 'm.yaml',
        text: 'sources: [{ id: doc, title: D }]\nentities: [{ id: by, kind: state, name: Belarus, estimate: true }]\n',
      },
    ]).model!;
    const text = 'id,kind,name,cite\r\nby,state,Belarus,\r\nmzkt,company,MZKT,doc#p/1\r\n';
    const sink = memorySink();
    const report = importCsv([{ path: 'entities.csv', text }], sink, { existing });
    expect(report.errors).toBe(0);
    expect(report.merged).toEqual([{ line: 2, inputId: 'by', name: 'entity by', into: 'by', by: 'id' }]);
    expect(sink.file.entities.map((e) => e.id)).toEqual(['mzkt']);
  });

  it('rejects unknown columns and dependency rows that disagree', () => {
    const deps =
      'dependency,node,input,provider,criticality:value\na-needs,a,parts,b,1\na-needs,a,parts,c,0.5\n';
    const ents = 'id,kind,name,colour\na,state,A,red\nb,state,B,\nc,state,C,\n';
    const report = importCsv(
      [
        { path: 'dependencies.csv', text: deps },
        { path: 'entities.csv', text: ents },
      ],
      memorySink(),
    );
    expect(report.problems.map((p) => [p.at!.file, p.at!.line, p.path, p.code])).toEqual([
      ['dependencies.csv', 3, 'criticality:value', 'csv-dependency'],
      ['entities.csv', 1, 'colour', 'csv-header'],
    ]);
  });
});
