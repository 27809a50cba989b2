import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenUrlFor } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startService, until as untilOutput, type RunningCluster } from '../support/cluster.js';
import { sseSubscribe, until, wsSubscribe, type Received } from '../support/live.js';

const PRODUCT_CHANGED = `subscription { productChanged { name price } }`;

/**
 * Two workers (node:cluster) as `npm start` runs them: a write through either worker reaches the
 * subscribers of both (PostgreSQL: NOTIFY through the listening session; SQLite: the primary
 * relays each commit), and SIGTERM completes every subscription and closes every socket cleanly.
 */
describe('subscriptions across the workers of a cluster (WEB_CONCURRENCY=2)', () => {
  let db: TestDatabase | undefined;
  let service: RunningCluster | undefined;
  const subscribers: Received[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    const listen = listenUrlFor(db.config);
    service = await startService({
      NODE_ENV: 'development',
      WEB_CONCURRENCY: '2',
      DATABASE_URL: db.config.url,
      JWT_SECRET: 'k'.repeat(48),
      LOG_LEVEL: 'info',
      // Behind PgBouncer (CI): the listening session goes to PostgreSQL itself, and no named prepared statements.
      ...(listen && { DATABASE_LISTEN_URL: listen }),
      ...(db.config.dialect === 'postgresql' && db.config.preparedStatements !== undefined && { DATABASE_PREPARED_STATEMENTS: String(db.config.preparedStatements) }),
    });
    const s = service;
    await untilOutput(() => s.workers().length === 2, 'two workers', s.output);
  }, 120_000);
  afterAll(async () => {
    for (const r of subscribers) r.dispose();
    if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
    await service?.exited;
    await db?.drop();
  });

  it('delivers a write made through one worker to subscribers on both, then SIGTERM completes them and closes with 1001', async () => {
    const url = service!.url;
    // New connections alternate between the workers: four WebSockets and an event stream cover both.
    for (let i = 0; i < 4; i++) subscribers.push(wsSubscribe(url, PRODUCT_CHANGED));
    subscribers.push(sseSubscribe(url, PRODUCT_CHANGED));
    const post = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as { data?: Record<string, never>; errors?: unknown[] };
    };
    const login = await post(`mutation { login(input: { name: "editor", password: "editor" }) { token } }`);
    const editor = { authorization: `Bearer ${(login.data as unknown as { login: { token: string } }).login.token}` };
    const product = ((await post(`{ products(first: 1) { nodes { id } } }`)).data as unknown as { products: { nodes: { id: string }[] } }).products.nodes[0]!;
    // Subscribing is asynchronous: keep writing until every subscriber has heard one, then one more that all must hear.
    let price = 100;
    for (let round = 0; round < 50 && !subscribers.every((s) => s.results.length > 0); round++) {
      await post(`mutation($id: ID!, $p: Float!) { updateProduct(input: { productId: $id, price: $p }) { product { price } } }`, { id: product.id, p: ++price }, editor);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const last = ++price;
    await post(`mutation($id: ID!, $p: Float!) { updateProduct(input: { productId: $id, price: $p }) { product { price } } }`, { id: product.id, p: last }, editor);
    await until(() => subscribers.every((s) => s.results.some((r) => (r.data?.productChanged as { price?: number } | undefined)?.price === last)), 'the last write on every subscriber', 10_000);

    service!.child.kill('SIGTERM');
    const exit = await service!.exited;
    expect(exit.code).toBe(0);
    await until(() => subscribers.every((s) => s.completed), 'every subscription completed', 5_000);
    expect(subscribers.slice(0, 4).map((s) => s.closed?.code)).toEqual([1001, 1001, 1001, 1001]);
  }, 60_000);
});
