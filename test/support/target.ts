import type { Dialect } from '../../src/config.js';

/**
 * Which database the suite runs against: TEST_DB=sqlite (default) or TEST_DB=postgresql.
 * For PostgreSQL, TEST_DATABASE_URL names a server and a maintenance database the suite may
 * connect to in order to create and drop one database per test file.
 */
export function testDialect(): Dialect {
  const value = (process.env.TEST_DB ?? 'sqlite').toLowerCase();
  if (value === 'sqlite') return 'sqlite';
  if (value === 'postgresql' || value === 'postgres' || value === 'pg') return 'postgresql';
  throw new Error(`TEST_DB must be sqlite or postgresql, got "${process.env.TEST_DB}"`);
}

export function testPostgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL_PG;
  if (!url) {
    throw new Error('TEST_DB=postgresql needs TEST_DATABASE_URL=postgresql://user:password@host:port/postgres');
  }
  return url;
}
