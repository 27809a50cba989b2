import { mkdirSync } from 'node:fs';
import { MikroORM, type Options } from '@mikro-orm/sql';
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
    throw new DatabaseUnavailableError(`cannot connect to the ${db.dialect} database at ${redactUrl(db.url)}: ${status.reason}`);
  }
  return orm;
}

/** A driver error as one line (no stack, no continuation lines): what logs and messages show of it. */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
