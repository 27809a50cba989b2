import Database from 'better-sqlite3';
import type { MikroORM } from '@mikro-orm/sql';
import type { DatabaseConfig } from '../config.js';
import type { ReplicaSet, ReplicaStatus } from './replicas.js';

export interface HealthCheck {
  check(): Promise<boolean>;
  /** Each read replica's state and lag as last checked (no query per /health: it cannot be used to load them). */
  replicas?(): ReplicaStatus[];
  /** Whether role checks are answered from the viewer cache now (PostgreSQL with VIEWER_CACHE on). */
  viewerCache?(): 'on' | 'off';
  close(): void;
}

/**
 * Whether the database answers. On SQLite the ORM has one connection, which a long request keeps
 * busy statement after statement, so /health would wait for it: it asks through a read-only
 * connection of its own instead. On PostgreSQL the pool has connections to spare.
 */
export function healthCheck(orm: MikroORM, db: DatabaseConfig, replicas?: ReplicaSet, viewers?: { readonly active: boolean }): HealthCheck {
  if (db.dialect !== 'sqlite' || db.url === ':memory:') {
    return {
      // The primary: MikroORM's checkConnection always asks the write connection.
      check: async () => (await orm.checkConnection()).ok,
      ...(replicas && { replicas: () => replicas.statuses.map((s) => ({ ...s })) }),
      ...(viewers && { viewerCache: () => (viewers.active ? 'on' : 'off') }),
      close: () => undefined,
    };
  }
  let own: Database.Database | undefined;
  return {
    async check() {
      try {
        own ??= new Database(db.url, { readonly: true, fileMustExist: true, timeout: 100 });
        own.prepare('select 1').get();
        return true;
      } catch {
        own?.close();
        own = undefined;
        return false;
      }
    },
    close: () => own?.close(),
  };
}
