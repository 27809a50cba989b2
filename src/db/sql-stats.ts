import { AsyncLocalStorage } from 'node:async_hooks';

/** SQL statements run on behalf of one request. */
export interface SqlStats {
  statements: number;
}

/**
 * Counts statements per request. MikroORM calls `onQuery` for every statement it sends; the
 * request's counter is found through AsyncLocalStorage, so concurrent requests never mix counts.
 * Transaction control (begin/commit) is not a query and is not counted.
 */
export class SqlStatementCounter {
  private readonly storage = new AsyncLocalStorage<SqlStats>();

  /** Runs `fn` (and everything it awaits or schedules) against a fresh counter. */
  run<T>(fn: () => T): T {
    return this.storage.run({ statements: 0 }, fn);
  }

  current(): SqlStats | undefined {
    return this.storage.getStore();
  }

  /** Install as the ORM's `onQuery` hook. */
  readonly onQuery = (sql: string): string => {
    const stats = this.storage.getStore();
    if (stats) stats.statements += 1;
    return sql;
  };
}
