import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModel, readModelFiles, sourceOutline } from './read-model.js';
import { UserError } from '../model/problem.js';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures');

describe('readModelFiles', () => {
  it('checks citations against the local copy of their source (locations counted by hand)', () => {
    const r = readModelFiles(join(fixtures, 'broken-anchors'), fixtures);
    expect(r.model).toBeUndefined();
    expect(
      r.problems.map((p) => `${p.at?.file}:${p.at?.line}:${p.at?.column}: ${p.severity}[${p.code}]`),
    ).toEqual([
      'broken-anchors/model.yaml:8:5: warning[source-file]',
      'broken-anchors/model.yaml:19:36: error[unknown-anchor]',
      'broken-anchors/model.yaml:23:63: error[unknown-anchor]',
      'broken-anchors/model.yaml:27:63: error[unknown-anchor]',
    ]);
    expect(r.problems[1].message).toContain('no section "the-tly" (did you mean "the-tyl"?)');
    expect(r.problems[2].message).toContain('has 1 paragraph; got paragraph 2');
    expect(r.problems[3].message).toContain('has 4 paragraphs; got to 5');
  });

  it('outlines a document as split-document numbers it (list items are paragraphs)', () => {
    expect(
      sourceOutline(join(fixtures, 'broken-anchors'), { id: 'doc', title: 'D', file: 'doc.md' }),
    ).toEqual({
      sections: { title: 1, 'the-tyl': 4, 'russias-agenda': 1 },
    });
    expect(sourceOutline(fixtures, { id: 'x', title: 'X', file: 'nope.md' })).toBeUndefined();
  });

  it('readModel throws a UserError listing every problem, and loads a good model', () => {
    expect(() => readModel(join(fixtures, 'broken-refs'), fixtures)).toThrow(UserError);
    try {
      readModel(join(fixtures, 'broken-refs'), fixtures);
    } catch (e) {
      expect((e as UserError).message).toMatch(/^model\/load: 9 errors in /);
      expect((e as UserError).problems).toHaveLength(9);
    }
    expect(readModel(join(fixtures, 'tiny', 'model.yaml'), fixtures).entities).toHaveLength(2);
  });
});
