import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { assignAnchors, type AnchorInput } from './assign-anchors.js';

const natural = (xs: { section: string; hash: string }[]): AnchorInput[] => {
  const n = new Map<string, number>();
  return xs.map((x) => {
    n.set(x.section, (n.get(x.section) ?? 0) + 1);
    return { ...x, paragraph: n.get(x.section)! };
  });
};

describe('assignAnchors', () => {
  it('numbers a fresh document as the splitter does', () => {
    const ps = natural([
      { section: 'a', hash: '1' },
      { section: 'a', hash: '2' },
      { section: 'b', hash: '3' },
    ]);
    expect(assignAnchors(ps)).toEqual([1, 2, 1]);
  });

  it('keeps the numbers of unchanged paragraphs when one is inserted before them', () => {
    const old = natural([
      { section: 'a', hash: 'x' },
      { section: 'a', hash: 'y' },
    ]);
    const now = natural([
      { section: 'a', hash: 'new' },
      { section: 'a', hash: 'x' },
      { section: 'a', hash: 'y' },
    ]);
    expect(assignAnchors(now, old)).toEqual([3, 1, 2]);
  });

  it('gives an edited paragraph its old position number when that number is free', () => {
    const old = natural([
      { section: 'a', hash: 'x' },
      { section: 'a', hash: 'y' },
      { section: 'a', hash: 'z' },
    ]);
    const now = natural([
      { section: 'a', hash: 'x' },
      { section: 'a', hash: 'y2' },
      { section: 'a', hash: 'z' },
    ]);
    expect(assignAnchors(now, old)).toEqual([1, 2, 3]);
  });

  it('unchanged paragraphs keep their anchors and anchors stay unique per section (property)', () => {
    const para = fc.record({
      section: fc.constantFrom('a', 'b'),
      hash: fc.constantFrom('p', 'q', 'r', 's', 't', 'u', 'v'),
    });
    fc.assert(
      fc.property(fc.array(para, { maxLength: 12 }), fc.array(para, { maxLength: 12 }), (before, after) => {
        const old = natural(before);
        const now = natural(after);
        const got = assignAnchors(now, old);
        const keys = now.map((p, i) => `${p.section}#${got[i]}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(got.every((n) => Number.isInteger(n) && n >= 1)).toBe(true);
        // every paragraph whose text existed in the same section keeps one of that text's old numbers
        now.forEach((p, i) => {
          const olds = old
            .filter((o) => o.section === p.section && o.hash === p.hash)
            .map((o) => o.paragraph);
          const sameBefore = now
            .slice(0, i)
            .filter((q) => q.section === p.section && q.hash === p.hash).length;
          if (sameBefore < olds.length) expect(olds).toContain(got[i]);
        });
      }),
    );
  });
});
