// Typed arrays carved out of a few large ArrayBuffers instead of one buffer each. The simulation
// kernel needs some seventy working arrays per run; every ArrayBuffer counts as external memory to
// V8, and each allocation past its external-memory limit can start a full garbage collection. With a
// large model resident in the heap (a million nodes' worth of entities and dependencies), each such
// collection takes over a second and frees nothing, so the kernel's setup at 1M nodes spent some
// seven seconds in them (docs/benchmarks.md). An arena makes that one or two allocations.
//
// Arrays from an arena live as long as the arena's buffers: use it for working state whose lifetime
// is one run, never for results handed back to a caller.

/** Bump allocator of zero-filled typed arrays over large ArrayBuffers. */
export class TypedArena {
  private buffer: ArrayBuffer;
  private offset = 0;
  private readonly chunk: number;

  /** `bytes`: the expected total (a good estimate saves further buffers; any size works). */
  constructor(bytes: number) {
    this.chunk = Math.max(1 << 16, Math.ceil(bytes));
    this.buffer = new ArrayBuffer(this.chunk);
  }

  private take(bytes: number): [ArrayBuffer, number] {
    const at = (this.offset + 7) & ~7;
    if (at + bytes > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(this.chunk >>> 1, bytes));
      this.offset = bytes;
      return [this.buffer, 0];
    }
    this.offset = at + bytes;
    return [this.buffer, at];
  }

  f64(length: number): Float64Array {
    const [b, at] = this.take(length * 8);
    return new Float64Array(b, at, length);
  }

  i32(length: number): Int32Array {
    const [b, at] = this.take(length * 4);
    return new Int32Array(b, at, length);
  }

  u32(length: number): Uint32Array {
    const [b, at] = this.take(length * 4);
    return new Uint32Array(b, at, length);
  }

  u8(length: number): Uint8Array {
    const [b, at] = this.take(length);
    return new Uint8Array(b, at, length);
  }
}
