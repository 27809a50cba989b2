import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
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
const until = async (check: () => boolean, what: string, output: () => string, ms = 60_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** One GET on a connection of its own: its status, or how the connection failed. */
const getAlone = (url: string, timeoutMs: number) =>
  new Promise<string>((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
      res.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('no answer'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });

/** WEB_CONCURRENCY: a primary and its workers, as real processes on one port. */
describe('WEB_CONCURRENCY=2 (node:cluster)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-cluster-'));
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The service with two workers on a new database; `workers()` lists the pids serving so far. */
  const startCluster = async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const [port, metricsPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['bin/launch.mjs', 'src/server'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        DATABASE_URL: db.config.url,
        WEB_CONCURRENCY: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        METRICS: 'true',
        METRICS_PORT: String(metricsPort),
        JWT_SECRET: '',
      },
    });
    const exited = finished(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const workers = () => [...out.matchAll(/"pid":(\d+),"worker":\d+[^\n]*is serving/g)].map((m) => Number(m[1]));
    return { child, exited, port, metricsPort, workers, output: () => out };
  };

  it('serves from two workers on one port, restarts one that dies, shares tokens and metrics, and stops cleanly on SIGTERM', async () => {
    const { child, exited, port, metricsPort, workers, output } = await startCluster();
    try {
      await until(() => workers().length === 2, 'two workers', output);
      const out = output();
      expect(out).toMatch(/"workers":2,"pid":\d+,"msg":"cluster primary started its workers"/);
      // Migrated and seeded once, by the primary.
      expect(out.match(/applied migrations/g)).toHaveLength(1);
      const url = `http://127.0.0.1:${port}/graphql`;
      const gql = async (query: string, headers: Record<string, string> = {}) =>
        (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) }).then((r) => r.json())) as {
          data?: Record<string, unknown>;
          errors?: unknown[];
        };
      // A token signed by one worker is accepted by every worker (the primary's generated secret).
      const login = await gql(`mutation { login(input: { name: "editor", password: "editor" }) { token } }`);
      const token = (login.data!.login as { token: string }).token;
      for (let i = 0; i < 6; i++) expect((await gql(`query WikiPages { me { name } }`, { authorization: `Bearer ${token}` })).data).toEqual({ me: { name: 'editor' } });

      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      // Both workers' counts, summed by the primary.
      expect(metrics).toMatch(/^retrofun_graphql_requests_total\{operation="WikiPages",outcome="ok"\} 6$/m);

      const [first, second] = workers();
      process.kill(first!, 'SIGKILL');
      await until(() => workers().length === 3, 'a replacement worker', output);
      expect(output()).toMatch(/a worker died: starting another/);
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

  it('closes a connection handed to a worker killed before it took it, at once (node:cluster contract: src/seams/node-cluster.ts)', async () => {
    const { child, port, workers, output } = await startCluster();
    try {
      await until(() => workers().length === 2, 'two workers', output);
      const [stalled] = workers();
      // A stopped worker reads nothing: the primary's round-robin hands it one connection and
      // waits for its answer, and gives the others to the worker still running.
      process.kill(stalled!, 'SIGSTOP');
      const answers = Array.from({ length: 6 }, () => getAlone(`http://127.0.0.1:${port}/health`, 15_000));
      await new Promise((r) => setTimeout(r, 1_000));
      const killedAt = Date.now();
      process.kill(stalled!, 'SIGKILL');
      const outcomes = await Promise.all(answers.map((a) => a.then((outcome) => ({ outcome, afterKillMs: Date.now() - killedAt }))));
      // Every connection ends within a few seconds of the kill: answered by the running worker, or
      // reset (the one in hand-off). Before, that one stayed open until the client gave up.
      for (const { afterKillMs } of outcomes) expect(afterKillMs).toBeLessThan(3_000);
      const kinds = outcomes.map((o) => o.outcome).sort();
      expect(kinds.filter((k) => k !== '200')).toEqual(['ECONNRESET']);
      expect(kinds.filter((k) => k === '200')).toHaveLength(5);
      await until(() => /"connectionsClosed":1,"msg":"a worker died: starting another"/.test(output()), 'the primary closing the connection', output);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
