import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startService, until, type RunningCluster } from './support/cluster.js';

/** The code of each answer's first error, or OK. */
async function codes(url: string, query: string, variables: Record<string, unknown>, times: number): Promise<string[]> {
  const one = async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.[0]?.extensions?.code ?? 'OK';
  };
  return Promise.all(Array.from({ length: times }, one));
}

const count = (list: string[]) => {
  const counts: Record<string, number> = {};
  for (const c of list) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
};

/**
 * The production defaults as real processes: NODE_ENV=production runs one worker per core, two
 * here whatever the machine (WEB_CONCURRENCY=2). Every limit is counted once for the host (SQLite:
 * in the primary) or for the database (PostgreSQL: rate_limits), not once per worker.
 */
describe('rate limits across the workers of a production cluster (WEB_CONCURRENCY=2)', () => {
  let db: TestDatabase | undefined;
  let service: RunningCluster | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    // A minute per request: ten bcrypt checks at production's cost 12 on a busy CI machine.
    service = await startService({ NODE_ENV: 'production', WEB_CONCURRENCY: '2', DATABASE_URL: db.config.url, JWT_SECRET: 'k'.repeat(48), REQUEST_TIMEOUT_MS: '60000' });
    const s = service;
    await until(() => s.workers().length === 2, 'two workers', s.output);
  }, 120_000);
  afterAll(async () => {
    if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
    await service?.exited;
    await db?.drop();
  });

  it('checks at most 10 of 16 concurrent wrong passwords for one name, whichever worker takes them', async () => {
    const login = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token } }`;
    const answers = await codes(service!.url, login, { name: 'editor', password: 'not-the-password' }, 16);
    // Each worker counting on its own let all 16 through (8 + 8, under its limit of 10).
    expect(count(answers)).toEqual({ UNAUTHENTICATED: 10, RATE_LIMITED: 6 });
  }, 60_000);

  it('takes 60 of 70 concurrent page views from one address a minute, whichever worker takes them', async () => {
    const view = `mutation($id: ID!) { recordPageView(input: { articleId: $id }) { view { id } } }`;
    // The budget is spent before the article is looked up: a made-up one is refused after it.
    const answers = await codes(service!.url, view, { id: 'no-such-article' }, 70);
    expect(answers.filter((c) => c === 'RATE_LIMITED')).toHaveLength(10);
    expect(answers.filter((c) => c !== 'RATE_LIMITED' && c !== 'INTERNAL_SERVER_ERROR')).toHaveLength(60);
  }, 60_000);
});
