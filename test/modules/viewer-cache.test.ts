import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { headersFor, type Who } from '../support/auth.js';

const ME = `{ me { name role } }`;
const ORDERS = `{ orders(first: 1) { nodes { id } } }`;
const postgres = process.env.TEST_DB === 'postgresql';
// Set by CI's PgBouncer run: PostgreSQL itself, not PgBouncer, as docs/operations.md asks of DATABASE_LISTEN_URL there.
const direct = process.env.TEST_DIRECT_DATABASE_URL;

/** The same database as `url`, reached directly (behind PgBouncer), or undefined to listen on `url`. */
function directUrl(url: string): string | undefined {
  if (!direct) return undefined;
  const target = new URL(direct);
  target.pathname = new URL(url).pathname;
  return target.toString();
}

type Sql = { statements: number };
const statements = (res: { extensions?: Record<string, unknown> }) => (res.extensions?.sql as Sql | undefined)?.statements;

/** Polls until `done()` holds (a notification is asynchronous), failing after `ms`. */
async function until(done: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(!postgres)('viewer cache on SQLite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ viewerCache: { enabled: true } });
  });
  afterAll(() => t?.close());

  it('does not exist: every signed-in request reads its account (another process may change it)', async () => {
    expect(t.app.viewers).toBeUndefined();
    expect(await (await fetch(t.app.url.replace(/\/graphql$/, '/health'))).json()).toEqual({ status: 'ok', database: 'sqlite' });
    const editor = await headersFor(t, 'editor', new Map());
    for (let i = 0; i < 3; i++) {
      const me = await t.gql(ME, {}, editor);
      expect(me.data).toEqual({ me: { name: 'editor', role: 'EDITOR' } });
      expect(statements(me)).toBe(1);
    }
  });
});

