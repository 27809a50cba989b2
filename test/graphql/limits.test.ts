import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { SqlStatementCounter } from '../../src/db/sql-stats.js';
import { postAt, startTestApp, type TestApp } from '../support/app.js';

/** The attacks of the audit, each refused before it costs anything, with a code and a reason. */
describe('request limits', () => {
  let t: TestApp;
  let tight: TestApp;
  const post = (app: TestApp, query: string, headers: Record<string, string> = {}) => postAt(app.app.url, query, undefined, headers);

  beforeAll(async () => {
    t = await startTestApp();
    tight = await startTestApp({ limits: { ...loadConfig({}).limits, statements: 5 } });
  });
  afterAll(async () => {
    await t?.close();
    await tight?.close();
  });

  it('refuses the 262-byte report that took 9.8 s, with its cost, before any SQL', async () => {
    const query = `{ reviewStats(groupBy:[CUSTOMER,PRODUCT,RATING], first:1000) { key { product { countries { products(first:100) { nodes { countries { products(first:100) { totalCount nodes { name } edges { cursor node { name } } } } } } } } } } }`;
    const { status, body } = await post(t, query, { 'x-loading-strategy': 'lazy' });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    const error = body.errors![0]!;
    // 1,000 rows × (100 products + 100 × 100 products): the countries between them multiply nothing.
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 1_000 + 1_000 * (100 + 100 * 100), limit: 500_000 });
    expect(error.message).toMatch(/^This operation would cost 10101000, above the limit of 500000/);
    expect(body.extensions?.sql).toEqual({ statements: 0, strategy: 'lazy' });
  });

  it('costs one document by its variables each time (costs are remembered per document and variables)', async () => {
    const query = `query($n: Int!, $r: Int!) { manufacturers(first: $n) { nodes { products(first: $n) { nodes { reviews(first: $r) { nodes { rating } } } } } } }`;
    const cost = async (n: number, r: number) => {
      const { status, body } = await postAt(t.app.url, query, { n, r });
      return status === 200 ? (body.extensions!.cost as { requested: number }).requested : body.errors![0]!.extensions!.code;
    };
    const nodes = (n: number, r: number) => n + n * n + n * n * r;
    expect(await cost(10, 5)).toBe(nodes(10, 5));
    expect(await cost(100, 100)).toBe('QUERY_TOO_COMPLEX');
    expect(await cost(10, 5)).toBe(nodes(10, 5));
    expect(await cost(100, 5)).toBe(nodes(100, 5));
    // More variable sets than a document remembers: each is still costed, none confused with another.
    for (let n = 1; n <= 40; n++) expect(await cost(n, 2)).toBe(nodes(n, 2));
    expect(await cost(100, 100)).toBe('QUERY_TOO_COMPLEX');
  });

  it('admits a big but reasonable page: 100 products with 20 reviews each', async () => {
    const { status, body } = await post(t, `{ products(first: 100) { nodes { name reviews(first: 20) { nodes { rating customer { name } } } } } }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    // 100 products + 100 × 20 reviews; a review's customer is one object, counted with its review.
    expect(body.extensions?.cost).toEqual({ requested: 100 + 100 * 20, limit: 500_000 });
  });

  it('admits what GitHub admits: 100 manufacturers × 100 products with their countries (issue 28), and three connections up to 500,000 nodes', async () => {
    const issue = await post(t, `{ manufacturers(first: 100) { nodes { products(first: 100) { nodes { name countries { name } } } } } }`);
    expect(issue.status).toBe(200);
    expect(issue.body.errors).toBeUndefined();
    expect(issue.body.extensions?.cost).toEqual({ requested: 100 + 100 * 100, limit: 500_000 });
    const deep = await post(t, `{ manufacturers(first: 100) { nodes { products(first: 100) { nodes { reviews(first: 48) { nodes { rating } } } } } } }`);
    expect(deep.status).toBe(200);
    expect(deep.body.errors).toBeUndefined();
    expect(deep.body.extensions?.cost).toEqual({ requested: 100 + 100 * 100 + 100 * 100 * 48, limit: 500_000 });
  });

  it('refuses what GitHub refuses, over 500,000 nodes, before any SQL', async () => {
    const { status, body } = await post(t, `{ manufacturers(first: 100) { nodes { products(first: 100) { nodes { reviews(first: 49) { nodes { rating } } } } } } }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 100 + 100 * 100 + 100 * 100 * 49, limit: 500_000 });
    expect(body.extensions?.sql).toMatchObject({ statements: 0 });
  });

  it.each([
    ['a connection without first: 20', `{ products { nodes { name } } }`, 20],
    ['last counts as first', `{ products(last: 7) { nodes { name } } }`, 7],
    ['edges and nodes are the same page', `{ products(first: 10) { edges { node { name } } nodes { name } } }`, 10],
    [
      'single objects and plain lists are free and multiply nothing',
      `{ products(first: 10) { nodes { manufacturer { name } countries { name products(first: 5) { nodes { name } } } } } }`,
      10 + 10 * 5,
    ],
    ['nodes(ids:) counts its ids', `{ nodes(ids: ["UHJvZHVjdDox", "UHJvZHVjdDoy", "TWFudWZhY3R1cmVyOjE"]) { id } }`, 3],
    ['a report counts its rows: 100 without first', `{ reviewStats(groupBy: [PRODUCT]) { count key { product { name } } } }`, 100],
    ['a report counts its first', `{ reviewStats(groupBy: [PRODUCT], first: 1000) { count } }`, 1_000],
    ['aliases add up', `{ a: products(first: 10) { nodes { name } } b: manufacturers(first: 30) { nodes { products(first: 2) { nodes { name } } } } }`, 10 + 30 + 30 * 2],
    ['a single object costs nothing', `{ product(id: "UHJvZHVjdDox") { name manufacturer { name } } }`, 0],
  ])('costs nodes as GitHub counts them: %s', async (_label, query, expected) => {
    const { body } = await post(t, query);
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.cost).toEqual({ requested: expected, limit: 500_000 });
  });

  it('admits the full introspection query GraphiQL and codegen send', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const { status, body } = await post(t, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true }));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.cost).toEqual({ requested: 0, limit: 500_000 });
  });

  it("refuses 500 aliases: the audit's 500 product pages stop at the token limit, cheap ones at the alias limit", async () => {
    const pages = Array.from({ length: 500 }, (_, i) => `a${i}: products(first: 100) { nodes { name reviews(first: 100) { nodes { rating } } } }`).join(' ');
    const heavy = await post(t, `{ ${pages} }`);
    expect(heavy.status).toBe(400);
    expect(heavy.body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    const light = await post(t, `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect(light.status).toBe(400);
    expect(light.body.errors![0]).toMatchObject({ message: 'The operation uses 500 aliases; the limit is 30', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' } });
  });

  it('measures a chain of fragments that doubles 26 times without expanding it', async () => {
    const fragments = Array.from({ length: 26 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const query = `query Chain { ...F0 } ${fragments} fragment F26 on Query { __typename }`;
    const { status, body } = await post(t, query);
    expect(status).toBe(400);
    expect(body.errors!.map((e) => e.message)).toContain(`Operation "Chain" selects ${2 ** 26} fields once its fragments are expanded; the limit is 1000`);
  });

  it.each([
    ['a fragment cycle', `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, /Cannot spread fragment "A" within itself via "B"/],
    ['an unknown fragment', `{ ...Nowhere }`, /Unknown fragment "Nowhere"/],
  ])('reports %s as an ordinary validation error (400), never a crash', async (_label, query, message) => {
    const { status, body } = await post(t, query);
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors![0]!.message).toMatch(message);
  });

  it('stops parsing past the token limit', async () => {
    const { status, body } = await post(t, `{ ${'__typename '.repeat(6_000)} }`);
    expect(status).toBe(400);
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(body.errors![0]!.message).toMatch(/Document contains more that 5000 tokens/);
  });

  it('refuses more directives than the limit', async () => {
    const { status, body } = await post(t, `{ products(first: 1) { nodes { ${Array.from({ length: 31 }, (_, i) => `n${i}: name @include(if: true)`).join(' ')} } } }`);
    expect(status).toBe(400);
    expect(body.errors!.map((e) => e.message)).toContain('The operation uses 31 directives; the limit is 30');
  });

  it('stops a request past its statement budget with STATEMENT_LIMIT_EXCEEDED', async () => {
    const { status, body } = await post(tight, `{ products(first: 10) { nodes { name manufacturer { name } } } }`, { 'x-loading-strategy': 'lazy' });
    expect(status).toBe(200);
    const codes = new Set(body.errors!.map((e) => e.extensions!.code));
    expect([...codes]).toEqual(['STATEMENT_LIMIT_EXCEEDED']);
    expect(body.errors![0]!.message).toMatch(/more than 5 SQL statements/);
    // The same request fits when batched.
    const batched = await post(tight, `{ products(first: 10) { nodes { name manufacturer { name } } } }`, { 'x-loading-strategy': 'batched' });
    expect(batched.body.errors).toBeUndefined();
  });

  it('refuses statements once a request is past its deadline', () => {
    // The clock is faked: with a real one, a 1 ms deadline could pass before the first statement
    // on a loaded CI machine (it did), and a generous one would make the test slow.
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
    try {
      const counter = new SqlStatementCounter();
      counter.run(
        () => {
          expect(counter.onQuery('select 1')).toBe('select 1');
          vi.setSystemTime(1_000_000 + 100);
          expect(counter.onQuery('select 2')).toBe('select 2');
          vi.setSystemTime(1_000_000 + 101);
          expect(() => counter.onQuery('select 3')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'REQUEST_TIMEOUT' }) }));
        },
        { statements: 10, timeoutMs: 100 },
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it.runIf(process.env.TEST_DB === 'postgresql')('sets PostgreSQL statement_timeout to the request time limit', async () => {
    const rows = await t.app.orm.em.fork().getConnection().execute<{ statement_timeout: string }[]>('show statement_timeout');
    expect(rows[0]!.statement_timeout).toBe('10s');
  });
});
