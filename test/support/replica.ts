import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { gqlAt } from './app.js';
import { testPostgresUrl } from './target.js';

/**
 * A real streaming replica of the test cluster (CI: pg_basebackup -R on loopback, docs/operations.md,
 * "Read replicas"): TEST_REPLICA_URL reaches it as the same superuser, TEST_REPLICA_STOP and
 * TEST_REPLICA_START are shell commands that stop and start it. Other test files share it: whoever
 * pauses its replay resumes it in a `finally`, within seconds.
 */
export const replicaAdmin = process.env.TEST_REPLICA_URL;

/** The first row of one statement, on a connection of its own. */
export async function one<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

export async function eventually(what: string, test: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await test().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Until the replica has replayed everything the primary has written so far. */
export async function caughtUp(): Promise<void> {
  // The insert position, not pg_current_wal_lsn(): with synchronous_commit=off (CI's throwaway
  // cluster) a commit can sit in WAL buffers past the written position for up to wal_writer_delay.
  const { lsn } = await one<{ lsn: string }>(testPostgresUrl(), 'select pg_current_wal_insert_lsn()::text as lsn');
  await eventually('the replica replays the primary', async () => (await one<{ ok: boolean }>(replicaAdmin!, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`)).ok);
}

/** Runs `fn` with the replica's replay paused, and resumes it whatever happens. */
export async function withReplayPaused<T>(fn: () => Promise<T>): Promise<T> {
  await one(replicaAdmin!, 'select pg_wal_replay_pause()');
  try {
    return await fn();
  } finally {
    await one(replicaAdmin!, 'select pg_wal_replay_resume()');
  }
}

/**
 * Which server ran a request's reads: a query whose statement text carries a fresh marker (MikroORM
 * inlines parameters), looked for in each server's pg_stat_activity, which keeps a pooled
 * connection's last statement.
 */
export async function servedBy(url: string, headers: Record<string, string> = {}): Promise<'replica' | 'primary'> {
  const marker = `served-by-${randomBytes(4).toString('hex')}`;
  const res = await gqlAt(url, `query($m: String!) { products(filter: { nameContains: $m }) { totalCount } }`, { m: marker }, headers);
  if (res.errors) throw new Error(`the marker query failed: ${res.errors[0]?.message}`);
  const seen = `select count(*)::int as n from pg_stat_activity where query like '%${marker}%' and pid <> pg_backend_pid()`;
  const onReplica = (await one<{ n: number }>(replicaAdmin!, seen)).n > 0;
  const onPrimary = (await one<{ n: number }>(testPostgresUrl(), seen)).n > 0;
  if (onReplica === onPrimary) throw new Error(`the marker was seen on ${onReplica ? 'both servers' : 'neither server'}`);
  return onReplica ? 'replica' : 'primary';
}

/**
 * Holds the replica for one describe block: test files run in parallel, and one that stops, cuts or
 * pauses the shared replica must not do it under another that reads it. A session-level advisory
 * lock on the primary, so that it also orders runs from other checkouts against the same cluster;
 * it goes with the session if the test process dies.
 */
export async function holdReplica(): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  await client.query(`select pg_advisory_lock(hashtext('retrofun test replica'))`);
  return { release: () => client.end() };
}
