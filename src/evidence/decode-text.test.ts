import { describe, it, expect } from 'vitest';
import { decodeText } from './decode-text.js';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('decodeText', () => {
  it('decodes UTF-8 and drops a UTF-8 byte-order mark', () => {
    expect(decodeText(utf8('Minsk – Мінск\n'))).toEqual({
      text: 'Minsk – Мінск\n',
      encoding: 'utf-8',
      bytes: 21,
    });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x0a])).text).toBe('A\n');
  });

  it('recognises UTF-16 by its byte-order mark, little- and big-endian', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Belarus ў\n', 'utf16le')]);
    expect(decodeText(new Uint8Array(le))).toMatchObject({ text: 'Belarus ў\n', encoding: 'utf-16le' });
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toMatchObject({
      text: 'Belarus ў\n',
      encoding: 'utf-16be',
    });
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x41]))).toThrow(/odd number of bytes/);
  });

  it('refuses invalid UTF-8, naming the first bad byte and its offset', () => {
    // "caf" + 0xE9 (Latin-1 é) + "!"
    expect(() => decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x21]), { name: 'x.txt' })).toThrow(
      /evidence\/ingest: x.txt: not valid UTF-8 \(first bad byte 0xe9 at offset 3\)/,
    );
  });

  it('refuses binary files by magic number, NUL bytes or control characters', () => {
    expect(() => decodeText(utf8('%PDF-1.7\n...'))).toThrow(/binary file \(PDF\)/);
    expect(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toThrow(
      /binary file \(ZIP\/Office\)/,
    );
    expect(() => decodeText(new Uint8Array([0x41, 0x00, 0x42]))).toThrow(/NUL bytes/);
    expect(() => decodeText(utf8('\x01\x02\x03\x04\x05 abc'))).toThrow(/control characters/);
  });

  it('refuses empty, whitespace-only and oversized files', () => {
    expect(() => decodeText(new Uint8Array())).toThrow(/empty file$/);
    expect(() => decodeText(utf8(' \n\t\n'))).toThrow(/only whitespace/);
    expect(() => decodeText(utf8('x'.repeat(2048)), { maxBytes: 1024 })).toThrow(
      /file too large \(2.0 KiB; the limit is 1.0 KiB/,
    );
    expect(decodeText(utf8('x'.repeat(1024)), { maxBytes: 1024 }).bytes).toBe(1024);
  });
});
