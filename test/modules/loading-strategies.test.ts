import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const QUERY = `query P($n: Int) {
  products(first: $n, orderBy: [{ field: NAME, direction: ASC }]) {
    nodes { name manufacturer { name } countries { name } reviews(first: 3) { nodes { rating customer { name } } } }
  }
}`;

interface Sql {
  statements: number;
  strategy: string;
}

describe('loading strategies (the acceptance query)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function run(strategy: string, n: number) {
    const res = await t.gql(QUERY, { n }, { 'x-loading-strategy': strategy });
    expect(res.errors).toBeUndefined();
    return { data: res.data, sql: res.extensions!.sql as Sql };
  }

  it('lazy grows with the page size; batched and eager do not', async () => {
    const [lazy2, lazy20] = [await run('lazy', 2), await run('lazy', 20)];
    expect(lazy20.sql.statements).toBeGreaterThan(lazy2.sql.statements);
    const [batched2, batched20] = [await run('batched', 2), await run('batched', 20)];
    expect(batched2.sql.statements).toBe(batched20.sql.statements);
    // Root, manufacturer, countries, reviews, review customers: one statement per level.
    expect(batched20.sql.statements).toBe(5);
    const [eager2, eager20] = [await run('eager', 2), await run('eager', 20)];
    expect(eager2.sql.statements).toBe(eager20.sql.statements);
    expect(eager20.sql.statements).toBeLessThanOrEqual(batched20.sql.statements);
  });

  it('returns identical JSON under every strategy and reports the strategy used', async () => {
    const runs = await Promise.all(['lazy', 'batched', 'eager'].map((s) => run(s, 20)));
    for (const r of runs) expect(r.data).toEqual(runs[0]!.data);
    expect(runs.map((r) => r.sql.strategy)).toEqual(['lazy', 'batched', 'eager']);
  });

  it('counts statements per request even when requests run concurrently', async () => {
    const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => run(i % 2 ? 'batched' : 'lazy', 20)));
    const lazy = runs.filter((r) => r.sql.strategy === 'lazy').map((r) => r.sql.statements);
    const batched = runs.filter((r) => r.sql.strategy === 'batched').map((r) => r.sql.statements);
    expect(new Set(lazy).size).toBe(1);
    expect(batched).toEqual([5, 5, 5]);
  });

  it('uses the server default without the header, and rejects an unknown strategy', async () => {
    const res = await t.gql(QUERY, { n: 2 });
    expect((res.extensions!.sql as Sql).strategy).toBe(t.config.loadingStrategy);
    const bad = await fetch(t.app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-loading-strategy': 'psychic' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});

/**
 * Eager reads a nested connection in its parents' own statement (a correlated window query
 * aggregated to JSON, row-queries.ts): the pages must be what batched's separate window query
 * returns, for every argument a client can pass, aliases included.
 */
describe("nested connections embedded in their parents' statement (eager)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const NESTED = `query N($after: String, $first: Int) {
    manufacturers(first: 20) {
      nodes {
        name
        newest: products(first: $first, after: $after, orderBy: [{ field: YEAR, direction: DESC }]) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { name year price manufacturer { name } countries { name } } }
        }
        z80: products(first: 3, filter: { cpu: "Z80" }) { totalCount nodes { name cpu } }
        rated: products(first: 2, orderBy: [{ field: AVERAGE_RATING, direction: DESC }]) { nodes { name averageRating } }
      }
    }
  }`;

  async function both(variables: Record<string, unknown>) {
    const [batched, eager] = await Promise.all(
      ['batched', 'eager'].map(async (strategy) => {
        const res = await t.gql(NESTED, variables, { 'x-loading-strategy': strategy });
        expect(res.errors).toBeUndefined();
        return { data: res.data as { manufacturers: { nodes: { newest: { pageInfo: { endCursor: string | null }; edges: unknown[] } }[] } }, sql: res.extensions!.sql as Sql };
      }),
    );
    expect(eager!.data).toEqual(batched!.data);
    return { batched: batched!, eager: eager! };
  }

  it("returns batched's pages, cursors and counts, in fewer statements", async () => {
    const first = await both({ first: 2 });
    const pages = first.eager.data.manufacturers.nodes.map((m) => m.newest);
    expect(pages.some((p) => p.edges.length === 2)).toBe(true);
    // One statement for manufacturers, the three pages (their nodes' manufacturer joined, countries
    // embedded) and the two totals asked for, one for the average ratings — against batched's
    // statements per connection.
    expect(first.eager.sql.statements).toBe(2);
    expect(first.batched.sql.statements).toBeGreaterThan(first.eager.sql.statements);
    // The next page after a cursor, and a page size of one, embed the same way.
    const cursor = pages.find((p) => p.edges.length === 2)!.pageInfo.endCursor;
    const next = await both({ first: 1, after: cursor });
    expect(next.eager.sql.statements).toBe(2);
  });

  it('keeps a "?" in a filter or cursor a value, not a placeholder of the outer statement', async () => {
    // SQLite's nameContains is `regexp '(?i)…'`, and a subquery's values are inlined into the
    // outer statement, which MikroORM formats again with its own values.
    const QUERY = `query Q($q: String) {
      products(first: 3, filter: { nameContains: $q }) { totalCount nodes { name } }
      manufacturers(first: 5, filter: { nameContains: "o" }) { nodes { products(first: 2, filter: { nameContains: $q }) { totalCount nodes { name } } } }
    }`;
    for (const q of ['?', 'o', '(?i)']) {
      const [batched, eager] = await Promise.all(['batched', 'eager'].map((s) => t.gql(QUERY, { q }, { 'x-loading-strategy': s })));
      expect(eager!.errors, q).toBeUndefined();
      expect(eager!.data, q).toEqual(batched!.data);
      expect((eager!.extensions!.sql as Sql).statements, q).toBe(2);
    }
    const some = await t.gql(QUERY, { q: 'o' }, { 'x-loading-strategy': 'eager' });
    expect((some.data as { products: { totalCount: number } }).products.totalCount).toBeGreaterThan(3);
  });
});
