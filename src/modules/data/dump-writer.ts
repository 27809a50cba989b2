import { once } from 'node:events';
import { open, type FileHandle } from 'node:fs/promises';
import { DUMP_FORMAT, DUMP_VERSION } from './dump-format.js';

/** Thrown when a dump would pass its writer's size limit; the file is left incomplete. */
export class DumpTooLargeError extends Error {
  override name = 'DumpTooLargeError';

  constructor(readonly limitBytes: number) {
    super(`the dump would pass ${limitBytes} bytes`);
  }
}

export interface DumpWriterOptions {
  /** Refuse to write past this many bytes (DumpTooLargeError); no limit when absent. */
  maxBytes?: number;
}

/** A dump holds password hashes: only its owner may read it. */
export const DUMP_FILE_MODE = 0o600;

/**
 * Streams a dump file — `{ format, version, tables: { <table>: [rows…] } }` — a row at a time,
 * waiting for the file when it falls behind, so memory stays flat whatever the size. The file
 * has mode 0600 before its first byte, also when it replaces an older, more readable one.
 */
export class DumpWriter {
  private readonly out;
  private tables = 0;
  private rows = 0;
  private bytes = 0;
  private failure: Error | undefined;

  private constructor(
    handle: FileHandle,
    private readonly maxBytes: number,
  ) {
    this.out = handle.createWriteStream({ encoding: 'utf8' });
    // Kept for the next write to throw (a full disk), rather than left to crash the process.
    this.out.on('error', (error) => (this.failure ??= error));
  }

  static async open(file: string, options: DumpWriterOptions = {}): Promise<DumpWriter> {
    const handle = await open(file, 'w', DUMP_FILE_MODE);
    try {
      // The mode given to open applies only to a file it creates.
      await handle.chmod(DUMP_FILE_MODE);
    } catch (error) {
      await handle.close();
      throw error;
    }
    const writer = new DumpWriter(handle, options.maxBytes ?? Infinity);
    await writer.write(`{"format":${JSON.stringify(DUMP_FORMAT)},"version":${DUMP_VERSION},"tables":{`);
    return writer;
  }

  /** Starts the next table (closing the one before). */
  async table(name: string): Promise<void> {
    await this.write(`${this.tables ? ']' : ''}${this.tables ? ',' : ''}\n${JSON.stringify(name)}:[`);
    this.tables += 1;
    this.rows = 0;
  }

  async row(values: Record<string, unknown>): Promise<void> {
    await this.write(`${this.rows ? ',' : ''}\n${JSON.stringify(values)}`);
    this.rows += 1;
  }

  async close(): Promise<void> {
    await this.write(`${this.tables ? ']' : ''}\n}}\n`);
    this.out.end();
    await once(this.out, 'finish');
  }

  /** Stops writing and closes the file, after a failure: what was written stays incomplete. */
  async abort(): Promise<void> {
    if (this.out.closed) return;
    const closed = once(this.out, 'close');
    this.out.end();
    await closed.catch(() => undefined);
  }

  private async write(text: string): Promise<void> {
    this.bytes += Buffer.byteLength(text);
    if (this.bytes > this.maxBytes) throw new DumpTooLargeError(this.maxBytes);
    if (this.failure) throw this.failure;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}
