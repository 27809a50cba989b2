/**
 * MikroORM seams: the only file that uses a MikroORM member marked private, protected or @internal,
 * or a behaviour its documentation does not promise. Checked on @mikro-orm/* 7.2.1 (the newest
 * release published for every @mikro-orm package this project installs); each assumption below has
 * a contract test in test/seams/mikro-orm.test.ts that names it and fails first when an upgrade
 * breaks it.
 *
 * 1. `QueryBuilder.setPartitionLimit` (@internal) pages many parents in one statement: it wraps the
 *    query in `row_number() over (partition by … order by <the query's order>) as __rn` and keeps
 *    `__rn` between offset + 1 and offset + limit. No public API gives a per-parent LIMIT, and
 *    writing the window by hand would mean re-deriving MikroORM's own order-by and join aliases.
 * 2. `helper(entity).getPrimaryKey()` (`helper` and its wrapper type are @internal) gives an
 *    entity's primary key, composite or through a relation, as MikroORM itself keys it. The public
 *    `wrap(entity)` has no getPrimaryKey.
 * 3. MikroORM finds an entity's wrapper on its `__helper` property: an object whose `__helper`
 *    getter throws can never be persisted, populated or used as a query value (see WRAPPER_KEY).
 * 4. `SqliteConnection` keeps the better-sqlite3 handle it opened in its private `database`, set by
 *    `createKyselyDialect` before it returns: user functions (regexp) must be registered on it there,
 *    before any statement runs. The public `getNativeClient()` waits for a connection and cannot be
 *    called while one is being made.
 * 5. A driver on a connection class of our own is built the way MikroORM's drivers build themselves:
 *    `AbstractSqlDriver`'s protected constructor with (config, platform, connection class,
 *    connectors). It constructs the primary connection first (`new C(config)`) and then one per
 *    configured replica (`new C(config, options, 'read')`), in configuration order; and
 *    `PostgreSqlDriver` adds nothing to AbstractSqlDriver beyond `createEntityManager` and
 *    `getORMClass` (`SqliteDriver`: `getORMClass`), which the drivers below borrow. No driver option names a connection class.
 * 6. A raw select field's values are inlined (`Platform.formatQuery`), and the whole statement is
 *    then formatted again with the outer values: a `?` inside an inlined string would be taken for
 *    a placeholder. `inlineValues` writes such a `?` as chr(63) / char(63). QueryBuilder.as() has
 *    the same inlining, so it does not avoid this.
 */
import { helper, type Configuration, type ConnectionOptions, type ConnectionType } from '@mikro-orm/core';
import { type PostgreSqlConnection, PostgreSqlDriver, PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { AbstractSqlDriver, raw, type AbstractSqlPlatform, type EntityManager } from '@mikro-orm/sql';
import { SqliteDriver, type SqliteConnection } from '@mikro-orm/sqlite';
import type Database from 'better-sqlite3';

/** The part of a QueryBuilder that paging by partition needs. */
interface PartitionedQueryBuilder {
  setPartitionLimit(options: { partitionBy: string; limit: number; offset?: number }): unknown;
}

/** The column setPartitionLimit numbers each partition's rows in (1, 2, …, in the query's order): the page's order (seam 1). */
export const PARTITION_ROW_NUMBER = '__rn';

/** Keeps, of the query's rows, `offset`..`offset + limit` per value of `partitionBy`, in the query's order (seam 1). */
export function partitionLimit(qb: object, options: { partitionBy: string; limit: number; offset?: number }): void {
  (qb as PartitionedQueryBuilder).setPartitionLimit(options);
}

/** An entity's primary key as MikroORM keys it (seam 2). */
export function primaryKey(entity: object): unknown {
  return helper(entity).getPrimaryKey();
}

/** The property MikroORM reads an entity's wrapper from (seam 3). */
export const WRAPPER_KEY = '__helper';

/** The better-sqlite3 database a SQLite connection opened in createKyselyDialect (seam 4). */
export function sqliteDatabase(connection: SqliteConnection): Database.Database {
  return (connection as unknown as { database: Database.Database }).database;
}

/** A connection class as AbstractSqlDriver constructs it: the primary with `config` alone, a replica with its options and 'read'. */
export type ConnectionClass<C> = new (config: Configuration, options?: ConnectionOptions, type?: ConnectionType) => C;

/** MikroORM's PostgreSQL driver on a connection class of our own (seam 5). */
export function postgreSqlDriverOn(connection: ConnectionClass<PostgreSqlConnection>): typeof PostgreSqlDriver {
  const borrowed = PostgreSqlDriver.prototype;
  class PostgreSqlDriverOn extends AbstractSqlDriver<PostgreSqlConnection, PostgreSqlPlatform> {
    constructor(config: Configuration) {
      super(config, new PostgreSqlPlatform(), connection, ['kysely', 'pg']);
    }

    override createEntityManager(useContext?: boolean) {
      return borrowed.createEntityManager.call(this as unknown as PostgreSqlDriver, useContext) as never;
    }

    override getORMClass() {
      return borrowed.getORMClass.call(this as unknown as PostgreSqlDriver) as never;
    }
  }
  return PostgreSqlDriverOn as unknown as typeof PostgreSqlDriver;
}

/** MikroORM's SQLite driver on a platform and connection class of our own (seam 5; SqliteDriver is built the same way). */
export function sqliteDriverOn(platform: () => AbstractSqlPlatform, connection: ConnectionClass<SqliteConnection>): new (config: Configuration) => AbstractSqlDriver<SqliteConnection> {
  const borrowed = SqliteDriver.prototype;
  return class SqliteDriverOn extends AbstractSqlDriver<SqliteConnection> {
    constructor(config: Configuration) {
      super(config, platform(), connection, ['kysely', 'better-sqlite3']);
    }

    override getORMClass() {
      return borrowed.getORMClass.call(this as unknown as SqliteDriver) as never;
    }
  };
}

/**
 * A statement's text with its values inlined, safe to embed as a raw select field (seam 6): a `?`
 * inside a string value becomes chr(63) (PostgreSQL) or char(63) (SQLite).
 */
export function inlineValues(em: EntityManager, sql: string, params: readonly unknown[]): string {
  const platform = em.getPlatform();
  const mark = platform instanceof PostgreSqlPlatform ? 'chr(63)' : 'char(63)';
  const safe = params.map((p) =>
    typeof p === 'string' && p.includes('?')
      ? raw(
          `(${p
            .split('?')
            .map((part) => platform.quoteValue(part))
            .join(` || ${mark} || `)})`,
        )
      : p,
  );
  return platform.formatQuery(sql, safe);
}
