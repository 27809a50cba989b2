import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finished, freePort, ROOT } from './support/process.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (check: () => boolean, what: string, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** WEB_CONCURRENCY: a primary and its workers, as real processes on one port. */
describe('WEB_CONCURRENCY=2 (node:cluster)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-cluster-'));
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves from two workers on one port, restarts one that dies, shares tokens and metrics, and stops cleanly on SIGTERM', async () => {
    db = await createTestDatabase();
    const [port, metricsPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['bin/launch.mjs', 'src/server'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', DATABASE_URL: db.config.url, WEB_CONCURRENCY: '2', PORT: String(port), HOST: '127.0.0.1', METRICS: 'true', METRICS_PORT: String(metricsPort), JWT_SECRET: '' },
    });
    const exited = finished(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const workers = () => [...out.matchAll(/"pid":(\d+),"worker":\d+[^\n]*is serving/g)].map((m) => Number(m[1]));
    try {
      await until(() => workers().length === 2, `two workers:\n${out}`);
      expect(out).toMatch(/"workers":2,"pid":\d+,"msg":"cluster primary started its workers"/);
      // Migrated and seeded once, by the primary.
      expect(out.match(/applied migrations/g)).toHaveLength(1);
      const url = `http://127.0.0.1:${port}/graphql`;
      const gql = async (query: string, headers: Record<string, string> = {}) =>
        (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) }).then((r) => r.json())) as { data?: Record<string, unknown>; errors?: unknown[] };
      // A token signed by one worker is accepted by every worker (the primary's generated secret).
      const login = await gql(`mutation { login(input: { name: "editor", password: "editor" }) { token } }`);
      const token = (login.data!.login as { token: string }).token;
      for (let i = 0; i < 6; i++) expect((await gql(`query Me { me { name } }`, { authorization: `Bearer ${token}` })).data).toEqual({ me: { name: 'editor' } });

      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      // Both workers' counts, summed by the primary.
      expect(metrics).toMatch(/^retrofun_graphql_requests_total\{operation="Me",outcome="ok"\} 6$/m);

      const [first, second] = workers();
      process.kill(first!, 'SIGKILL');
      await until(() => workers().length === 3, `a replacement worker:\n${out}`);
      expect(out).toMatch(/a worker died: starting another/);
      const replacement = workers()[2]!;
      expect([first, second]).not.toContain(replacement);
      for (let i = 0; i < 4; i++) expect((await gql(`{ __typename }`)).data).toEqual({ __typename: 'Query' });

      child.kill('SIGTERM');
      const { code } = await exited;
      expect(code).toBe(0);
      expect([second!, replacement].map(alive)).toEqual([false, false]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
