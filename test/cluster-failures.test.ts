import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startService, until } from './support/cluster.js';

/** The workers a primary has forked (bin/launch.mjs children; not tsx's esbuild service). */
function workersOf(primary: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === primary && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('launch.mjs')) pids.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return pids;
}

/**
 * A service that cannot run exits non-zero with one line saying why, so that its supervisor
 * (systemd's Restart=on-failure, a container's restart policy) sees the failure; real processes
 * on the production defaults (NODE_ENV=production, its workers as WEB_CONCURRENCY says).
 */
describe('a service that cannot run fails loudly', () => {
  let db: TestDatabase | undefined;
  let holder: net.Server | undefined;
  let taken = 0;
  beforeAll(async () => {
    db = await createTestDatabase();
    holder = net.createServer();
    await new Promise<void>((resolve) => holder!.listen(0, '127.0.0.1', resolve));
    taken = (holder.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => holder?.close(resolve));
    await db?.drop();
  });
  const production = () => ({ NODE_ENV: 'production', DATABASE_URL: db!.config.url, JWT_SECRET: 'k'.repeat(48) });

  // One worker first: it also migrates the database, so the cluster's run that follows is quick.
  it.each(['1', '2'])(
    'port in use, WEB_CONCURRENCY=%s: exit 1 and one line naming the port and EADDRINUSE',
    async (workers) => {
      const startedAt = Date.now();
      const service = await startService({ ...production(), WEB_CONCURRENCY: workers, PORT: String(taken), LOG_LEVEL: 'warn' });
      const { code, stdout, stderr } = await service.exited;
      expect(code).toBe(1);
      expect(stdout).toBe('');
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const cause = `port ${taken} on 127.0.0.1 is already in use (EADDRINUSE): stop what listens there or set another PORT`;
      expect(lines[0]).toBe(workers === '1' ? `retrofun-graphql: ${cause}` : `retrofun-graphql: no worker could start: ${cause}`);
      // Before: the primary restarted the workers for 5–19 s, then exited 0. Now it gives up at the
      // first worker's failure: the bound is the start-up of a busy CI machine, not a retry loop.
      expect(Date.now() - startedAt).toBeLessThan(45_000);
    },
    60_000,
  );

  it('workers that keep dying: the primary restarts them a few times, then exits 1 naming the last cause', async () => {
    const service = await startService({ ...production(), WEB_CONCURRENCY: '2' });
    try {
      await until(() => service.workers().length === 2, 'two workers', service.output);
      const killed = new Set<number>();
      let gone = false;
      void service.exited.then(() => (gone = true));
      // Every worker is killed as soon as it is forked, until the primary gives up.
      await until(
        () => {
          for (const pid of workersOf(service.child.pid!)) {
            if (killed.has(pid)) continue;
            killed.add(pid);
            process.kill(pid, 'SIGKILL');
          }
          return gone;
        },
        'the primary to give up',
        service.output,
        60_000,
      );
      const { code, stderr } = await service.exited;
      expect(code).toBe(1);
      expect(stderr.trim().split('\n').at(-1)).toBe('retrofun-graphql: workers keep dying (5 in a row within 10 s of their start), the last: a worker was killed by SIGKILL');
      // Replaced before that, with a growing backoff.
      expect(service.output().match(/a worker died: starting another/g)?.length).toBeGreaterThanOrEqual(3);
      expect(killed.size).toBeGreaterThanOrEqual(5);
    } finally {
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
    }
  }, 120_000);
});
