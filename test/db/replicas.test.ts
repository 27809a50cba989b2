import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../../src/app.js';
import { toGlobalId } from '../../src/graphql/node.js';
import { gqlAt, testConfig, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testDialect, testPostgresUrl } from '../support/target.js';

/**
 * A real streaming replica of the test cluster (CI: pg_basebackup -R on loopback, README "Read
 * replicas"): TEST_REPLICA_URL reaches it as the same superuser, TEST_REPLICA_STOP and
 * TEST_REPLICA_START are shell commands that stop and start it.
 */
const replicaAdmin = process.env.TEST_REPLICA_URL;

async function one<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

async function eventually(what: string, test: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await test().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(testDialect() === 'postgresql' && replicaAdmin)('read replicas (DATABASE_REPLICA_URLS), against a real streaming replica', () => {
  let db: TestDatabase;
  let app: App;
  let replicaUrl: string;
  let editor: Record<string, string>;
  const health = async () => (await (await fetch(app.url.replace('/graphql', '/health'))).json()) as { status: string; replicas: { name: string; state: string; lagSeconds: number | null }[] };
  const metric = async () => (await fetch(app.url.replace('/graphql', '/metrics'))).text();
  /** Until the replica has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    // The insert position, not pg_current_wal_lsn(): with synchronous_commit=off (CI's throwaway
    // cluster) a commit can sit in WAL buffers past the written position for up to wal_writer_delay.
    const { lsn } = await one<{ lsn: string }>(testPostgresUrl(), 'select pg_current_wal_insert_lsn()::text as lsn');
    await eventually('the replica replays the primary', async () => (await one<{ ok: boolean }>(replicaAdmin!, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`)).ok);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(replicaAdmin!);
    url.pathname = new URL(db.config.url).pathname;
    replicaUrl = url.toString();
    const config = testConfig(db.config, { replicas: { urls: [replicaUrl], maxLagSeconds: 0, checkIntervalMs: 600_000 }, metrics: { enabled: true } });
    app = await bootstrap({ config, port: 0 });
    const t: TestApp = { app, db, config, gql: (q, v, h) => gqlAt(app.url, q, v, h), close: () => app.close() };
    editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
    await caughtUp();
    // No timer in these tests: each check is asked for, so that only the request path can notice an outage.
    await eventually('/health reports the replica up', async () => (await app.replicas!.check(), (await health()).replicas[0]?.state === 'up'));
  }, 60_000);

  afterAll(async () => {
    await one(replicaAdmin!, 'select pg_wal_replay_resume()').catch(() => undefined);
    await app?.close();
    await db?.drop();
  });

  it('sends a query to the replica, not to the primary (pg_stat_activity of each)', async () => {
    const marker = `replica-marker-${randomBytes(4).toString('hex')}`;
    const res = await gqlAt<{ products: { totalCount: number } }>(app.url, `query($m: String!) { products(filter: { nameContains: $m }) { totalCount } }`, { m: marker });
    expect(res.errors).toBeUndefined();
    expect(res.data!.products.totalCount).toBe(0);
    // MikroORM inlines parameters: the statement's text carries the marker on whichever server ran it.
    const seen = `select count(*)::int as n from pg_stat_activity where query like '%${marker}%' and pid <> pg_backend_pid()`;
    expect((await one<{ n: number }>(replicaAdmin!, seen)).n).toBeGreaterThan(0);
    expect((await one<{ n: number }>(testPostgresUrl(), seen)).n).toBe(0);
  });

  it("answers a mutation's payload from the primary while the replica has not replayed the write", async () => {
    await one(replicaAdmin!, 'select pg_wal_replay_pause()');
    try {
      const res = await gqlAt<{ placeOrder: { order: { id: string; total: number; items: { quantity: number; product: { name: string } }[] } } }>(
        app.url,
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id total items { quantity product { name } } } } }`,
        { input: { customer: { name: 'Replica Reader' }, items: [{ productId: toGlobalId('Product', 1), quantity: 3 }] } },
        editor,
      );
      expect(res.errors).toBeUndefined();
      const order = res.data!.placeOrder.order;
      expect(order.items).toHaveLength(1);
      expect(order.items[0]!.quantity).toBe(3);
      expect(order.total).toBeGreaterThan(0);
      // A query reads the paused replica, which has not seen the order yet: proof that the payload did not.
      const byId = `query($id: ID!) { node(id: $id) { id } }`;
      expect((await gqlAt<{ node: unknown }>(app.url, byId, { id: order.id }, editor)).data).toEqual({ node: null });
      await eventually('/health reports the lag', async () => (await app.replicas!.check(), ((await health()).replicas[0]?.lagSeconds ?? 0) > 0));
      await one(replicaAdmin!, 'select pg_wal_replay_resume()');
      await caughtUp();
      expect((await gqlAt<{ node: unknown }>(app.url, byId, { id: order.id }, editor)).data).toEqual({ node: { id: order.id } });
    } finally {
      await one(replicaAdmin!, 'select pg_wal_replay_resume()');
    }
  });

  it('keeps answering when the replica stops: its reads go to the primary, /health says it is down, then back', async () => {
    const query = `{ products(first: 3) { totalCount nodes { name } } }`;
    const before = await gqlAt(app.url, query);
    execSync(process.env.TEST_REPLICA_STOP!, { stdio: 'ignore' });
    try {
      // No check has run since the stop: the read fails over inside the request, which marks the replica down.
      for (let i = 0; i < 5; i++) {
        const res = await gqlAt(app.url, query);
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual(before.data);
      }
      const h = await health();
      expect(h.status).toBe('ok');
      expect(h.replicas[0]).toMatchObject({ name: 'replica1', state: 'down', lagSeconds: null });
      expect(await metric()).toMatch(/^retrofun_db_replica_up\{replica="replica1"\} 0$/m);
    } finally {
      execSync(process.env.TEST_REPLICA_START!, { stdio: 'ignore' });
    }
    await eventually('/health reports the replica back up', async () => (await app.replicas!.check(), (await health()).replicas[0]?.state === 'up'), 30_000);
    expect((await gqlAt(app.url, query)).data).toEqual(before.data);
    expect(await metric()).toMatch(/^retrofun_db_replica_up\{replica="replica1"\} 1$/m);
    expect(await metric()).toMatch(/^retrofun_db_replica_lag_seconds\{replica="replica1"\} \d/m);
  }, 60_000);
});

describe.runIf(testDialect() === 'postgresql')('read replicas that never answer', () => {
  it('do not hold up start-up or any query: reads go to the primary, /health says down', async () => {
    const db = await createTestDatabase();
    // Nothing listens on port 1: every connection is refused.
    const config = testConfig(db.config, { replicas: { urls: ['postgresql://retrofun:retrofun@127.0.0.1:1/nowhere'], maxLagSeconds: 30, checkIntervalMs: 600_000 } });
    const app = await bootstrap({ config, port: 0 });
    try {
      const res = await gqlAt<{ products: { totalCount: number } }>(app.url, `{ products(first: 2) { totalCount nodes { name } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.products.totalCount).toBeGreaterThan(0);
      await app.replicas!.check();
      const health = (await (await fetch(app.url.replace('/graphql', '/health'))).json()) as { status: string; replicas: unknown[] };
      expect(health).toMatchObject({ status: 'ok', replicas: [{ name: 'replica1', state: 'down', lagSeconds: null }] });
      expect(JSON.stringify(health)).not.toContain('retrofun:retrofun');
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
