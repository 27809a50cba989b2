import { ConstraintViolationException, DriverException, ForeignKeyConstraintViolationException, NotNullConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Progress } from '../../cli/progress.js';
import { resetSequences } from '../../db/sequences.js';
import { isDatabaseEmpty } from '../../../seeders/demo.js';
import { DumpError, dumpTables, fromJsonValue, type DumpTable } from './dump-format.js';
import { rowsOf, type DumpRow } from './dump-reader.js';

export { DumpError } from './dump-format.js';

const BATCH = 2_000;

/** Every value of a row checked against its column before anything is written. */
function checkRow(table: DumpTable, row: DumpRow): void {
  const known = new Set(table.columns.map((c) => c.column));
  const unknown = Object.keys(row.values).find((k) => !known.has(k));
  if (unknown !== undefined) throw new DumpError(`table ${table.meta.tableName}, row ${row.index}: no column ${JSON.stringify(unknown.slice(0, 64))} in this table`);
  for (const { column, check } of table.columns) {
    const wrong = check(row.values[column]);
    if (wrong) throw new DumpError(`table ${table.meta.tableName}, row ${row.index}, column ${column}: ${wrong}`);
  }
}

/**
 * A database's refusal as one line: which rule, and the constraint (PostgreSQL) or columns
 * (SQLite) it names. Never the driver's message whole: on PostgreSQL it quotes the statement and
 * the key's values, which may be a password hash.
 */
function refusal(table: DumpTable, rows: DumpRow[], error: DriverException): DumpError {
  const what =
    error instanceof UniqueConstraintViolationException
      ? 'a key or unique value is repeated'
      : error instanceof ForeignKeyConstraintViolationException
        ? 'a row refers to a row the dump does not hold'
        : error instanceof NotNullConstraintViolationException
          ? 'a required value is missing'
          : error instanceof ConstraintViolationException
            ? 'a value breaks a rule of the table'
            : `the database refused them (${error.name})`;
  const constraint = (error as { constraint?: unknown }).constraint;
  const sqlite = /constraint failed: ([\w., ]+)$/.exec(error.message.split('\n')[0] ?? '');
  const named = typeof constraint === 'string' ? ` (${constraint})` : sqlite ? ` (${sqlite[1]})` : '';
  const span = rows.length > 1 ? `rows ${rows[0]!.index}–${rows.at(-1)!.index}` : `row ${rows[0]?.index ?? '?'}`;
  return new DumpError(`table ${table.meta.tableName}, ${span}: ${what}${named}`);
}

async function insertBatch(tx: EntityManager, table: DumpTable, rows: DumpRow[], later: [DumpTable, DumpRow][]): Promise<void> {
  if (!rows.length) return;
  try {
    if (table.subtypeTable) {
      const names = [...table.columns.map((c) => c.column), ...table.renewed.map((r) => r.prop.fieldNames[0]!)];
      const values = rows.map((row) => [...table.columns.map(({ column, prop }) => fromJsonValue(prop, row.values[column])), ...table.renewed.map((r) => r.value())]);
      const placeholders = values.map((v) => `(${v.map(() => '?').join(', ')})`).join(', ');
      await tx.getConnection().execute(`insert into ${table.meta.tableName} (${names.join(', ')}) values ${placeholders}`, values.flat(), 'run', tx.getTransactionContext());
      return;
    }
    const data = rows.map((row) => {
      if (table.selfReferences.some((c) => row.values[c.column] != null)) later.push([table, row]);
      return Object.fromEntries([
        ...table.columns.map(({ column, prop }) => [prop.name, table.selfReferences.some((c) => c.column === column) ? null : fromJsonValue(prop, row.values[column])]),
        ...table.renewed.map((r) => [r.prop.name, r.value()]),
      ]);
    });
    await tx.insertMany(table.meta.class, data as never[]);
  } catch (error) {
    throw error instanceof DriverException ? refusal(table, rows, error) : error;
  }
}

/** The second pass: rows that refer to their own table get that reference once all are there. */
async function linkSelfReferences(tx: EntityManager, later: [DumpTable, DumpRow][]): Promise<void> {
  for (const [table, row] of later) {
    const pk = Object.fromEntries(table.meta.getPrimaryProps().map((p) => [p.name, row.values[p.fieldNames[0]!]]));
    const refs = Object.fromEntries(table.selfReferences.map((c) => [c.prop.name, row.values[c.column]]));
    try {
      await tx.nativeUpdate(table.meta.class, pk as never, refs as never);
    } catch (error) {
      throw error instanceof DriverException ? refusal(table, [row], error) : error;
    }
  }
}

/**
 * Restores a dump into an empty database, in one transaction. Every value is checked against its
 * column (type, length, nullability, enum) before its rows are written, and any failure is a
 * one-line DumpError with nothing written. Rows that refer to their own table (translations, child
 * pages) get that reference in a second pass, so file order never matters. Token stamps are new.
 */
export async function importJson(orm: MikroORM, file: string, progress: Progress): Promise<Record<string, number>> {
  const em = orm.em.fork();
  if (!(await isDatabaseEmpty(em))) throw new DumpError('the database is not empty: restore into an empty database');
  const counts: Record<string, number> = {};
  await em.transactional(async (trx) => {
    const tx = trx as EntityManager;
    const tables = new Map(dumpTables(tx).map((t) => [t.meta.tableName, t]));
    const later: [DumpTable, DumpRow][] = [];
    let current: DumpTable | undefined;
    let batch: DumpRow[] = [];
    for await (const row of rowsOf(file)) {
      const table = tables.get(row.table);
      if (!table) throw new DumpError(`unknown table ${JSON.stringify(row.table.slice(0, 64))} in the dump`);
      checkRow(table, row);
      if (table !== current) {
        if (current) await insertBatch(tx, current, batch, later);
        batch = [];
        current = table;
        progress.step(row.table, 0);
      }
      batch.push(row);
      counts[row.table] = (counts[row.table] ?? 0) + 1;
      if (batch.length >= BATCH) {
        await insertBatch(tx, table, batch, later);
        progress.advance(batch.length);
        batch = [];
      }
    }
    if (current) await insertBatch(tx, current, batch, later);
    await linkSelfReferences(tx, later);
    await resetSequences(tx);
  });
  progress.done();
  return counts;
}
