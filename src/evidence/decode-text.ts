// Turns the bytes of an input file into text, or a clear reason why it is not a text document:
// empty, too large, binary (by magic number or control characters), or not valid UTF-8. UTF-16
// files are recognised by their byte-order mark and decoded; a UTF-8 BOM is dropped.
import { UserError } from '../model/problem.js';

export interface DecodeOptions {
  /** Largest accepted file, in bytes (default 20 MiB). */
  maxBytes?: number;
  /** Name used in error messages. */
  name?: string;
}

export const DECODE_DEFAULTS: Required<DecodeOptions> = { maxBytes: 20 * 1024 * 1024, name: 'input' };

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  bytes: number;
}

const MAGIC: [string, number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['ZIP/Office', [0x50, 0x4b, 0x03, 0x04]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['gzip', [0x1f, 0x8b]],
  ['ELF', [0x7f, 0x45, 0x4c, 0x46]],
  ['SQLite', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
];

/** Decodes `bytes` as a text document; throws a `UserError` saying why it cannot be one. */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const { maxBytes, name } = { ...DECODE_DEFAULTS, ...options };
  const where = `evidence/ingest: ${name}`;
  if (bytes.length === 0) throw new UserError(`${where}: empty file`);
  if (bytes.length > maxBytes)
    throw new UserError(
      `${where}: file too large (${fmtBytes(bytes.length)}; the limit is ${fmtBytes(maxBytes)}, see --max-size)`,
    );
  let text: string;
  let encoding: DecodedText['encoding'] = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  if (encoding !== 'utf-8') {
    if (bytes.length % 2)
      throw new UserError(
        `${where}: not valid ${encoding.toUpperCase()} (odd number of bytes after a UTF-16 byte-order mark)`,
      );
    text = new TextDecoder(encoding).decode(bytes.subarray(2));
  } else {
    for (const [kind, sig] of MAGIC)
      if (sig.every((b, i) => bytes[i] === b))
        throw new UserError(
          `${where}: binary file (${kind}), not a text document; convert it to Markdown, HTML or plain text first`,
        );
    const head = bytes.subarray(0, 8192);
    if (head.includes(0))
      throw new UserError(`${where}: binary file (contains NUL bytes), not a text document`);
    text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0 && !isValidUtf8(bytes)) {
      const offset = Buffer.byteLength(text.slice(0, bad), 'utf8');
      throw new UserError(
        `${where}: not valid UTF-8 (first bad byte 0x${bytes[offset]?.toString(16).padStart(2, '0') ?? '??'} at offset ${offset}); re-save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)`,
      );
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) control++;
  }
  if (control > sample.length * 0.05)
    throw new UserError(
      `${where}: binary file (${control} control characters in the first ${sample.length}), not a text document`,
    );
  if (!text.trim()) throw new UserError(`${where}: empty file (only whitespace)`);
  return { text, encoding, bytes: bytes.length };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function fmtBytes(n: number): string {
  return n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MiB`
    : n >= 1024
      ? `${(n / 1024).toFixed(1)} KiB`
      : `${n} bytes`;
}
