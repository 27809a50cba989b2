import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../../src/app.js';
import { CONSISTENCY_HEADER, decodeToken, encodeToken } from '../../src/graphql/consistency.js';
import { toGlobalId } from '../../src/graphql/node.js';
import { gqlAt, testConfig, type TestApp } from '../support/app.js';
import { headersFor, startAsEditor, type Who } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { caughtUp, eventually, holdReplica, one, replicaAdmin, servedBy, withReplayPaused } from '../support/replica.js';
import { testDialect } from '../support/target.js';

const PLACE_ORDER = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id customer { id } } } }`;
const ORDERS_OF = `query($id: ID!) { customer(id: $id) { orders(first: 100) { nodes { id } } } }`;

/** Places an order of one product; the answer's token (header and extensions) and the order. */
async function placeOrder(url: string, headers: Record<string, string>, input: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: PLACE_ORDER, variables: { input: { ...input, items: [{ productId: toGlobalId('Product', 1), quantity: 1 }] } } }),
  });
  const body = (await res.json()) as { data?: { placeOrder: { order: { id: string; customer: { id: string } } } | null }; errors?: unknown[]; extensions?: { consistencyToken?: string } };
  return { status: res.status, header: res.headers.get(CONSISTENCY_HEADER), extension: body.extensions?.consistencyToken, order: body.data?.placeOrder?.order, errors: body.errors };
}

async function orderIdsOf(url: string, customerId: string, headers: Record<string, string>): Promise<string[]> {
  const res = await gqlAt<{ customer: { orders: { nodes: { id: string }[] } } }>(url, ORDERS_OF, { id: customerId }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.customer.orders.nodes.map((o) => o.id);
}

describe('consistency tokens (X-Consistency-Token), without replicas', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  const postgres = testDialect() === 'postgresql';

  beforeAll(async () => ({ t, editor } = await startAsEditor()), 60_000);
  afterAll(() => t?.close());

  it(`answers a committed mutation with its token on PostgreSQL, in the header and in extensions; none on SQLite`, async () => {
    const placed = await placeOrder(t.app.url, editor, { customer: { name: 'Token Holder' } });
    expect(placed.errors).toBeUndefined();
    if (postgres) {
      expect(placed.header).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(placed.extension).toBe(placed.header);
      // At or past the commit: what the primary inserted before this moment.
      const { lsn } = await one<{ lsn: string }>(t.db.config.url, 'select pg_current_wal_insert_lsn()::text as lsn');
      expect(decodeToken(placed.header!)).toBeLessThanOrEqual(decodeToken(encodeToken(lsn))!);
      expect(decodeToken(placed.header!)).toBeGreaterThan(0n);
    } else {
      expect(placed.header).toBeNull();
      expect(placed.extension).toBeUndefined();
    }
  });

  it('gives no token when nothing was committed (the mutation failed and was rolled back)', async () => {
    const res = await fetch(t.app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...editor },
      body: JSON.stringify({ query: PLACE_ORDER, variables: { input: { customer: { name: 'Rolled Back' }, items: [{ productId: toGlobalId('Product', 999_999), quantity: 1 }] } } }),
    });
    const body = (await res.json()) as { errors?: { extensions: { code: string } }[]; extensions?: { consistencyToken?: string } };
    expect(body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(res.headers.get(CONSISTENCY_HEADER)).toBeNull();
    expect(body.extensions?.consistencyToken).toBeUndefined();
  });

  it('accepts a well-formed token on any request (SQLite and a primary alone ignore it)', async () => {
    const token = encodeToken('FFFFFFFF/FFFFFFFF');
    const res = await gqlAt<{ products: { totalCount: number } }>(t.app.url, `{ products { totalCount } }`, {}, { [CONSISTENCY_HEADER]: token });
    expect(res.errors).toBeUndefined();
    expect(res.data!.products.totalCount).toBeGreaterThan(0);
  });

  it.each([['not a token'], ['cGc6eno'], [Buffer.from('pg:0/0 ').toString('base64url')], [Buffer.from('mysql:0/0').toString('base64url')], ['x'.repeat(65)]])(
    'refuses a malformed token %j with 400 CONSISTENCY_TOKEN_INVALID, on queries and mutations',
    async (token) => {
      for (const query of [`{ products { totalCount } }`, PLACE_ORDER]) {
        const res = await fetch(t.app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CONSISTENCY_HEADER]: token, ...editor },
          body: JSON.stringify({ query, variables: { input: { customer: { name: 'Never Placed' }, items: [{ productId: toGlobalId('Product', 1), quantity: 1 }] } } }),
        });
        expect(res.status).toBe(400);
        const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
        expect(body.errors[0]!.extensions.code).toBe('CONSISTENCY_TOKEN_INVALID');
        expect(body.errors[0]!.message).toMatch(/x-consistency-token/i);
        expect(body.data).toBeUndefined();
      }
      expect((await gqlAt<{ customers: { nodes: { name: string }[] } }>(t.app.url, `{ customers(first: 100) { nodes { name } } }`, {}, editor)).data!.customers.nodes.map((c) => c.name)).not.toContain(
        'Never Placed',
      );
    },
  );

  it('lets a browser on an allowed origin send the token and read it (CORS)', async () => {
    const res = await fetch(t.app.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': CONSISTENCY_HEADER },
    });
    expect(res.headers.get('access-control-allow-headers')).toContain(CONSISTENCY_HEADER);
    const answer = await fetch(t.app.url, { method: 'POST', headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(answer.headers.get('access-control-expose-headers')).toContain(CONSISTENCY_HEADER);
  });
});

describe.runIf(testDialect() === 'postgresql' && replicaAdmin)('consistency tokens against a real streaming replica (PostgreSQL with TEST_REPLICA_URL only: SQLite has no replicas)', () => {
  let db: TestDatabase;
  let replica: Awaited<ReturnType<typeof holdReplica>> | undefined;
  let app: App;
  let editor: Record<string, string>;
  let customerId: string;

  beforeAll(async () => {
    replica = await holdReplica();
    db = await createTestDatabase();
    const url = new URL(replicaAdmin!);
    url.pathname = new URL(db.config.url).pathname;
    // No lag limit: a paused replica stays `up`, so that only the token can send reads to the primary.
    const config = testConfig(db.config, { replicas: { urls: [url.toString()], maxLagSeconds: 0, checkIntervalMs: 600_000 } });
    app = await bootstrap({ config, port: 0 });
    const t: Pick<TestApp, 'app' | 'gql'> = { app, gql: (q, v, h) => gqlAt(app.url, q, v, h) };
    editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
    customerId = (await placeOrder(app.url, editor, { customer: { name: 'Replica Customer' } })).order!.customer.id;
    await caughtUp();
    await eventually('the replica serves reads', async () => {
      await app.replicas!.check();
      return app.replicas!.statuses[0]?.state === 'up';
    });
  }, 120_000);

  afterAll(async () => {
    await one(replicaAdmin!, 'select pg_wal_replay_resume()').catch(() => undefined);
    await app?.close();
    await db?.drop();
    await replica?.release();
  });

  it("serves the token's holder from the primary until the replica has replayed its order; everyone else still reads the replica", async () => {
    const { order, token } = await withReplayPaused(async () => {
      const placed = await placeOrder(app.url, editor, { customerId });
      expect(placed.errors).toBeUndefined();
      const holder = { ...editor, [CONSISTENCY_HEADER]: placed.header! };
      // The holder sees the order at once, every read of its request on the primary.
      expect(await orderIdsOf(app.url, customerId, holder)).toContain(placed.order!.id);
      expect(await servedBy(app.url, holder)).toBe('primary');
      // Without the token: the paused replica's answer, without the order.
      expect(await orderIdsOf(app.url, customerId, editor)).not.toContain(placed.order!.id);
      expect(await servedBy(app.url, editor)).toBe('replica');
      return { order: placed.order!, token: placed.header! };
    });
    await caughtUp();
    // No check has run since: the request itself asks the replica how far it has replayed.
    const holder = { ...editor, [CONSISTENCY_HEADER]: token };
    expect(await servedBy(app.url, holder)).toBe('replica');
    expect(await orderIdsOf(app.url, customerId, holder)).toContain(order.id);
  }, 60_000);

  it('sends a request whose token no replica has reached to the primary, and other requests to the replica', async () => {
    const future = encodeToken('FFFFFFFF/FFFFFFFF');
    expect(await servedBy(app.url, { [CONSISTENCY_HEADER]: future })).toBe('primary');
    expect(await servedBy(app.url)).toBe('replica');
  });
});
