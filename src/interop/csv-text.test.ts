import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCsv, parseCsv } from './csv-text.js';
import { joinCitations, joinList, splitCitations, splitList } from './csv-cells.js';

const cell = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('a,b', '"q"', 'line\r\nbreak', '\n', ' x ', '""', ',', 'é;\\|'),
);

describe('CSV text (RFC 4180)', () => {
  it('parses back exactly what it writes, whatever the cell contents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const { records, problems } = parseCsv(formatCsv(rows));
          expect(problems).toEqual([]);
          expect(records.map((r) => r.fields)).toEqual(rows);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('quotes only fields that need it, with CRLF record ends', () => {
    expect(
      formatCsv([
        ['id', 'name'],
        ['a', 'Minsk, "MZKT"'],
      ]),
    ).toBe('id,name\r\na,"Minsk, ""MZKT"""\r\n');
  });

  it('gives the starting line of records whose quoted fields span lines', () => {
    const { records } = parseCsv('id,note\na,"two\nlines"\nb,x\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['id', 'note']],
      [2, ['a', 'two\nlines']],
      [4, ['b', 'x']],
    ]);
  });

  it('locates malformed records and keeps reading', () => {
    const { records, problems } = parseCsv('id,name\na,b"c\nb,"ok"x\nc,fine\nd,"never closed\n');
    expect(problems).toEqual([
      { line: 2, field: 2, message: expect.stringContaining('quote inside an unquoted field') },
      { line: 3, field: 2, message: expect.stringContaining('after the closing quote') },
      { line: 5, field: 2, message: expect.stringContaining('never closed') },
    ]);
    expect(records.map((r) => r.fields[0])).toEqual(['id', 'c']);
  });
});

describe('list and citation cells', () => {
  it('round-trip any list of strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 5 }).filter((l) => !(l.length === 1 && l[0] === '')),
        (list) => {
          expect(splitList(joinList(list))).toEqual(list);
        },
      ),
    );
  });

  it('round-trip citations with spans, notes and awkward characters', () => {
    const cite = fc.record(
      {
        source: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/),
        section: fc.string({ minLength: 1 }),
        paragraph: fc.integer({ min: 1, max: 500 }),
        to: fc.integer({ min: 1, max: 500 }),
        note: fc.string(),
      },
      { requiredKeys: ['source', 'section', 'paragraph'] },
    );
    fc.assert(
      fc.property(fc.array(cite, { maxLength: 4 }), (cites) => {
        expect(splitCitations(joinCitations(cites))).toEqual({ cites });
      }),
    );
  });

  it('writes the readable form', () => {
    expect(
      joinCitations([
        { source: 'ferris', section: 'sanctions', paragraph: 4 },
        { source: 'ferris', section: 'intro', paragraph: 1, to: 3, note: 'a; b' },
      ]),
    ).toBe('ferris#sanctions/4;ferris#intro/1-3|a\\; b');
    expect(splitCitations('ferris#intro').error).toContain('source#section/paragraph');
  });
});
