import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startServing } from './support/process.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token } }`;

/**
 * Two real service processes on one database: on PostgreSQL the login limits are shared (the
 * rate_limits table), on SQLite each process counts in its own memory.
 */
describe('login rate limits across two instances', () => {
  let db: TestDatabase | undefined;
  const children: { kill(signal?: NodeJS.Signals): boolean }[] = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await db?.drop();
  });

  it('counts one name and address the same on both instances (PostgreSQL), or per instance (SQLite)', async () => {
    db = await createTestDatabase();
    const env = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', DATABASE_URL: db.config.url, PORT: '0', HOST: '127.0.0.1', JWT_SECRET: 'x'.repeat(40) };
    const start = async () => {
      const s = startServing(process.execPath, ['bin/launch.mjs', 'src/server'], { env });
      children.push(s.child);
      return s.url;
    };
    // One after the other: the first migrates and seeds, the second finds it done.
    const a = await start();
    const b = await start();
    const login = async (url: string, password: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
        body: JSON.stringify({ query: LOGIN, variables: { name: 'editor', password } }),
      });
      const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
      return body.errors?.[0]?.extensions.code ?? 'OK';
    };
    // Ten consecutive failures for one name from one address spend that pair's budget…
    for (let i = 0; i < 10; i++) expect(await login(a, `wrong-${i}`)).toBe('UNAUTHENTICATED');
    expect(await login(a, 'wrong-again')).toBe('RATE_LIMITED');
    // …and the other instance knows it on PostgreSQL; on SQLite it starts from zero.
    expect(await login(b, 'editor')).toBe(db.config.dialect === 'postgresql' ? 'RATE_LIMITED' : 'OK');
  }, 90_000);
});
