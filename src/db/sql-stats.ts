import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError, ErrorCode } from '../errors.js';

/** SQL statements run on behalf of one request, and what it may still run. */
export interface SqlStats {
  statements: number;
  /** The request's id, for log lines (SQL echo) that happen below GraphQL. */
  requestId?: string;
  /** Statements allowed; the one past it is refused. */
  limit?: number;
  /** Epoch milliseconds after which no further statement starts. */
  deadline?: number;
  /**
   * Reads outside a transaction may go to a read replica: set once the operation is known to be a
   * query. A mutation, its payload included, and anything before parsing (signing in) read the primary.
   */
  replicaReads?: boolean;
  /** When set, the tables the request's statements name (FROM, JOIN) are added: what a cached answer read (src/http/http-cache.ts). */
  tables?: Set<string>;
  /**
   * With replicaReads: only a replica that has replayed the WAL up to this position may serve the
   * request's reads (the commit named by the request's consistency token, src/graphql/consistency.ts).
   */
  replicaFloor?: bigint;
}

const TABLE_REFERENCE = /\b(?:from|join)\s+(?:only\s+)?[`"]?([A-Za-z_][A-Za-z0-9_]*)[`"]?(\.|\s*\()?/gi;
const COMMON_TABLE = /[`"]?([A-Za-z_][A-Za-z0-9_]*)[`"]?\s+as\s+(?:(?:not\s+)?materialized\s+)?\(/gi;

/**
 * The tables a statement reads from or joins, by name (MikroORM quotes them): a column qualified by
 * an alias (`extract(year from "p"."at")`), a function or subquery (`join lateral (…)`, `from
 * unnest(…)`) and a common table expression's own name are not tables.
 * An unknown name only ever makes an answer uncacheable.
 */
export function tablesNamedIn(sql: string, into: Set<string>): void {
  const local = new Set<string>();
  for (const m of sql.matchAll(COMMON_TABLE)) local.add(m[1] as string);
  for (const m of sql.matchAll(TABLE_REFERENCE)) if (!m[2] && !local.has(m[1] as string)) into.add(m[1] as string);
}

export interface RequestBudget {
  statements: number;
  timeoutMs: number;
  requestId?: string;
}

/**
 * Counts statements per request, and stops a request that runs too many or for too long. MikroORM
 * calls `onQuery` before it sends every statement; the request's counter is found through
 * AsyncLocalStorage, so concurrent requests never mix counts. Transaction control (begin/commit)
 * is not a query and is not counted. The cost limit refuses expensive operations before they run;
 * this is the backstop for whatever the cost model underestimates.
 */
export class SqlStatementCounter {
  private readonly storage = new AsyncLocalStorage<SqlStats>();

  /** Runs `fn` (and everything it awaits or schedules) against a fresh counter. */
  run<T>(fn: () => T, budget?: RequestBudget): T {
    const stats: SqlStats = budget ? { statements: 0, limit: budget.statements, deadline: Date.now() + budget.timeoutMs, requestId: budget.requestId } : { statements: 0 };
    return this.storage.run(stats, fn);
  }

  current(): SqlStats | undefined {
    return this.storage.getStore();
  }

  /** Install as the ORM's `onQuery` hook. */
  readonly onQuery = (sql: string): string => {
    const stats = this.storage.getStore();
    if (!stats) return sql;
    stats.statements += 1;
    if (stats.tables) tablesNamedIn(sql, stats.tables);
    if (stats.limit !== undefined && stats.statements > stats.limit) {
      throw new AppError(
        ErrorCode.STATEMENT_LIMIT_EXCEEDED,
        `This request needed more than ${stats.limit} SQL statements and was stopped: ask for less, or use the batched or eager loading strategy`,
        { limit: stats.limit },
      );
    }
    if (stats.deadline !== undefined && Date.now() > stats.deadline) {
      throw new AppError(ErrorCode.REQUEST_TIMEOUT, 'This request ran out of time and was stopped: ask for less', {});
    }
    return sql;
  };
}
