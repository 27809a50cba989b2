import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor } from '../support/auth.js';
import { until, wsSubscribe, type Received } from '../support/live.js';

const postgres = process.env.TEST_DB === 'postgresql';
const ORDER_PLACED = `subscription { orderPlaced { id customer { name } items { quantity product { name manufacturer { name } } } } }`;

/**
 * The listening session lost (PostgreSQL restarted, the connection cut): subscribers are not
 * dropped, and what was committed while it was down is delivered, in order, once it is back.
 */
describe.runIf(postgres)('subscriptions when the listening session is lost (PostgreSQL)', () => {
  let t: TestApp;
  let admin: pg.Client;
  const open: Received[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    admin = new pg.Client({ connectionString: t.db.config.url });
    await admin.connect();
  });
  afterAll(async () => {
    for (const r of open) r.dispose();
    await admin?.end();
    await t?.close();
  });

  it('keeps its subscribers and delivers every order committed meanwhile, with a bounded number of statements per event', async () => {
    const editor = await headersFor(t, 'editor', new Map());
    const sub = wsSubscribe(t.app.url, ORDER_PLACED, { authorization: editor.authorization });
    open.push(sub);
    await until(() => t.app.live.subscribers === 1, 'subscribed');
    const ids = await t.gql<{ customers: { nodes: { id: string }[] }; products: { nodes: { id: string }[] } }>(
      `{ customers(first: 1) { nodes { id } } products(first: 2) { nodes { id } } }`,
      {},
      editor,
    );
    const place = async (product: string) => {
      const res = await t.gql<{ placeOrder: { order: { id: string } } }>(
        `mutation($c: ID!, $p: ID!) { placeOrder(input: { customerId: $c, items: [{ productId: $p, quantity: 1 }] }) { order { id } } }`,
        { c: ids.data!.customers.nodes[0]!.id, p: product },
        editor,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.placeOrder.order.id;
    };
    const first = await place(ids.data!.products.nodes[0]!.id);
    await until(() => sub.results.length === 1, 'first order');
    // The order, its customer, its items, their products and manufacturers: a bounded plan, however many subscribers.
    expect((sub.results[0]!.extensions!.sql as { statements: number }).statements).toBeLessThanOrEqual(3);

    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'retrofun-listen' and datname = current_database()`);
    const meanwhile = [await place(ids.data!.products.nodes[1]!.id), await place(ids.data!.products.nodes[0]!.id)];
    await until(() => sub.results.length === 3, 'the orders committed while not listening', 10_000);
    expect(sub.results.map((r) => (r.data as { orderPlaced: { id: string } }).orderPlaced.id)).toEqual([first, ...meanwhile]);
    expect(sub.completed).toBe(false);
  }, 30_000);
});
