import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ensureUser, headersFor, type Who } from '../support/auth.js';
import { sseSubscribe, until, wsSubscribe, type Received } from '../support/live.js';

const PRODUCT_CHANGED = `subscription($id: ID) { productChanged(id: $id) { id name price manufacturer { name } countries { name } } }`;
const ORDER_PLACED = `subscription($customerId: ID, $after: String) { orderPlaced(customerId: $customerId, after: $after) { id customer { name } items { quantity product { name manufacturer { name } } } } }`;
const REVIEW_ADDED = `subscription($productId: ID) { reviewAdded(productId: $productId) { rating comment product { name } } }`;

type Product = { id: string; name: string; price: number };

/** A result's root field, as the test expects it. */
function payload<T>(result: Received['results'][number], field: string): T {
  return (result.data as Record<string, T>)[field]!;
}

describe('subscriptions over graphql-ws and graphql-sse', () => {
  let t: TestApp;
  const tokens = new Map<Who, Record<string, string>>();
  let editor: Record<string, string>;
  let products: Product[];
  let customers: string[];
  const open: Received[] = [];
  const track = <T extends Received>(r: T): T => {
    open.push(r);
    return r;
  };

  beforeAll(async () => {
    t = await startTestApp();
    editor = await headersFor(t, 'editor', tokens);
    products = (await t.gql<{ products: { nodes: Product[] } }>(`{ products(first: 3) { nodes { id name price } } }`)).data!.products.nodes;
    customers = (await t.gql<{ customers: { nodes: { id: string }[] } }>(`{ customers(first: 2) { nodes { id } } }`, {}, editor)).data!.customers.nodes.map((c) => c.id);
  });
  afterAll(async () => {
    for (const r of open) r.dispose();
    await t?.close();
  });

  const subscribers = () => t.app.live.subscribers;
  const subscribed = (n: number) => until(() => subscribers() >= n, `${n} subscribers`);
  const setPrice = async (product: Product, price: number) => {
    const res = await t.gql(`mutation($id: ID!, $price: Float!) { updateProduct(input: { productId: $id, price: $price }) { product { price } } }`, { id: product.id, price }, editor);
    expect(res.errors).toBeUndefined();
  };
  const placeOrder = async (customerId: string, product: Product) => {
    const res = await t.gql<{ placeOrder: { order: { id: string } } }>(
      `mutation($c: ID!, $p: ID!) { placeOrder(input: { customerId: $c, items: [{ productId: $p, quantity: 2 }] }) { order { id } } }`,
      { c: customerId, p: product.id },
      editor,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.placeOrder.order.id;
  };
  const done = (r: Received) => r.dispose();
  // Each test starts with no subscription open, so that counts are its own.
  beforeEach(async () => {
    for (const r of open.splice(0)) r.dispose();
    await until(() => subscribers() === 0, 'no subscription left open');
  });

  it("delivers a committed change with the subscriber's selection, one execution per event for every subscriber of the same selection", async () => {
    const before = subscribers();
    const three = [0, 1, 2].map(() => track(wsSubscribe(t.app.url, PRODUCT_CHANGED)));
    await subscribed(before + 3);
    const executions = t.app.live.executions;
    await setPrice(products[0]!, 111.5);
    await until(() => three.every((r) => r.results.length === 1), 'the event on all three');
    for (const r of three) {
      const [result] = r.results;
      expect(result!.errors).toBeUndefined();
      expect(result!.data).toEqual({ productChanged: { id: products[0]!.id, name: products[0]!.name, price: 111.5, manufacturer: { name: expect.any(String) }, countries: expect.any(Array) } });
      expect(result!.extensions?.cursor).toEqual(expect.any(String));
      // The product, its manufacturer and its countries: one statement (the eager strategy's join) plus one for the countries.
      expect((result!.extensions!.sql as { statements: number }).statements).toBeLessThanOrEqual(2);
    }
    expect(t.app.live.executions - executions).toBe(1);
    for (const r of three) done(r);
  });

  it('filters by argument, and never announces a write that rolled back', async () => {
    const mine = track(wsSubscribe(t.app.url, PRODUCT_CHANGED, { variables: { id: products[1]!.id } }));
    await subscribed(1);
    // Both fields in one operation: the second fails, so the first is rolled back with it.
    const failed = await t.gql(
      `mutation($id: ID!) { a: updateProduct(input: { productId: $id, price: 5 }) { product { price } } b: updateProduct(input: { productId: "UHJvZHVjdDo5OTk5OTk=", price: 6 }) { product { price } } }`,
      { id: products[1]!.id },
      editor,
    );
    expect(failed.errors?.map((e) => e.extensions?.code)).toContain('ROLLED_BACK');
    await setPrice(products[2]!, 7);
    await setPrice(products[1]!, 8);
    await until(() => mine.results.length >= 1, 'the second product changed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mine.results.map((r) => payload<{ price: number }>(r, 'productChanged').price)).toEqual([8]);
    mine.dispose();
  });

  it('orderPlaced: editors only (UNAUTHENTICATED without a token, FORBIDDEN for basic), for one customer when asked', async () => {
    const anonymous = track(wsSubscribe(t.app.url, ORDER_PLACED));
    const basic = track(wsSubscribe(t.app.url, ORDER_PLACED, { authorization: (await headersFor(t, 'basic', tokens)).authorization }));
    await until(() => anonymous.completed && basic.completed, 'both refused');
    expect(anonymous.results[0]?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(basic.results[0]?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const before = subscribers();
    const all = track(wsSubscribe(t.app.url, ORDER_PLACED, { authorization: editor.authorization }));
    const second = track(wsSubscribe(t.app.url, ORDER_PLACED, { authorization: editor.authorization, variables: { customerId: customers[1] } }));
    await subscribed(before + 2);
    const first = await placeOrder(customers[0]!, products[0]!);
    const other = await placeOrder(customers[1]!, products[1]!);
    await until(() => all.results.length === 2 && second.results.length === 1, 'orders delivered');
    expect(all.results.map((r) => payload<{ id: string }>(r, 'orderPlaced').id)).toEqual([first, other]);
    expect(second.results[0]!.data).toMatchObject({ orderPlaced: { id: other, items: [{ quantity: 2, product: { name: products[1]!.name, manufacturer: { name: expect.any(String) } } }] } });
    all.dispose();
    second.dispose();
  });

  it('resumes after a cursor: what was missed first, then live, with no gap and no duplicate', async () => {
    const before = subscribers();
    const firstRun = track(wsSubscribe(t.app.url, ORDER_PLACED, { authorization: editor.authorization }));
    await subscribed(before + 1);
    await placeOrder(customers[0]!, products[0]!);
    await until(() => firstRun.results.length === 1, 'first order');
    const cursor = firstRun.results[0]!.extensions!.cursor as string;
    firstRun.dispose();
    await until(() => subscribers() === before, 'unsubscribed');
    const missed = [await placeOrder(customers[0]!, products[1]!), await placeOrder(customers[1]!, products[2]!)];
    const resumed = track(wsSubscribe(t.app.url, ORDER_PLACED, { authorization: editor.authorization, variables: { after: cursor } }));
    await subscribed(before + 1);
    const live = await placeOrder(customers[0]!, products[2]!);
    await until(() => resumed.results.length >= 3, 'replay and live');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(resumed.results.map((r) => payload<{ id: string }>(r, 'orderPlaced').id)).toEqual([...missed, live]);
    const cursors = resumed.results.map((r) => r.extensions!.cursor);
    expect(new Set(cursors).size).toBe(3);
    resumed.dispose();
  });

  it('refuses a cursor it cannot honour: malformed (BAD_USER_INPUT), older than the kept events (CURSOR_EXPIRED)', async () => {
    const bad = track(wsSubscribe(t.app.url, ORDER_PLACED, { authorization: editor.authorization, variables: { after: 'not-a-cursor' } }));
    await until(() => bad.completed, 'refused');
    expect(bad.results[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The first event ever, deleted as pruning would: a cursor that old cannot be resumed from.
    const em = t.app.orm.em.fork();
    const [oldest] = await em.getConnection().execute<{ id: number }[]>('select min(id) as id from live_events');
    await em.getConnection().execute('delete from live_events where id = ?', [oldest!.id]);
    const cursor = Buffer.from(`event:${oldest!.id}`).toString('base64url');
    const expired = track(wsSubscribe(t.app.url, ORDER_PLACED, { authorization: editor.authorization, variables: { after: cursor } }));
    await until(() => expired.completed, 'refused');
    expect(expired.results[0]?.errors?.[0]?.extensions?.code).toBe('CURSOR_EXPIRED');
  });

  it('serves graphql-sse in both modes, with the viewer of the Authorization header', async () => {
    const before = subscribers();
    const distinct = track(sseSubscribe(t.app.url, REVIEW_ADDED, { variables: { productId: products[2]!.id } }));
    const single = track(sseSubscribe(t.app.url, ORDER_PLACED, { singleConnection: true, authorization: editor.authorization }));
    await subscribed(before + 2);
    const review = await t.gql(
      `mutation($p: ID!, $c: ID!) { writeReview(input: { productId: $p, customerId: $c, rating: 4, comment: "live" }) { created } }`,
      { p: products[2]!.id, c: customers[0] },
      editor,
    );
    expect(review.errors).toBeUndefined();
    const order = await placeOrder(customers[1]!, products[0]!);
    await until(() => distinct.results.length === 1 && single.results.length === 1, 'both streams');
    expect(distinct.results[0]!.data).toEqual({ reviewAdded: { rating: 4, comment: 'live', product: { name: products[2]!.name } } });
    expect(payload<{ id: string }>(single.results[0]!, 'orderPlaced').id).toBe(order);
    distinct.dispose();
    single.dispose();
  });

  it('carries subscriptions only: a query over a WebSocket is refused with SUBSCRIPTIONS_ONLY, a subscription over plain HTTP with SUBSCRIPTIONS_NOT_SUPPORTED', async () => {
    const query = track(wsSubscribe(t.app.url, `{ products(first: 1) { nodes { name } } }`));
    await until(() => query.error !== undefined, 'refused');
    expect(JSON.stringify(query.error)).toContain('SUBSCRIPTIONS_ONLY');
    const http = await t.gql(`subscription { productChanged { name } }`);
    expect(http.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTIONS_NOT_SUPPORTED');
  });

  it('ends the subscriptions of a revoked token within a second (UNAUTHENTICATED, socket closed 4403), and of a role lowered (FORBIDDEN)', async () => {
    await headersFor(t, 'admin', tokens);
    const admin = tokens.get('admin')!;
    const leaver = await t.gql<{ createUser: { user: { id: string } } }>(
      `mutation { createUser(input: { name: "live-leaver", password: "live-leaver-password", role: EDITOR }) { user { id } } }`,
      {},
      admin,
    );
    expect(leaver.errors).toBeUndefined();
    const login = await t.gql<{ login: { token: string } }>(`mutation { login(input: { name: "live-leaver", password: "live-leaver-password" }) { token } }`);
    const auth = `Bearer ${login.data!.login.token}`;
    const before = subscribers();
    const watcher = track(wsSubscribe(t.app.url, ORDER_PLACED, { authorization: auth }));
    await subscribed(before + 1);
    const lowered = await t.gql(`mutation($id: ID!) { setUserRole(input: { userId: $id, role: BASIC }) { user { role } } }`, { id: leaver.data!.createUser.user.id }, admin);
    expect(lowered.errors).toBeUndefined();
    const at = Date.now();
    await until(() => watcher.completed, 'ended', 2_000);
    expect(Date.now() - at).toBeLessThan(1_500);
    expect(watcher.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const changed = await t.gql(`mutation { changePassword(input: { oldPassword: "live-leaver-password", newPassword: "live-leaver-password-2" }) { token } }`, {}, { authorization: auth });
    expect(changed.errors).toBeUndefined();
    const fresh = `Bearer ${(changed.data as { changePassword: { token: string } }).changePassword.token}`;
    const reviews = track(wsSubscribe(t.app.url, REVIEW_ADDED, { authorization: fresh }));
    await subscribed(before + 1);
    await t.gql(`mutation { changePassword(input: { oldPassword: "live-leaver-password-2", newPassword: "live-leaver-password-3" }) { token } }`, {}, { authorization: fresh });
    await until(() => reviews.closed !== undefined, 'closed', 2_000);
    expect(reviews.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(reviews.closed?.code).toBe(4403);
  });
});

describe('subscription limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ live: { connectionsPerAddress: 3, subscriptionsPerConnection: 2, subscriptionsPerAddress: 3, queue: 10, idleTimeoutMs: 300, flushIntervalMs: 25 } });
  });
  afterAll(() => t?.close());

  it('caps subscriptions per connection and per address (TOO_MANY_SUBSCRIPTIONS), connections per address (429 before the handshake), and closes an idle socket', async () => {
    const ws = track2(wsSubscribe(t.app.url, PRODUCT_CHANGED));
    const second = ws.client.subscribe({ query: REVIEW_ADDED }, sinkOf([]));
    const refused: unknown[] = [];
    ws.client.subscribe({ query: PRODUCT_CHANGED, variables: { id: 'UHJvZHVjdDox' } }, sinkOf(refused));
    await until(() => refused.length === 1, 'third refused');
    expect(JSON.stringify(refused[0])).toContain('TOO_MANY_SUBSCRIPTIONS');
    await until(() => t.app.live.subscribers === 2, 'two open');

    const other = track2(wsSubscribe(t.app.url, PRODUCT_CHANGED));
    await until(() => t.app.live.subscribers === 3, 'three open');
    const overAddress = track2(wsSubscribe(t.app.url, REVIEW_ADDED));
    // The third connection is allowed, but the address's fourth subscription is not.
    await until(() => overAddress.completed || overAddress.error !== undefined || overAddress.results.length > 0, 'refused');
    expect(JSON.stringify(overAddress.results[0] ?? overAddress.error)).toContain('TOO_MANY_SUBSCRIPTIONS');

    const third = track2(wsSubscribe(t.app.url, PRODUCT_CHANGED));
    await until(() => third.error !== undefined || third.closed !== undefined, 'fourth connection refused');
    expect(String((third.error as Error | undefined)?.message ?? JSON.stringify(third.error))).toMatch(/429|Unexpected server response/);
    second();
    ws.dispose();
    other.dispose();
    overAddress.dispose();

    // A connection with no subscription: closed after LIVE_IDLE_TIMEOUT_SECONDS (here 0.3 s), once the
    // connections above have given their places back.
    await until(() => t.app.live.subscribers === 0, 'all closed');
    const { default: WebSocket } = await import('ws');
    let closed: { code: number; reason: string } | undefined;
    for (let attempt = 0; !closed && attempt < 20; attempt++) {
      const socket = new WebSocket(t.app.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      closed = await new Promise<{ code: number; reason: string } | undefined>((resolve) => {
        socket.on('error', () => resolve(undefined)); // 429 while the places come back
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
        socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      });
      if (!closed) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(closed).toEqual({ code: 1000, reason: 'idle' });
  });
});

const opened: Received[] = [];
function track2<T extends Received>(r: T): T {
  opened.push(r);
  return r;
}
afterAll(() => {
  for (const r of opened) r.dispose();
});

function sinkOf(into: unknown[]) {
  return { next: (value: unknown) => into.push(value), error: (error: unknown) => into.push(error), complete: () => undefined };
}

describe('a service that falls behind its events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ live: { ...loadConfig({}).live, queue: 2 } });
  });
  afterAll(() => t?.close());

  it('ends the subscriptions of a group more than 10 × LIVE_QUEUE_LIMIT events behind, retryable, rather than queueing without bound', async () => {
    const editor = await headersFor(t, 'editor', new Map());
    const product = (await t.gql<{ products: { nodes: { id: string; price: number }[] } }>(`{ products(first: 1) { nodes { id price } } }`)).data!.products.nodes[0]!;
    const sub = track2(wsSubscribe(t.app.url, PRODUCT_CHANGED));
    await until(() => t.app.live.subscribers === 1, 'subscribed');
    // 60 events committed at once (as a burst of writes would), then one through the API that makes every process read them.
    const key = Buffer.from(product.id, 'base64').toString().split(':')[1]!;
    const values = Array.from({ length: 60 }, () => `('product', '${key}', null, ${t.db.config.dialect === 'postgresql' ? 'now()' : Date.now()})`).join(', ');
    await t.app.orm.em.getConnection().execute(`insert into live_events (topic, subject_id, other_id, created_at) values ${values}`);
    await t.gql(`mutation($id: ID!) { updateProduct(input: { productId: $id, price: 12.5 }) { product { price } } }`, { id: product.id }, editor);
    await until(() => sub.completed, 'ended', 10_000);
    const last = sub.results.at(-1)!;
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(sub.results.length).toBeLessThan(61);
  });
});

describe('subscriptions under TRUSTED_DOCUMENTS=require', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ trustedDocuments: { mode: 'require', bypassRoles: ['editor', 'admin'] } });
  });
  afterAll(() => t?.close());

  it('opens a trusted document by its id (extensions.documentId), refuses any other text with PERSISTED_QUERY_REQUIRED, except for a bypass role', async () => {
    const { ProductChangedDocument } = await import('../../client/generated/graphql.js');
    // As the client preset's persisted documents send it: the id, and an empty query (the protocol requires the string).
    const trusted = track2(wsSubscribe(t.app.url, '', { extensions: { documentId: ProductChangedDocument.__meta__!.hash } }));
    const other = track2(wsSubscribe(t.app.url, PRODUCT_CHANGED));
    await until(() => other.completed, 'refused');
    expect(other.results[0]?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
    await until(() => t.app.live.subscribers === 1, 'the trusted one open');
    expect(trusted.completed).toBe(false);
    // Signing in is a trusted document too (the orders page's).
    const { OrdersPageSignInDocument } = await import('../../client/generated/graphql.js');
    await ensureUser(t, 'editor');
    const login = await fetch(t.app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentId: OrdersPageSignInDocument.__meta__!.hash, variables: { name: 'editor', password: 'editor' } }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    track2(wsSubscribe(t.app.url, PRODUCT_CHANGED, { authorization: `Bearer ${token}` }));
    await until(() => t.app.live.subscribers === 2, "the editor's own text open");
  });
});
