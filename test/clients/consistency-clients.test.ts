import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsistencyToken, consistencyLink, consistentFetch } from '../../client/consistency.js';
import { encodeToken } from '../../src/graphql/consistency.js';
import { toGlobalId } from '../../src/graphql/node.js';
import { startTestApp, gqlAt, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { caughtUp, eventually, holdReplica, replicaAdmin, withReplayPaused } from '../support/replica.js';
import { ROOT } from '../support/process.js';
import { testDialect } from '../support/target.js';

const PLACE_ORDER = `mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`;
const ORDERS_OF = `query OrdersOf($id: ID!) { customer(id: $id) { id orders(first: 100) { nodes { id } } } }`;

interface Placed {
  placeOrder: { order: { id: string } };
}
interface OrdersOf {
  customer: { orders: { nodes: { id: string }[] } };
}

/** One client as an app would use it: place an order, then read the customer's orders. */
interface Frontend {
  token: ConsistencyToken;
  placeOrder(variables: Record<string, unknown>): Promise<string>;
  orderIds(customerId: string): Promise<string[]>;
}

// The clients as docs/frontend.md shows them; `auth` stands for the app's Authorization header.
function apolloFrontend(url: string, auth: Record<string, string>): Frontend {
  // from docs: Apollo Client
  const token = new ConsistencyToken();
  const client = new ApolloClient({
    link: ApolloLink.from([consistencyLink(token), new HttpLink({ uri: url, headers: auth })]),
    cache: new InMemoryCache(),
  });
  // end
  return {
    token,
    placeOrder: async (variables) => (await client.mutate<Placed>({ mutation: gql(PLACE_ORDER), variables })).data!.placeOrder.order.id,
    orderIds: async (id) => (await client.query<OrdersOf>({ query: gql(ORDERS_OF), variables: { id }, fetchPolicy: 'network-only' })).data!.customer.orders.nodes.map((o) => o.id),
  };
}

function urqlFrontend(url: string, auth: Record<string, string>): Frontend {
  // from docs: urql
  const token = new ConsistencyToken();
  const client = new Client({ url, exchanges: [fetchExchange], fetch: consistentFetch(token), fetchOptions: { headers: auth } });
  // end
  return {
    token,
    placeOrder: async (variables) => (await client.mutation<Placed>(PLACE_ORDER, variables).toPromise()).data!.placeOrder.order.id,
    orderIds: async (id) => (await client.query<OrdersOf>(ORDERS_OF, { id }, { requestPolicy: 'network-only' }).toPromise()).data!.customer.orders.nodes.map((o) => o.id),
  };
}

function fetchFrontend(url: string, auth: Record<string, string>): Frontend {
  // from docs: fetch
  const token = new ConsistencyToken();
  const request = consistentFetch(token);
  const graphql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query, variables }) });
    return ((await response.json()) as { data: T }).data;
  };
  // end
  return {
    token,
    placeOrder: async (variables) => (await graphql<Placed>(PLACE_ORDER, variables)).placeOrder.order.id,
    orderIds: async (id) => (await graphql<OrdersOf>(ORDERS_OF, { id })).customer.orders.nodes.map((o) => o.id),
  };
}

const clients = [
  ['Apollo Client', apolloFrontend],
  ['urql', urqlFrontend],
  ['fetch', fetchFrontend],
] as const;

const orderOf = (customerId: string) => ({ input: { customerId, items: [{ productId: toGlobalId('Product', 1), quantity: 1 }] } });

