import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../../src/app.js';
import { gqlAt, testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { runEntry } from '../support/process.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { user { name role } } }`;

/** `npm run db:seed -- --with-demo-accounts`: the demo accounts for CI and demos, never in production. */
describe('npm run db:seed -- --with-demo-accounts', () => {
  let db: TestDatabase;
  let app: App | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
  });

  it('is refused in production, before anything is written', async () => {
    const run = await runEntry('src/cli/seed', ['--with-demo-accounts'], { DATABASE_URL: db.config.url, NODE_ENV: 'production' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('error: --with-demo-accounts creates accounts whose passwords are their names: never in production (npm run user -- create makes real ones)');
  });

  it('seeds the scaled data with the demo accounts, who can sign in', async () => {
    const run = await runEntry('src/cli/seed', ['--scale', '1', '--with-demo-accounts'], { DATABASE_URL: db.config.url, NODE_ENV: 'development', BCRYPT_ROUNDS: '4' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/seeded scale 1 \(seed 1\) into .*users 2, pages 1/);
    // The same database, served: the accounts work through the endpoint.
    app = await bootstrap({ config: testConfig(db.config, { seedDemo: false }), port: 0 });
    for (const [name, role] of [
      ['editor', 'EDITOR'],
      ['basic', 'BASIC'],
    ] as const) {
      const res = await gqlAt(app.url, LOGIN, { name, password: name });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ login: { user: { name, role } } });
    }
  }, 120_000); // a real scale-1 seed: ~139,000 rows, beyond the default 30 s on a loaded PostgreSQL
});
