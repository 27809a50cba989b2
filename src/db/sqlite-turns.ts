import { SqliteConnection } from '@mikro-orm/sqlite';
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { sqliteDatabase, sqliteDriverOn } from '../seams/mikro-orm.js';
import { RetroFunSqlitePlatform } from './sqlite-platform.js';

/** How long one request may hold the event loop with SQLite statements before it lets others in. */
const SLICE_MS = 5;

/** Resolves after the event loop has had a turn when the last one was over SLICE_MS ago; undefined (go on at once) otherwise. */
type Turn = () => Promise<void> | undefined;

/**
 * better-sqlite3 runs each statement synchronously, and a request awaits its statements as
 * microtasks: a long request (hundreds of lazy loads) would hold the event loop, and /health with
 * it, until it ends. This connection gives the event loop a turn (setImmediate) before a
 * statement whenever 5 ms have passed since the last one, so other requests are served in
 * between. It decorates MikroORM's Kysely dialect through Kysely's public Dialect, Driver and
 * DatabaseConnection interfaces; statements still run one at a time, in order, on the one
 * better-sqlite3 handle.
 */
class TurnTakingSqliteConnection extends SqliteConnection {
  override createKyselyDialect(options: Parameters<SqliteConnection['createKyselyDialect']>[0]): Dialect {
    const dialect = super.createKyselyDialect(options);
    registerRegexp(sqliteDatabase(this));
    let lastTurn = performance.now();
    const turn: Turn = () => {
      if (performance.now() - lastTurn <= SLICE_MS) return undefined;
      return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        lastTurn = performance.now();
      });
    };
    return new TurnTakingDialect(dialect, turn);
  }
}

class TurnTakingDialect implements Dialect {
  constructor(
    private readonly inner: Dialect,
    private readonly turn: Turn,
  ) {}

  createDriver(): Driver {
    return new TurnTakingDriver(this.inner.createDriver(), this.turn);
  }
  createQueryCompiler() {
    return this.inner.createQueryCompiler();
  }
  createAdapter() {
    return this.inner.createAdapter();
  }
  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]) {
    return this.inner.createIntrospector(db);
  }
}

/** Kysely's driver, handing out connections that take turns; the driver itself always sees its own connections. */
class TurnTakingDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, TurnTakingKyselyConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly turn: Turn,
  ) {}

  init(...args: Parameters<Driver['init']>) {
    return this.inner.init(...args);
  }
  async acquireConnection(...args: Parameters<Driver['acquireConnection']>): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection(...args);
    let outer = this.wrapped.get(connection);
    if (!outer) this.wrapped.set(connection, (outer = new TurnTakingKyselyConnection(connection, this.turn)));
    return outer;
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(own(connection), settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(own(connection));
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(own(connection));
  }
  savepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]) {
    return required(this.inner.savepoint, 'savepoint').call(this.inner, own(connection), name, compile);
  }
  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]) {
    return required(this.inner.rollbackToSavepoint, 'rollbackToSavepoint').call(this.inner, own(connection), name, compile);
  }
  releaseSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]) {
    return required(this.inner.releaseSavepoint, 'releaseSavepoint').call(this.inner, own(connection), name, compile);
  }
  releaseConnection(connection: DatabaseConnection, ...rest: [Parameters<Driver['releaseConnection']>[1]?]) {
    return this.inner.releaseConnection(own(connection), ...rest);
  }
  destroy(...args: Parameters<Driver['destroy']>) {
    return this.inner.destroy(...args);
  }
}

function required<F>(method: F | undefined, name: string): F {
  if (!method) throw new Error(`the SQLite Kysely driver has no ${name}`);
  return method;
}

const own = (connection: DatabaseConnection): DatabaseConnection => (connection instanceof TurnTakingKyselyConnection ? connection.inner : connection);

class TurnTakingKyselyConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly turn: Turn,
  ) {}

  executeQuery<R>(query: CompiledQuery, ...rest: [Parameters<DatabaseConnection['executeQuery']>[1]?]): Promise<QueryResult<R>> {
    const waiting = this.turn();
    return waiting ? waiting.then(() => this.inner.executeQuery<R>(query, ...rest)) : this.inner.executeQuery<R>(query, ...rest);
  }
  streamQuery<R>(query: CompiledQuery, chunkSize: number, ...rest: [Parameters<DatabaseConnection['streamQuery']>[2]?]) {
    return this.inner.streamQuery<R>(query, chunkSize, ...rest);
  }
}

/**
 * SQLite's `x REGEXP p` calls a function regexp(p, x) that SQLite leaves to the application: this
 * one uses JavaScript regular expressions, with a leading `(?i)` (what MikroORM writes for a
 * case-insensitive RegExp) as the i flag. Compiled patterns are cached: a query applies one to many rows.
 */
function registerRegexp(db: { function(name: string, options: { deterministic: boolean }, fn: (pattern: unknown, value: unknown) => number): unknown }): void {
  const cache = new Map<string, RegExp>();
  db.function('regexp', { deterministic: true }, (pattern, value) => {
    if (typeof pattern !== 'string' || value === null || value === undefined) return 0;
    let re = cache.get(pattern);
    if (!re) {
      re = pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'iu') : new RegExp(pattern, 'u');
      if (cache.size > 1000) cache.clear();
      cache.set(pattern, re);
    }
    return re.test(String(value)) ? 1 : 0;
  });
}

/** MikroORM's SQLite driver, on the platform and connection above. */
export const TurnTakingSqliteDriver = sqliteDriverOn(() => new RetroFunSqlitePlatform(), TurnTakingSqliteConnection);