/** A customer of the test database, placed through the service; its global id. */
async function newCustomer(t: TestApp, editor: Record<string, string>, name: string): Promise<string> {
  const res = await gqlAt<{ placeOrder: { order: { customer: { id: string } } } }>(
    t.app.url,
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { customer { id } } } }`,
    { input: { customer: { name }, items: [{ productId: toGlobalId('Product', 1), quantity: 1 }] } },
    editor,
  );
  return res.data!.placeOrder.order.customer.id;
}

describe('docs/frontend.md quotes the tested code', () => {
  it('has every block marked `// from <file>` verbatim in that file, and names each client set-up tested here', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/frontend.md'), 'utf8');
    const blocks = [...doc.matchAll(/```ts\n\/\/ from ([^\n]+)\n([\s\S]*?)```/g)];
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const here = readFileSync(path.join(ROOT, 'test/clients/consistency-clients.test.ts'), 'utf8');
    const setups = new Map([...here.matchAll(/ {2}\/\/ from docs: ([^\n]+)\n([\s\S]*?) {2}\/\/ end\n/g)].map((m) => [m[1]!, m[2]!.replace(/^ {2}/gm, '')]));
    expect([...setups.keys()]).toEqual(['Apollo Client', 'urql', 'fetch']);
    for (const [, file, code] of blocks) {
      const source = file === 'test/clients/consistency-clients.test.ts' ? [...setups.values()].join('\n') : readFileSync(path.join(ROOT, file!), 'utf8');
      expect(source, `docs/frontend.md's block from ${file}`).toContain(code!.trimEnd());
    }
    for (const setup of setups.values()) expect(doc).toContain(setup.trimEnd());
  });
});

describe('the consistency token with Apollo Client, urql and fetch (their real packages), without replicas', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  let customerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
    customerId = await newCustomer(t, editor, 'Client Customer');
  }, 60_000);
  afterAll(() => t?.close());

  it.each(clients)('%s places an order and reads it back; it keeps the token on PostgreSQL, none on SQLite', async (_, make) => {
    const app = make(t.app.url, editor);
    const id = await app.placeOrder(orderOf(customerId));
    if (testDialect() === 'postgresql') expect(app.token.value).toMatch(/^[A-Za-z0-9_-]+$/);
    else expect(app.token.value).toBeUndefined();
    expect(await app.orderIds(customerId)).toContain(id);
  });

  it.each(clients)('%s sends a token it holds, which a service without replicas accepts', async (_, make) => {
    const app = make(t.app.url, editor);
    app.token.value = encodeToken('0/1');
    expect((await app.orderIds(customerId)).length).toBeGreaterThan(0);
    app.token.value = 'not a token';
    // The service refuses it: proof that the client sent it.
    await expect(app.orderIds(customerId)).rejects.toThrow();
  });
});

describe.runIf(testDialect() === 'postgresql' && replicaAdmin)(
  'the consistency token with Apollo Client, urql and fetch against a real streaming replica (PostgreSQL with TEST_REPLICA_URL only)',
  () => {
    let t: TestApp;
    let editor: Record<string, string>;
    let customerId: string;
    let replica: Awaited<ReturnType<typeof holdReplica>> | undefined;

    beforeAll(async () => {
      replica = await holdReplica();
      const db = await createTestDatabase();
      const url = new URL(replicaAdmin!);
      url.pathname = new URL(db.config.url).pathname;
      t = await startTestApp({ replicas: { urls: [url.toString()], maxLagSeconds: 0, checkIntervalMs: 600_000 } }, undefined, db);
      editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
      customerId = await newCustomer(t, editor, 'Replica Client Customer');
      await caughtUp();
      await eventually('the replica serves reads', async () => {
        await t.app.replicas!.check();
        return t.app.replicas!.statuses[0]?.state === 'up';
      });
    }, 120_000);

    afterAll(async () => {
      await t?.close();
      await replica?.release();
    });

    it.each(clients)('%s reads its own order at once while the replica has not replayed it; a client without the token does not', async (_, make) => {
      await withReplayPaused(async () => {
        const app = make(t.app.url, editor);
        const id = await app.placeOrder(orderOf(customerId));
        expect(app.token.value).toBeDefined();
        expect(await app.orderIds(customerId)).toContain(id);
        expect(await make(t.app.url, editor).orderIds(customerId)).not.toContain(id);
      });
    });
  },
);
