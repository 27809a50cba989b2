import type { Logger } from 'pino';

/** The parts of pg's Pool and Client this uses. */
interface PoolClient {
  release(error?: Error): void;
  once(event: 'end', listener: () => void): unknown;
}
interface Pool {
  on(event: 'connect' | 'acquire' | 'release' | 'remove', listener: (...args: unknown[]) => void): unknown;
}

/**
 * Gives back to the pool the connections that die while checked out and are never released.
 *
 * When PostgreSQL goes away in the middle of a transaction, Kysely's rollback fails on the dead
 * connection and skips its `release()` (kysely ControlledTransaction.rollback), so pg's pool keeps
 * counting that connection as in use: after a few outages the pool is exhausted and every request
 * waits. Here a connection that ends while checked out, and is still not released a moment later,
 * is released with an error, which makes the pool drop it and open a fresh one when needed.
 */
export function reapDeadConnections(pool: Pool, logger: Logger, graceMs = 1_000): void {
  const checkedOut = new Set<PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client as PoolClient));
  pool.on('connect', (client) => {
    const c = client as PoolClient;
    c.once('end', () => {
      setTimeout(() => {
        if (!checkedOut.has(c)) return;
        checkedOut.delete(c);
        try {
          c.release(new Error('connection lost while checked out'));
          logger.warn('released a database connection that died while in use');
        } catch {
          // Released meanwhile after all: nothing to do.
        }
      }, graceMs).unref();
    });
  });
  pool.on('release', (_error, client) => checkedOut.delete(client as PoolClient));
  pool.on('remove', (client) => checkedOut.delete(client as PoolClient));
}
