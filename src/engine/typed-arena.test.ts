import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TypedArena } from './typed-arena.js';

type Kind = 'f64' | 'i32' | 'u32' | 'u8';

describe('TypedArena', () => {
  it('hands out zero-filled, aligned arrays that never overlap, within and past its first buffer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4096 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom<Kind>('f64', 'i32', 'u32', 'u8'),
            length: fc.integer({ min: 0, max: 20_000 }),
          }),
          { maxLength: 40 },
        ),
        (bytes, requests) => {
          const arena = new TypedArena(bytes);
          const arrays = requests.map(({ kind, length }, k) => {
            const a = arena[kind](length);
            expect(a.length).toBe(length);
            expect(a.byteOffset % a.BYTES_PER_ELEMENT).toBe(0);
            expect(a.every((x) => x === 0)).toBe(true);
            a.fill(k + 1); // a value of its own, to see whether a later array writes over it
            return a;
          });
          arrays.forEach((a, k) => expect(a.every((x) => x === k + 1)).toBe(true));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('fits arrays summing to its size in one buffer', () => {
    const arena = new TypedArena(1 << 20);
    const a = arena.f64(1 << 16); // half
    const b = arena.i32(1 << 16); // a quarter
    const c = arena.u8(1 << 18); // the rest
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).toBe(a.buffer);
    const d = arena.u8(1);
    expect(d.buffer).not.toBe(a.buffer);
  });
});
