import { mkdirSync } from 'node:fs';
import { MikroORM, type Options } from '@mikro-orm/sql';
import pg from 'pg';
import { createOrmOptions } from '../../mikro-orm.config.js';
import { sqliteDirectory, type DatabaseConfig } from '../config.js';

/** A failure to reach or open the database, reduced to one actionable line. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** Credentials must never reach a log line or an error message. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

/** Opens the ORM for a database and checks the connection, creating a SQLite file's folder first. */
export async function openOrm(db: DatabaseConfig, extra: Partial<Options> = {}): Promise<MikroORM> {
  const dir = sqliteDirectory(db);
  if (dir) mkdirSync(dir, { recursive: true });
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(createOrmOptions(db, extra));
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot open the ${db.dialect} database at ${redactUrl(db.url)}: ${reason(error)}`);
  }
  // MikroORM 7 connects lazily; a service should fail at start-up, not on its first request.
  const status = await orm.connect().then(
    () => orm.checkConnection(),
    (error: unknown) => ({ ok: false as const, reason: reason(error) }),
  );
  if (!status.ok) {
    await orm.close(true).catch(() => undefined);
    if (db.dialect === 'postgresql' && /^database ".*" does not exist$/.test(status.reason)) {
      throw new DatabaseUnavailableError(`${status.reason} at ${redactUrl(db.url)}: check DATABASE_URL, or create it with npm run db:migrate -- up --create-database`);
    }
    throw new DatabaseUnavailableError(`cannot connect to the ${db.dialect} database at ${redactUrl(db.url)}: ${status.reason}`);
  }
  return orm;
}

/**
 * Creates a PostgreSQL URL's database when it does not exist, through the server's maintenance
 * database `postgres` (what `createdb` does); true when it created one. Only on request: nothing
 * else ever creates a database.
 */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new DatabaseUnavailableError(`DATABASE_URL names no database: ${redactUrl(url)}`);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`create database ${client.escapeIdentifier(name)}`);
    return true;
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot create the database ${JSON.stringify(name)} at ${redactUrl(url)}: ${reason(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A driver error as one line (no stack, no continuation lines): what logs and messages show of it. */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
