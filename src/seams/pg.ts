/**
 * node-postgres (pg) seams: the only file that uses pg's private members. Checked on pg 8.23.0 (the
 * copy @mikro-orm/postgresql pins, whose pools the service queries through) and 8.23.1; contract
 * test: test/seams/pg.test.ts.
 *
 * 1. A client remembers the named statements it has parsed on its server connection in the private
 *    `client.connection.parsedStatements` (name → text): it skips the Parse message for a name it
 *    holds. After `deallocate <name>` the name must be deleted there too, or the next query under
 *    that name would skip its Parse and fail (`prepared statement "…" does not exist`). pg has no
 *    public way to deallocate or forget a named statement.
 */
import type pg from 'pg';

/** What pg has parsed on a client's connection, by name: delete a name after deallocating it (seam 1). */
export function parsedStatements(client: pg.ClientBase): Record<string, string> {
  return (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
}
