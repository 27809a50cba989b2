import { existsSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/sql';
import type { DatabaseConfig } from '../config.js';
import { dialectOf } from '../db/dialect.js';
import { openOrm, redactUrl } from '../db/orm.js';
import { CommandError } from './args.js';

/** MikroORM's bookkeeping table, which the first migration creates. */
const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/**
 * Refuses, in one line, a database that `db:migrate` has not brought up to date, for commands that
 * read or change data without migrating (db:export, user, db:maintain). It only reads: asking the
 * migrator would create its table in a database that was never migrated.
 */
export async function requireMigrated(orm: MikroORM, url: string): Promise<void> {
  const em = orm.em.fork();
  const sql =
    dialectOf(em) === 'postgresql' ? `select 1 from pg_catalog.pg_tables where schemaname = current_schema() and tablename = ?` : `select 1 from sqlite_master where type = 'table' and name = ?`;
  const where = redactUrl(url);
  if (!(await em.execute(sql, [MIGRATIONS_TABLE])).length) {
    throw new CommandError(`the database at ${where} was never migrated: run npm run db:migrate first`);
  }
  const pending = await orm.migrator.getPending();
  if (pending.length) throw new CommandError(`the database at ${where} has ${pending.length} migration(s) to apply: run npm run db:migrate first`);
}

/** Opens a database that db:migrate brought up to date; a SQLite file that is not there is not created. */
export async function openMigrated(db: DatabaseConfig): Promise<MikroORM> {
  if (db.dialect === 'sqlite' && db.url !== ':memory:' && !existsSync(db.url)) {
    throw new CommandError(`no database at ${db.url}: run npm run db:migrate first`);
  }
  const orm = await openOrm(db);
  try {
    await requireMigrated(orm, db.url);
    return orm;
  } catch (error) {
    await orm.close();
    throw error;
  }
}
