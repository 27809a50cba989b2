import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const QUERY = `query Few { products(first: 2, orderBy: [{ field: NAME }]) { totalCount nodes { id name } } }`;
// The first two demo products by name.
const EXPECTED = {
  products: {
    totalCount: 28,
    nodes: [
      { id: 'UHJvZHVjdDoyMA', name: 'Acorn Archimedes' },
      { id: 'UHJvZHVjdDoz', name: 'Amiga 1200' },
    ],
  },
};

/** Standard clients with their defaults, against the real service. */
describe('GraphQL clients with their defaults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('urql (queries over GET)', async () => {
    const requests: string[] = [];
    const client = new Client({
      url: t.app.url,
      exchanges: [cacheExchange, fetchExchange],
      preferGetMethod: true,
      fetch: (input, init) => {
        requests.push(init?.method ?? 'GET');
        return fetch(input, init);
      },
    });
    const result = await client.query(QUERY, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject(EXPECTED);
    expect(requests).toEqual(['GET']);
  });

  it('graphql-request', async () => {
    expect(await new GraphQLClient(t.app.url).request(QUERY)).toMatchObject(EXPECTED);
  });

  it('Apollo Client', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: t.app.url }), cache: new InMemoryCache() });
    const { data } = await client.query({ query: gql(QUERY) });
    expect(data).toMatchObject(EXPECTED);
  });

  it('plain fetch', async () => {
    const res = await fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    expect(((await res.json()) as { data: unknown }).data).toMatchObject(EXPECTED);
  });
});

describe('browsers: playground, CORS, compression', () => {
  let t: TestApp;
  let closed: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ corsOrigins: ['https://shop.example.com'] });
    closed = await startTestApp({ playground: false });
  });
  afterAll(async () => {
    await t?.close();
    await closed?.close();
  });
  const base = (app: TestApp) => app.app.url.replace('/graphql', '');

  it('serves the playground to browsers at /graphql, / redirecting there, with its assets from this service', async () => {
    const page = await fetch(t.app.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>RetroFun GraphQL playground</title>');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const root = await fetch(`${base(t)}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/graphql']);
    const script = await fetch(`${base(t)}/playground/ruru.js`, { headers: { 'accept-encoding': 'br' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('does not serve it when PLAYGROUND is off (production default)', async () => {
    const page = await fetch(closed.app.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).not.toMatch(/html/);
    expect((await fetch(`${base(closed)}/playground/ruru.js`)).status).toBe(404);
  });

  it('answers preflights from listed origins, allowing the headers the API reads, and nothing to others', async () => {
    const preflight = (origin: string) =>
      fetch(t.app.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-loading-strategy' } });
    const allowed = await preflight('https://shop.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-loading-strategy');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-request-id');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    // A page of that origin may read the request id of an answer (to quote it in a report) and a mutation's consistency token.
    const answer = await fetch(t.app.url, { method: 'POST', headers: { origin: 'https://shop.example.com', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-request-id,x-consistency-token');
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const stranger = await preflight('https://evil.example.net');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('compresses JSON answers above 1 KB', async () => {
    const res = await fetch(t.app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: '{ products(first: 28) { nodes { name year cpu } } }' }),
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as { data: { products: { nodes: unknown[] } } }).data.products.nodes).toHaveLength(28);
  });
});
