import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/node.js';
import { postAt, startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

/** Private fields refuse themselves, not the whole answer: public data survives, HTTP 200. */
describe('partial data under authorization', () => {
  let t: TestApp;
  const tokens = new Map<Who, Record<string, string>>();
  const post = (query: string, headers: Record<string, string> = {}) => postAt(t.app.url, query, undefined, headers);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it.each([
    ['anonymous', 'UNAUTHENTICATED'],
    ['basic', 'FORBIDDEN'],
  ] as const)('%s asking for products and orders gets the products and %s for orders', async (who, code) => {
    const { status, body } = await post(`{ products(first: 2) { nodes { name } } orders(first: 2) { totalCount } salesStats(groupBy: [MANUFACTURER]) { revenue } }`, await headersFor(t, who, tokens));
    expect(status).toBe(200);
    expect((body.data!.products as { nodes: unknown[] }).nodes).toHaveLength(2);
    expect(body.data!.orders).toBeNull();
    expect(body.data!.salesStats).toBeNull();
    expect(body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['orders'], code],
      [['salesStats'], code],
    ]);
  });

  it('shows anonymous readers who wrote a page, not their role', async () => {
    const { status, body } = await post(`{ page(name: "FrontPage") { name creator { name role } } }`);
    expect(status).toBe(200);
    expect(body.data).toEqual({ page: { name: 'FrontPage', creator: { name: 'editor', role: null } } });
    expect(body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['page', 'creator', 'role'], 'UNAUTHENTICATED']]);
  });

  it('shows roles to signed-in users, and to the login payload', async () => {
    const { body } = await post(`{ page(name: "FrontPage") { creator { role } } }`, await headersFor(t, 'basic', tokens));
    expect(body).toEqual({ data: { page: { creator: { role: 'EDITOR' } } }, extensions: expect.anything() });
    const login = await post(`mutation { login(input: { name: "basic", password: "basic" }) { user { name role } } }`);
    expect(login.body.errors).toBeUndefined();
    expect(login.body.data).toEqual({ login: { user: { name: 'basic', role: 'BASIC' } } });
  });

  it('does not look staff accounts up by id for anonymous readers', async () => {
    const em = t.app.orm.em.fork();
    const { User } = await import('../../src/modules/wiki/user.entity.js');
    const basic = await em.findOneOrFail(User, { name: 'basic' });
    const id = toGlobalId('User', basic.id);
    const anonymous = await post(`{ node(id: "${id}") { id ... on User { name } } products(first: 1) { totalCount } }`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data!.node).toBeNull();
    expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((anonymous.body.data!.products as { totalCount: number }).totalCount).toBeGreaterThan(0);
    const signedIn = await post(`{ node(id: "${id}") { ... on User { name } } }`, await headersFor(t, 'basic', tokens));
    expect(signedIn.body.data).toEqual({ node: { name: 'basic' } });
  });

  it('still refuses a whole request whose token is bad, with 401', async () => {
    const { status, body } = await post(`{ products(first: 1) { totalCount } }`, { authorization: 'Bearer not-a-token' });
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
