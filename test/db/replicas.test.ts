import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../../src/app.js';
import { toGlobalId } from '../../src/graphql/node.js';
import { gqlAt, testConfig, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { caughtUp, eventually, holdReplica, one, replicaAdmin } from '../support/replica.js';
import { testDialect, testPostgresUrl } from '../support/target.js';

/** Until `test` holds, asked each time after a fresh check of `app`'s replicas: no timer runs in these tests. */
function eventuallyChecked(app: App, what: string, test: () => boolean | Promise<boolean>, ms?: number): Promise<void> {
  return eventually(
    what,
    async () => {
      await app.replicas!.check();
      return test();
    },
    ms,
  );
}

/** Places an order of one product as `headers`' account; its global id. */
async function placeOrder(url: string, headers: Record<string, string>, customer: string): Promise<string> {
  const res = await gqlAt<{ placeOrder: { order: { id: string } } }>(
    url,
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`,
    { input: { customer: { name: customer }, items: [{ productId: toGlobalId('Product', 1), quantity: 1 }] } },
    headers,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.placeOrder.order.id;
}

/** Points the replica's WAL receiver at a port where nothing listens (ALTER SYSTEM, reloaded): it stops receiving. */
async function cutReplica(saved: string): Promise<void> {
  expect(saved).not.toBe('');
  await one(replicaAdmin!, `alter system set primary_conninfo = 'host=127.0.0.1 port=1 connect_timeout=1'`);
  await one(replicaAdmin!, 'select pg_reload_conf()');
}

async function restoreReplica(saved: string): Promise<void> {
  await one(replicaAdmin!, `alter system set primary_conninfo = '${saved.replaceAll("'", "''")}'`);
  await one(replicaAdmin!, 'select pg_reload_conf()');
}

describe.runIf(testDialect() === 'postgresql' && replicaAdmin)('read replicas (DATABASE_REPLICA_URLS), against a real streaming replica', () => {
  let db: TestDatabase;
  let replica: Awaited<ReturnType<typeof holdReplica>> | undefined;
  let app: App;
  let replicaUrl: string;
  let editor: Record<string, string>;
  const health = async () => (await (await fetch(app.url.replace('/graphql', '/health'))).json()) as { status: string; replicas: { name: string; state: string; lagSeconds: number | null }[] };
  const metric = async () => (await fetch(app.url.replace('/graphql', '/metrics'))).text();

  beforeAll(async () => {
    replica = await holdReplica();
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
    await eventuallyChecked(app, '/health reports the replica up', async () => (await health()).replicas[0]?.state === 'up');
  }, 120_000);

  afterAll(async () => {
    await one(replicaAdmin!, 'select pg_wal_replay_resume()').catch(() => undefined);
    await app?.close();
    await db?.drop();
    await replica?.release();
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
      await eventuallyChecked(app, '/health reports the lag', async () => ((await health()).replicas[0]?.lagSeconds ?? 0) > 0);
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
    await eventuallyChecked(app, '/health reports the replica back up', async () => (await health()).replicas[0]?.state === 'up', 30_000);
    expect((await gqlAt(app.url, query)).data).toEqual(before.data);
    expect(await metric()).toMatch(/^retrofun_db_replica_up\{replica="replica1"\} 1$/m);
    expect(await metric()).toMatch(/^retrofun_db_replica_lag_seconds\{replica="replica1"\} \d/m);
  }, 60_000);
  it('takes a replica cut off from its primary out of the reads: lagging in /health until it follows again', async () => {
    // The replica's WAL receiver pointed at nothing (as a network cut or a stopped walreceiver
    // would leave it): by its own clock and received position it is caught up for ever.
    const saved = (await one<{ primary_conninfo: string }>(replicaAdmin!, 'show primary_conninfo')).primary_conninfo;
    await cutReplica(saved);
    try {
      await eventually('the replica has no WAL receiver', async () => !(await one<{ on: boolean }>(replicaAdmin!, 'select exists (select 1 from pg_stat_wal_receiver) as on')).on);
      const id = await placeOrder(app.url, editor, 'Cut Off');
      await eventuallyChecked(app, '/health reports the replica lagging', async () => (await health()).replicas[0]?.state === 'lagging');
      // Its reads went to the primary: the order placed after the cut is there.
      expect((await gqlAt<{ node: unknown }>(app.url, `query($id: ID!) { node(id: $id) { id } }`, { id }, editor)).data).toEqual({ node: { id } });
      // Still lagging while cut off, however long nothing changes on the primary.
      await new Promise((r) => setTimeout(r, 300));
      await app.replicas!.check();
      expect((await health()).replicas[0]!.state).toBe('lagging');
      // Its lag grows from the primary's position it lacks (0 at the check right after the write, to the millisecond).
      expect((await health()).replicas[0]!.lagSeconds).toBeGreaterThan(0.2);
    } finally {
      await restoreReplica(saved);
    }
    await caughtUp();
    await eventuallyChecked(app, '/health reports the replica up again', async () => (await health()).replicas[0]?.state === 'up', 30_000);
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

describe.runIf(testDialect() === 'postgresql' && replicaAdmin)('revoked means revoked while a replica lags (two instances, viewer caches on)', () => {
  let db: TestDatabase;
  let replica: Awaited<ReturnType<typeof holdReplica>> | undefined;
  let apps: App[];
  let admin: Record<string, string>;
  let editor: Record<string, string>;
  let writer: pg.Client;
  const ORDERS = `{ orders(first: 1) { totalCount } }`;
  const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
  const asEditor = (app: App, headers = editor) => gqlAt<{ orders: { totalCount: number } }>(app.url, ORDERS, {}, headers);
  /** Until every instance's viewer cache has heard one more change than `before`. */
  const heard = async (before: number[]) => eventually('every instance heard the change', async () => apps.every((a, i) => a.viewers!.changes > before[i]!));
  const changes = () => apps.map((a) => a.viewers!.changes);
  const editorId = async () => (await gqlAt<{ me: { id: string } }>(apps[0]!.url, `{ me { id } }`, {}, editor)).data!.me.id;

  beforeAll(async () => {
    replica = await holdReplica();
    db = await createTestDatabase();
    const url = new URL(replicaAdmin!);
    url.pathname = new URL(db.config.url).pathname;
    // The second instance leaves a replica out past one second of lag; the first never does.
    apps = [];
    for (const maxLagSeconds of [0, 1]) {
      const config = testConfig(db.config, { replicas: { urls: [url.toString()], maxLagSeconds, checkIntervalMs: 600_000 }, viewerCache: { enabled: true } });
      apps.push(await bootstrap({ config, port: 0 }));
    }
    const t = (app: App): TestApp => ({ app, db, config: testConfig(db.config), gql: (q, v, h) => gqlAt(app.url, q, v, h), close: () => app.close() });
    admin = await headersFor(t(apps[0]!), 'admin', new Map());
    editor = await headersFor(t(apps[0]!), 'editor', new Map());
    writer = new pg.Client({ connectionString: db.config.url });
    await writer.connect();
    await writer.query('create table load_rows (id serial primary key, filler text)');
    await caughtUp();
    for (const app of apps) {
      expect(app.viewers?.active).toBe(true);
      await eventuallyChecked(app, 'the replica is up', () => app.replicas!.statuses[0]?.state === 'up');
    }
  }, 120_000);

  afterAll(async () => {
    await one(replicaAdmin!, 'select pg_wal_replay_resume()').catch(() => undefined);
    await writer?.end();
    for (const app of apps ?? []) await app.close();
    await db?.drop();
    await replica?.release();
  });

  it('a demotion, a new password and a deletion apply at once on every instance while the replica has not replayed them', async () => {
    // Each instance has read (and kept) the editor's account, from before the change.
    for (const app of apps) expect((await asEditor(app)).data?.orders.totalCount).toBeGreaterThanOrEqual(0);
    const id = await editorId();
    await one(replicaAdmin!, 'select pg_wal_replay_pause()');
    try {
      // Demoted through the API: refused on both instances, though the replica still says EDITOR.
      let before = changes();
      const demoted = await gqlAt(apps[0]!.url, `mutation($id: ID!) { setUserRole(input: { userId: $id, role: BASIC }) { user { role } } }`, { id }, admin);
      expect(demoted.errors).toBeUndefined();
      await heard(before);
      for (const app of apps) expect(codeOf(await asEditor(app))).toBe('FORBIDDEN');
      // Promoted again, then demoted by another process (as `npm run user` does): the same.
      before = changes();
      await writer.query(`update users set role = 'editor' where name = 'editor'`);
      await heard(before);
      for (const app of apps) expect(codeOf(await asEditor(app))).toBeUndefined();
      before = changes();
      await writer.query(`update users set role = 'basic' where name = 'editor'`);
      await heard(before);
      for (const app of apps) expect(codeOf(await asEditor(app))).toBe('FORBIDDEN');
      await writer.query(`update users set role = 'editor' where name = 'editor'`);

      // A new password: the old token is refused everywhere, the owner's new one works everywhere.
      before = changes();
      const changed = await gqlAt<{ changePassword: { token: string } }>(
        apps[1]!.url,
        `mutation { changePassword(input: { oldPassword: "editor", newPassword: "a fresh editor passphrase" }) { token } }`,
        {},
        editor,
      );
      expect(changed.errors).toBeUndefined();
      const fresh = { authorization: `Bearer ${changed.data!.changePassword.token}` };
      await heard(before);
      for (const app of apps) {
        expect(codeOf(await asEditor(app))).toBe('UNAUTHENTICATED');
        expect(codeOf(await asEditor(app, fresh))).toBeUndefined();
      }

      // Deleted: its token is refused everywhere.
      before = changes();
      const heir = (await gqlAt<{ me: { id: string } }>(apps[0]!.url, `{ me { id } }`, {}, admin)).data!.me.id;
      const deleted = await gqlAt(apps[0]!.url, `mutation($id: ID!, $heir: ID!) { deleteUser(input: { userId: $id, reassignPagesTo: $heir }) { deletedId } }`, { id, heir }, admin);
      expect(deleted.errors).toBeUndefined();
      await heard(before);
      for (const app of apps) expect(codeOf(await asEditor(app, fresh))).toBe('UNAUTHENTICATED');
      // The replica still has the account: proof that the checks did not read it.
      expect((await one<{ n: number }>(replicaAdmin!.replace(/\/[^/]*$/, new URL(db.config.url).pathname), `select count(*)::int as n from users where name = 'editor'`)).n).toBe(1);
    } finally {
      await one(replicaAdmin!, 'select pg_wal_replay_resume()');
    }
    await caughtUp();
  });

  it('with ordinary lag under write load, every demotion applies to the next request (10 of 10)', async () => {
    const basic = await headersFor({ app: apps[0]!, gql: (q, v, h) => gqlAt(apps[0]!.url, q, v, h) }, 'basic', new Map());
    let writing = true;
    const load = (async () => {
      while (writing) await writer.query(`insert into load_rows (filler) select repeat('x', 200) from generate_series(1, 2000)`);
    })();
    try {
      for (let trial = 0; trial < 10; trial++) {
        const app = apps[trial % 2]!;
        let before = changes();
        await writer.query(`update users set role = 'editor' where name = 'basic'`);
        await heard(before);
        expect(codeOf(await asEditor(app, basic))).toBeUndefined();
        before = changes();
        await writer.query(`update users set role = 'basic' where name = 'basic'`);
        await heard(before);
        expect(codeOf(await asEditor(app, basic)), `trial ${trial}`).toBe('FORBIDDEN');
      }
    } finally {
      writing = false;
      await load;
    }
  }, 60_000);

  it('leaves a replica that falls behind its lag limit out of the reads until it catches up', async () => {
    const [, strict] = apps as [App, App];
    await caughtUp();
    await strict.replicas!.check();
    expect(strict.replicas!.statuses[0]!.state).toBe('up');
    await one(replicaAdmin!, 'select pg_wal_replay_pause()');
    try {
      const id = await placeOrder(strict.url, admin, 'Behind');
      // Still receiving, but replaying nothing: its lag grows past the limit, measured from the primary.
      await eventuallyChecked(strict, 'the replica is lagging', () => strict.replicas!.statuses[0]?.state === 'lagging');
      expect(strict.replicas!.statuses[0]!.lagSeconds).toBeGreaterThan(1);
      expect((await gqlAt<{ node: unknown }>(strict.url, `query($id: ID!) { node(id: $id) { id } }`, { id }, admin)).data).toEqual({ node: { id } });
    } finally {
      await one(replicaAdmin!, 'select pg_wal_replay_resume()');
    }
    await caughtUp();
    await eventuallyChecked(strict, 'the replica is up again', () => strict.replicas!.statuses[0]?.state === 'up');
    // Other test files write to the same cluster meanwhile: a replica streaming along is a few ms behind at most.
    expect(strict.replicas!.statuses[0]!.lagSeconds).toBeLessThan(1);
  }, 30_000);
});
