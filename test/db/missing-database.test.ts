import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/app.js';
import { testConfig } from '../support/app.js';
import { runEntry } from '../support/process.js';
import { testDialect, testPostgresUrl } from '../support/target.js';

async function exists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    return !!(await client.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  } finally {
    await client.end();
  }
}

/** A URL of the test server naming a database that does not exist (the suite's role may create databases). */
function missing(): { name: string; url: string } {
  const name = `retrofun_nope_${randomBytes(4).toString('hex')}`;
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

describe.runIf(testDialect() === 'postgresql')('a database that does not exist', () => {
  it('is never created by starting the service: start-up fails naming it and the explicit way to create it', async () => {
    const { name, url } = missing();
    const start = bootstrap({ config: testConfig({ dialect: 'postgresql', url }), port: 0 });
    await expect(start).rejects.toThrow(`database "${name}" does not exist at postgresql://retrofun:***@`);
    await expect(start).rejects.toThrow('npm run db:migrate -- up --create-database');
    expect(await exists(name)).toBe(false);
  });

  it('is not created by db:migrate either, only by db:migrate -- up --create-database', async () => {
    const { name, url } = missing();
    const plain = await runEntry('src/cli/migrate', ['up'], { DATABASE_URL: url });
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim()).toBe(
      `error: database "${name}" does not exist at ${url.replace(/:[^:@/]+@/, ':***@')}: check DATABASE_URL, or create it with npm run db:migrate -- up --create-database`,
    );
    expect(await exists(name)).toBe(false);
    const created = await runEntry('src/cli/migrate', ['up', '--create-database'], { DATABASE_URL: url });
    try {
      expect(created.code).toBe(0);
      expect(created.stdout).toContain(`created the database ${name}`);
      expect(created.stdout).toMatch(/applied \d+ migration\(s\)/);
      expect(await exists(name)).toBe(true);
      // Once it exists, the flag changes nothing.
      const again = await runEntry('src/cli/migrate', ['up', '--create-database'], { DATABASE_URL: url });
      expect([again.code, again.stdout.trim()]).toEqual([0, 'database is up to date']);
    } finally {
      const client = new pg.Client({ connectionString: testPostgresUrl() });
      await client.connect();
      await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
      await client.end();
    }
  }, 60_000);
});
