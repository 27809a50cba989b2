import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { DUMP_FORMAT, DUMP_VERSION } from './dump-format.js';

/**
 * Streams a dump file — `{ format, version, tables: { <table>: [rows…] } }` — a row at a time,
 * waiting for the file when it falls behind, so memory stays flat whatever the size.
 */
export class DumpWriter {
  private readonly out;
  private tables = 0;
  private rows = 0;

  private constructor(file: string) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
  }

  static async open(file: string): Promise<DumpWriter> {
    const writer = new DumpWriter(file);
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

  private async write(text: string): Promise<void> {
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}
