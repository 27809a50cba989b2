import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

const NEWLINE = 0x0a;

/** A line of a file that is not text this import can take; `line` counts the file's lines from 1. */
export class BadTextError extends Error {
  override name = 'BadTextError';

  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * Passes a CSV file's bytes through unchanged, line by line, refusing the first line that is not
 * valid UTF-8 (Latin-1 would otherwise become U+FFFD without a word) or holds a NUL byte (which
 * PostgreSQL refuses in text), as a BadTextError naming the line (the file's own lines, from 1).
 */
export function utf8Lines(): Transform {
  let line = 1;
  let carry = Buffer.alloc(0);
  const check = (bytes: Buffer) => {
    let start = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(NEWLINE, start);
      const stop = end === -1 ? bytes.length : end;
      const text = bytes.subarray(start, stop);
      if (text.includes(0)) throw new BadTextError(line, 'holds a NUL byte');
      if (!isUtf8(text)) throw new BadTextError(line, 'is not valid UTF-8 text (save the file as UTF-8)');
      if (end === -1) break;
      line += 1;
      start = end + 1;
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      // Complete lines only: a character split between two chunks is checked once whole.
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const last = bytes.lastIndexOf(NEWLINE);
      carry = Buffer.from(bytes.subarray(last + 1));
      try {
        if (last >= 0) check(bytes.subarray(0, last + 1));
        done(null, last >= 0 ? bytes.subarray(0, last + 1) : undefined);
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        check(carry);
        done(null, carry.length ? carry : undefined);
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
