import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { SqlStatementCounter } from './sql-stats.js';

/**
 * MikroORM inlines values into the statement text, so a logged statement would carry names,
 * addresses and password hashes: string literals become '…', numbers stay (they are ids, years
 * and quantities, and reading plans needs them).
 */
export function redactSql(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "'…'").replace(/\bX'[0-9a-f]*'/gi, "X'…'");
}

/**
 * The book's echo=True, through pino: with LOG_LEVEL=debug every SQL statement is logged at
 * debug with its duration, the rows it returned or changed, and the id of the request that ran it.
 */
export function pinoSqlLogger(logger: Logger, counter: SqlStatementCounter) {
  const sqlLog = logger.child({ component: 'sql' });
  return (options: LoggerOptions) =>
    new (class extends DefaultLogger {
      override logQuery(context: LogContext): void {
        if (!context.query) return;
        sqlLog.debug({ requestId: counter.current()?.requestId, durationMs: context.took, rows: context.results ?? context.affected, sql: redactSql(context.query) }, 'sql');
      }

      override log(namespace: string, message: string, context?: LogContext): void {
        if (context?.level === 'error') sqlLog.error({ namespace }, message);
        else if (context?.level === 'warning') sqlLog.warn({ namespace }, message);
      }
    })(options);
}
