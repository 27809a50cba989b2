import pg from 'pg';
import { testDialect, testPostgresUrl } from './target.js';

/** Fails the run at once, with one clear line, when the chosen PostgreSQL is unreachable. */
export default async function setup(): Promise<void> {
  if (testDialect() !== 'postgresql') return;
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`TEST_DB=postgresql but TEST_DATABASE_URL is not reachable: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
