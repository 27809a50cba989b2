import { createReadStream } from 'node:fs';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import Assembler from 'stream-json/assembler.js';
import parser from 'stream-json/parser.js';
import type { Progress } from '../../cli/progress.js';
import { resetSequences } from '../../db/sequences.js';
import { isDatabaseEmpty } from '../../../seeders/demo.js';
import { DUMP_FORMAT, DUMP_VERSION, dumpTables, fromJsonValue, type DumpTable } from './dump-format.js';

const BATCH = 2_000;

/** A dump that cannot be restored; the message says why. */
export class DumpError extends Error {
  override name = 'DumpError';
}

type Token = { name: string; value?: string };

/** Streams [table, row] pairs out of a dump without ever holding a whole table in memory. */
async function* rowsOf(file: string): AsyncGenerator<[string, Record<string, unknown>]> {
  const tokens = createReadStream(file).pipe(parser.asStream()) as AsyncIterable<Token>;
  let depth = 0;
  let topKey: string | null = null;
  let table: string | null = null;
  const header: Record<string, unknown> = {};
  let asm: Assembler | undefined;
  for await (const token of tokens) {
    if (asm) {
      asm.consume(token as never);
      if (asm.done) {
        yield [table!, asm.current as Record<string, unknown>];
        asm = undefined;
      }
      continue;
    }
    if (token.name === 'startObject' && depth === 3) {
      asm = new Assembler();
      asm.consume(token as never);
      continue;
    }
    if (token.name === 'startObject' || token.name === 'startArray') depth += 1;
    else if (token.name === 'endObject' || token.name === 'endArray') depth -= 1;
    else if (token.name === 'keyValue' && depth === 1) topKey = token.value!;
    else if (token.name === 'keyValue' && depth === 2 && topKey === 'tables') {
      if (header.format !== DUMP_FORMAT || Number(header.version) !== DUMP_VERSION) {
        throw new DumpError(`not a ${DUMP_FORMAT} version ${DUMP_VERSION} file (format ${String(header.format)}, version ${String(header.version)})`);
      }
      table = token.value!;
    } else if ((token.name === 'stringValue' || token.name === 'numberValue') && depth === 1 && topKey) header[topKey] = token.value;
  }
}

async function insertBatch(tx: EntityManager, table: DumpTable, rows: Record<string, unknown>[], later: [DumpTable, Record<string, unknown>][]): Promise<void> {
  if (!rows.length) return;
  if (table.subtypeTable) {
    const names = table.columns.map((c) => c.column);
    const values = rows.map((row) => table.columns.map(({ column, prop }) => fromJsonValue(prop, row[column])));
    const placeholders = values.map((v) => `(${v.map(() => '?').join(', ')})`).join(', ');
    await tx.getConnection().execute(`insert into ${table.meta.tableName} (${names.join(', ')}) values ${placeholders}`, values.flat(), 'run', tx.getTransactionContext());
    return;
  }
  const data = rows.map((row) => {
    const self = table.selfReferences.filter((c) => row[c.column] != null);
    if (self.length) later.push([table, row]);
    return Object.fromEntries(
      table.columns.map(({ column, prop }) => [prop.name, table.selfReferences.some((c) => c.column === column) ? null : fromJsonValue(prop, row[column])]),
    );
  });
  await tx.insertMany(table.meta.class, data as never[]);
}

/**
 * Restores a dump into an empty database, in one transaction. Rows that refer to their own table
 * (translations, child pages) get that reference in a second pass, so file order never matters.
 */
export async function importJson(orm: MikroORM, file: string, progress: Progress): Promise<Record<string, number>> {
  const em = orm.em.fork();
  if (!(await isDatabaseEmpty(em))) throw new DumpError('the database is not empty: restore into an empty database');
  const counts: Record<string, number> = {};
  await em.transactional(async (trx) => {
    const tx = trx as EntityManager;
    const tables = new Map(dumpTables(tx).map((t) => [t.meta.tableName, t]));
    const later: [DumpTable, Record<string, unknown>][] = [];
    let current: DumpTable | undefined;
    let batch: Record<string, unknown>[] = [];
    for await (const [name, row] of rowsOf(file)) {
      const table = tables.get(name);
      if (!table) throw new DumpError(`unknown table "${name}" in the dump`);
      if (table !== current) {
        if (current) await insertBatch(tx, current, batch, later);
        batch = [];
        current = table;
        progress.step(name, 0);
      }
      batch.push(row);
      counts[name] = (counts[name] ?? 0) + 1;
      if (batch.length >= BATCH) {
        await insertBatch(tx, table, batch, later);
        progress.advance(batch.length);
        batch = [];
      }
    }
    if (current) await insertBatch(tx, current, batch, later);
    for (const [table, row] of later) {
      const pk = Object.fromEntries(table.meta.getPrimaryProps().map((p) => [p.name, row[p.fieldNames[0]!]]));
      const refs = Object.fromEntries(table.selfReferences.map((c) => [c.prop.name, row[c.column]]));
      await tx.nativeUpdate(table.meta.class, pk as never, refs as never);
    }
    await resetSequences(tx);
  });
  progress.done();
  return counts;
}
