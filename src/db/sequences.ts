import type { EntityManager } from '@mikro-orm/sql';
import { dialectOf } from './dialect.js';

/** Table and column of every entity whose key the database numbers (a single integer autoincrement). */
function numberedKeys(em: EntityManager): { table: string; column: string }[] {
  return [...em.getMetadata().getAll().values()].flatMap((meta) => {
    if (meta.embeddable || meta.virtual || meta.abstract || !meta.tableName) return [];
    const pk = meta.getPrimaryProps();
    if (pk.length !== 1 || pk[0]!.type !== 'integer' || !pk[0]!.autoincrement) return [];
    return [{ table: meta.tableName, column: pk[0]!.fieldNames[0]! }];
  });
}

/**
 * After rows were inserted with explicit integer keys (seeding, restoring), moves PostgreSQL's
 * serial sequences past the largest key so that later inserts do not collide. SQLite's
 * AUTOINCREMENT follows explicit keys by itself.
 */
export async function resetSequences(em: EntityManager): Promise<void> {
  if (dialectOf(em) !== 'postgresql') return;
  for (const { table, column } of numberedKeys(em)) {
    await em.execute(`select setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((select max("${column}") from "${table}"), 0) + 1, false)`);
  }
}

/**
 * After every table was emptied (db:seed --fresh), numbers keys from 1 again, as in a new
 * database: SQLite's AUTOINCREMENT otherwise goes on from the largest key it ever gave (kept in
 * sqlite_sequence, which deleting rows leaves), and a PostgreSQL sequence from its last value.
 */
export async function restartSequences(em: EntityManager): Promise<void> {
  const keys = numberedKeys(em);
  if (dialectOf(em) === 'sqlite') {
    // sqlite_sequence exists once a table with AUTOINCREMENT does: after the first migration.
    await em.execute(
      `delete from sqlite_sequence where name in (${keys.map(() => '?').join(', ')})`,
      keys.map((k) => k.table),
    );
    return;
  }
  for (const { table, column } of keys) await em.execute(`select setval(pg_get_serial_sequence('${table}', '${column}'), 1, false)`);
}
