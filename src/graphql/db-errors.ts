import { ConnectionException, DriverException, LockWaitTimeoutException } from '@mikro-orm/core';

/** What a database failure means to a client. */
export type DatabaseFailure = 'unavailable' | 'bad-value' | undefined;

// Connection refused/reset/timed out, the server shutting down or in recovery, connection failures.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'SQLITE_BUSY', 'SQLITE_LOCKED', '57P01', '57P02', '57P03', '53300']);

function* chain(error: unknown): Generator<unknown> {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

/**
 * Classifies an error from the database: unreachable or locked (a retryable 503), a value the
 * database refuses (SQLSTATE class 22: a NUL byte, a number out of range, a string where a number
 * belongs: the client's mistake), or anything else (a bug: masked and logged).
 */
export function classifyDatabaseError(error: unknown): DatabaseFailure {
  for (const e of chain(error)) {
    if (e instanceof ConnectionException || e instanceof LockWaitTimeoutException) return 'unavailable';
    const { code, sqlState, message } = e as { code?: unknown; sqlState?: unknown; message?: unknown };
    const state = typeof sqlState === 'string' ? sqlState : typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
    if ((typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || (state && (UNAVAILABLE_CODES.has(state) || state.startsWith('08')))) return 'unavailable';
    if (
      typeof message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|database is locked|encountered a connection error|terminating connection due to administrator command|the database system is (shutting down|starting up)/i.test(
        message,
      )
    )
      return 'unavailable';
    if (state?.startsWith('22') && e instanceof DriverException) return 'bad-value';
    if (state?.startsWith('22')) return 'bad-value';
  }
  return undefined;
}
