import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import Assembler from 'stream-json/assembler.js';
import parser from 'stream-json/parser.js';
import { DUMP_FORMAT, DUMP_VERSION, DumpError } from './dump-format.js';

type Token = { name: string; value?: string };

/** One row of a dump: its table, its position in that table (from 1) and its values. */
export interface DumpRow {
  table: string;
  index: number;
  values: Record<string, unknown>;
}

/** A file or parser failure as one line: the file's name and what is wrong, never its content. */
function readFailure(file: string, error: unknown): DumpError {
  if (error instanceof DumpError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return new DumpError(`cannot read ${file} (${code})`);
  return new DumpError(`${file} is not valid JSON (${(error as Error).message.split('\n')[0]})`);
}

/**
 * Streams the rows out of a dump without ever holding a whole table in memory. Anything but the
 * documented shape — `{ format, version, tables: { <table>: [ {row}, … ] } }` — is a DumpError.
 */
export async function* rowsOf(file: string): AsyncGenerator<DumpRow> {
  // pipeline, not pipe: a file that cannot be read must fail the iteration, not the process.
  const tokens = pipeline(createReadStream(file), parser.asStream(), () => undefined) as AsyncIterable<Token>;
  let depth = 0;
  let topKey: string | null = null;
  let table: string | null = null;
  let index = 0;
  let expectRows = false;
  const header: Record<string, unknown> = {};
  let asm: Assembler | undefined;
  try {
    for await (const token of tokens) {
      if (asm) {
        asm.consume(token as never);
        if (asm.done) {
          yield { table: table!, index, values: asm.current as Record<string, unknown> };
          asm = undefined;
        }
        continue;
      }
      if (expectRows) {
        if (token.name !== 'startArray') throw new DumpError(`table ${table}: expected a list of rows`);
        expectRows = false;
      } else if (depth === 3 && token.name !== 'endArray') {
        index += 1;
        if (token.name !== 'startObject') throw new DumpError(`table ${table}, row ${index}: expected an object of column values`);
        asm = new Assembler();
        asm.consume(token as never);
        continue;
      }
      if (token.name === 'startObject' || token.name === 'startArray') depth += 1;
      else if (token.name === 'endObject' || token.name === 'endArray') depth -= 1;
      else if (token.name === 'keyValue' && depth === 1) topKey = token.value!;
      else if (token.name === 'keyValue' && depth === 2 && topKey === 'tables') {
        if (header.format !== DUMP_FORMAT || Number(header.version) !== DUMP_VERSION) {
          throw new DumpError(`not a ${DUMP_FORMAT} version ${DUMP_VERSION} file`);
        }
        table = token.value!;
        index = 0;
        expectRows = true;
      } else if ((token.name === 'stringValue' || token.name === 'numberValue') && depth === 1 && topKey) header[topKey] = token.value;
    }
  } catch (error) {
    throw readFailure(file, error);
  }
}