describe.runIf(postgres)('viewer cache on PostgreSQL (LISTEN/NOTIFY)', () => {
  let t: TestApp;
  let other: pg.Client;
  const tokens = new Map<Who, Record<string, string>>();

  beforeAll(async () => {
    const db = await createTestDatabase();
    t = await startTestApp({ viewerCache: { enabled: true, listenUrl: directUrl(db.config.url) }, metrics: { enabled: true } }, undefined, db);
    other = new pg.Client({ connectionString: t.db.config.url });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await t?.close();
  });

  const health = async () => {
    const res = await fetch(t.app.url.replace(/\/graphql$/, '/health'));
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  const metric = async () => (await (await fetch(t.app.url.replace(/\/graphql$/, '/metrics'))).text()).split('\n').find((line) => line.startsWith('retrofun_viewer_cache_on '));

  it('reads an account once, then answers its role checks without a statement', async () => {
    expect(t.app.viewers?.active).toBe(true);
    const editor = await headersFor(t, 'editor', tokens);
    const first = await t.gql(ME, {}, editor);
    expect(first.data).toEqual({ me: { name: 'editor', role: 'EDITOR' } });
    expect(statements(first)).toBe(1);
    const again = await t.gql(ME, {}, editor);
    expect(again.data).toEqual(first.data);
    expect(statements(again)).toBe(0);
    // A role-checked page: its own statement only.
    const orders = await t.gql(ORDERS, {}, editor);
    expect(orders.errors).toBeUndefined();
    expect(statements(orders)).toBe(1);
  });

  it('applies a role changed by another session (an operator, npm run user, another instance) on the next request', async () => {
    const editor = await headersFor(t, 'editor', tokens);
    expect(statements(await t.gql(ME, {}, editor))).toBe(0);
    const heard = t.app.viewers!.changes;
    await other.query(`update users set role = 'basic' where name = 'editor'`);
    await until(() => t.app.viewers!.changes > heard);
    const orders = await t.gql(ORDERS, {}, editor);
    expect(orders.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(ME, {}, editor)).data).toEqual({ me: { name: 'editor', role: 'BASIC' } });
    const restored = t.app.viewers!.changes;
    await other.query(`update users set role = 'editor' where name = 'editor'`);
    await until(() => t.app.viewers!.changes > restored);
    expect((await t.gql(ORDERS, {}, editor)).errors).toBeUndefined();
  });

  it('refuses a token at once after changePassword on this instance', async () => {
    await headersFor(t, 'basic', tokens);
    const login = await t.gql<{ login: { token: string } }>(`mutation { login(input: { name: "basic", password: "basic" }) { token } }`);
    const old = { authorization: `Bearer ${login.data!.login.token}` };
    expect(statements(await t.gql(ME, {}, old))).toBeLessThanOrEqual(1);
    expect(statements(await t.gql(ME, {}, old))).toBe(0);
    const changed = await t.gql(`mutation { changePassword(input: { oldPassword: "basic", newPassword: "basic-password-2" }) { token } }`, {}, old);
    expect(changed.errors).toBeUndefined();
    const refused = await t.gql(ME, {}, old);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('turns itself off when its listening session is lost, reads every account meanwhile, and comes back', async () => {
    const editor = await headersFor(t, 'editor', tokens);
    await t.gql(ME, {}, editor);
    expect(statements(await t.gql(ME, {}, editor))).toBe(0);
    expect(await health()).toMatchObject({ status: 'ok', viewerCache: 'on' });
    expect(await metric()).toBe('retrofun_viewer_cache_on 1');
    await other.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'retrofun-listen' and datname = current_database()`);
    await until(() => !t.app.viewers!.active);
    expect(statements(await t.gql(ME, {}, editor))).toBe(1);
    expect(statements(await t.gql(ME, {}, editor))).toBe(1);
    // Off is not down: the service answers, /health says so with 200.
    expect(await health()).toEqual({ status: 'ok', database: 'postgresql', viewerCache: 'off' });
    expect(await metric()).toBe('retrofun_viewer_cache_on 0');
    await until(() => t.app.viewers!.active, 10_000);
    expect(await health()).toMatchObject({ viewerCache: 'on' });
    await t.gql(ME, {}, editor);
    expect(statements(await t.gql(ME, {}, editor))).toBe(0);
  });

  it('forgets every account when users is truncated, and a deleted account signs nobody in', async () => {
    const admin = await headersFor(t, 'admin', tokens);
    const created = await t.gql(`mutation { createUser(input: { name: "leaver", password: "leaver-password" }) { user { name } } }`, {}, admin);
    expect(created.errors).toBeUndefined();
    const login = await t.gql<{ login: { token: string } }>(`mutation { login(input: { name: "leaver", password: "leaver-password" }) { token } }`);
    const leaver = { authorization: `Bearer ${login.data!.login.token}` };
    await t.gql(ME, {}, leaver);
    await t.gql(ME, {}, admin);
    expect(statements(await t.gql(ME, {}, leaver))).toBe(0);
    expect(statements(await t.gql(ME, {}, admin))).toBe(0);
    let heard = t.app.viewers!.changes;
    await other.query(`delete from users where name = 'leaver'`);
    await until(() => t.app.viewers!.changes > heard);
    expect((await t.gql(ME, {}, leaver)).data).toEqual({ me: null });
    heard = t.app.viewers!.changes;
    await other.query(`truncate users cascade`);
    await until(() => t.app.viewers!.changes > heard);
    expect((await t.gql(ME, {}, admin)).data).toEqual({ me: null });
  });
});

describe.runIf(postgres && direct !== undefined)('viewer cache listening through PgBouncer in transaction mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ viewerCache: { enabled: true } });
  });
  afterAll(() => t?.close());

  it('stays off, as no session of its own hears notifications there: every signed-in request reads its account', async () => {
    expect(t.app.viewers?.active).toBe(false);
    const editor = await headersFor(t, 'editor', new Map());
    for (let i = 0; i < 3; i++) expect(statements(await t.gql(ME, {}, editor))).toBe(1);
  });
});

describe.runIf(postgres)('viewer cache whose notifications do not arrive', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Listening on another database: notifications are per database, so the probe sent through the
    // service's pool never arrives there, as through PgBouncer in transaction mode.
    const elsewhere = new URL(process.env.TEST_DATABASE_URL!);
    elsewhere.pathname = '/postgres';
    t = await startTestApp({ viewerCache: { enabled: true, listenUrl: elsewhere.toString() } });
  });
  afterAll(() => t?.close());

  it('stays off: every signed-in request reads its account', async () => {
    expect(t.app.viewers?.active).toBe(false);
    const editor = await headersFor(t, 'editor', new Map());
    for (let i = 0; i < 3; i++) expect(statements(await t.gql(ME, {}, editor))).toBe(1);
  });
});
