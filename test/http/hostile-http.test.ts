import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

/** Whatever a client sends, the answer is GraphQL JSON with a code: never HTML, a stack or a path. */
describe('hostile HTTP', () => {
  let t: TestApp;
  const logs: string[] = [];
  const tokens = new Map<Who, Record<string, string>>();
  const send = async (init: RequestInit & { path?: string }) => {
    const res = await fetch(new URL(init.path ?? '/graphql', t.app.url), init);
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, headers: res.headers };
  };
  const expectCleanJson = (answer: { type: string; text: string }) => {
    expect(answer.type).toMatch(/^application\/(graphql-response\+)?json/);
    expect(answer.text).not.toMatch(/<html|<!DOCTYPE|\bat [\w.<>]+ \(|\/work\/|node_modules/i);
    return JSON.parse(answer.text) as { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown };
  };

  beforeAll(async () => {
    const sink = new Writable({
      write: (chunk: Buffer, _e, done) => {
        logs.push(chunk.toString());
        done();
      },
    });
    t = await startTestApp({}, pino({ level: 'debug' }, sink));
  });
  afterAll(() => t?.close());

  it.each([
    ['malformed JSON', { body: '{"query": "{ __typename }", "variables": {"password": "hunter2-secret"', headers: { 'content-type': 'application/json' } }, 400, 'BAD_REQUEST'],
    ['a charset it cannot read', { body: '{"query":"{ __typename }"}', headers: { 'content-type': 'application/json; charset=ebcdic' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an oversized body', { body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }), headers: { 'content-type': 'application/json' } }, 413, 'PAYLOAD_TOO_LARGE'],
  ] as const)('answers %s with JSON %i %s, and logs no body', async (_label, init, status, code) => {
    const answer = await send({ method: 'POST', ...init });
    expect(answer.status).toBe(status);
    expect(expectCleanJson(answer).errors![0]!.extensions!.code).toBe(code);
    expect(logs.join('')).not.toContain('hunter2-secret');
    expect(logs.join('')).toContain('refused an unreadable request');
  });

  it('answers an unknown path with JSON 404 that says where the API is', async () => {
    const answer = await send({ method: 'GET', path: '/wp-login.php' });
    expect(answer.status).toBe(404);
    expect(expectCleanJson(answer).errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: expect.stringContaining('POST /graphql') });
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('answers %s /graphql with JSON and a 4xx status', async (method) => {
    const answer = await send({ method, body: '{"query":"{ __typename }"}', headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.type).not.toMatch(/html/);
  });

  it('refuses a mutation over GET with 405', async () => {
    const answer = await send({
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { login(input: { name: "a", password: "b" }) { token } }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(answer.status).toBe(405);
  });

  it.each([
    ['in a variable', `query($s: String) { products(first: 1, filter: { nameContains: $s }) { totalCount } }`, { s: 'Ami\u0000ga' }, /\$s/],
    ['in a literal', `{ products(first: 1, filter: { nameContains: "Ami\\u0000ga" }) { totalCount } }`, undefined, /line 1/],
  ])('answers a NUL byte %s with BAD_USER_INPUT, on every database, every time', async (_label, query, variables, where) => {
    // Twice: the second time Apollo hands over the same parsed document, whose scan is remembered.
    for (let i = 0; i < 2; i++) {
      const answer = await send({ method: 'POST', body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json' } });
      const body = expectCleanJson(answer);
      expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(body.errors![0]!.message).toMatch(where);
    }
  });

  it('answers forged cursors with BAD_USER_INPUT, on every database', async () => {
    const page = await t.gql<{ products: { pageInfo: { endCursor: string } } }>(`{ products(first: 2, orderBy: [{ field: NAME }]) { pageInfo { endCursor } } }`);
    const [signature, kind, ...values] = JSON.parse(Buffer.from(page.data!.products.pageInfo.endCursor, 'base64url').toString()) as unknown[];
    const forge = (v: unknown[]) => Buffer.from(JSON.stringify([signature, kind, ...v])).toString('base64url');
    // A number JSON can carry and JavaScript cannot: parsed, it is Infinity (JSON.stringify would write null).
    const outOfRange = Buffer.from(JSON.stringify([signature, kind, values[0]]).replace(/]$/, ',1e400]')).toString('base64url');
    for (const forged of [forge([42, 'not-a-number']), forge([values[0], { d: 'not a date' }]), forge([{ $gt: '' }, 1]), outOfRange, 'AAAA', forge([values[0]])]) {
      const res = await t.gql(`query($c: String) { products(first: 2, orderBy: [{ field: NAME }], after: $c) { nodes { name } } }`, { c: forged });
      expect(res.errors?.[0]?.extensions, `${forged}: ${JSON.stringify(res)}`).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
  });

  it('sends security headers and no X-Powered-By', async () => {
    const answer = await send({ method: 'POST', body: '{"query":"{ __typename }"}', headers: { 'content-type': 'application/json' } });
    expect(answer.headers.get('x-powered-by')).toBeNull();
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('strict-transport-security')).toBeTruthy();
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('bounds slow clients: header and request timeouts, keep-alive and a connection cap', () => {
    expect(t.app.server.headersTimeout).toBe(10_000);
    expect(t.app.server.requestTimeout).toBe(30_000);
    expect(t.app.server.keepAliveTimeout).toBe(5_000);
    expect(t.app.server.maxConnections).toBe(1_000);
  });

  it('makes an idempotency key reused for a different order a CONFLICT, and scopes keys to each user', async () => {
    const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { replayed order { id } } }`;
    const products = (await t.gql<{ products: { nodes: { id: string; price: number | null }[] } }>(`{ products(first: 30) { nodes { id price } } }`)).data!.products.nodes.filter(
      (p) => p.price !== null,
    );
    const customers = (await t.gql<{ customers: { nodes: { id: string }[] } }>(`{ customers(first: 1) { nodes { id } } }`, {}, await headersFor(t, 'editor', tokens))).data!.customers.nodes;
    const order = (productId: string) => ({ input: { customerId: customers[0]!.id, idempotencyKey: 'key-reused-1', items: [{ productId, quantity: 1 }] } });
    type P = { placeOrder: { replayed: boolean; order: { id: string } } };
    const editor = await headersFor(t, 'editor', tokens);
    const first = await t.gql<P>(PLACE, order(products[0]!.id), editor);
    expect(first.data!.placeOrder.replayed).toBe(false);
    const again = await t.gql<P>(PLACE, order(products[0]!.id), editor);
    expect(again.data!.placeOrder).toEqual({ replayed: true, order: first.data!.placeOrder.order });
    const different = await t.gql<P>(PLACE, order(products[1]!.id), editor);
    expect(different.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    // Another user's identical key is theirs alone: a new order, not the editor's.
    const admin = await headersFor(t, 'admin', tokens);
    const theirs = await t.gql<P>(PLACE, order(products[0]!.id), admin);
    expect(theirs.data!.placeOrder.replayed).toBe(false);
    expect(theirs.data!.placeOrder.order.id).not.toBe(first.data!.placeOrder.order.id);
  });
});

describe('production posture', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ introspection: false });
  });
  afterAll(() => t?.close());

  it('turns introspection and "Did you mean" suggestions off', async () => {
    const intro = await t.gql(`{ __schema { types { name } } }`);
    expect(intro.errors![0]!.message).toMatch(/introspection is not allowed/i);
    const typo = await t.gql(`{ prodcts(first: 1) { totalCount } }`);
    expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
  });
});
