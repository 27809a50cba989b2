import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { GraphQLResponse, TestApp } from '../support/app.js';
import { startAsEditor } from '../support/auth.js';

type Counted = { totalCount: number; totalCountIsExact: boolean };
const statements = (res: GraphQLResponse) => (res.extensions!.sql as { statements: number }).statements;
const postgres = process.env.TEST_DB === 'postgresql';
const STRATEGIES = ['lazy', 'batched', 'eager'] as const;

/**
 * totalCount's modes (issue 31, point 3) on the demo data (12 orders; 1 to 4 page views per
 * article), with the cap set to 2 so that small data goes past it.
 */
describe('totalCount(mode:) and totalCountIsExact', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  const CAP = 2;
  beforeAll(async () => ({ t, editor } = await startAsEditor({ counts: { mode: 'capped', cap: CAP } })));
  afterAll(() => t?.close());

  const orders = (count: string, strategy: (typeof STRATEGIES)[number] = 'eager', headers = editor) =>
    t.gql<{ orders: Counted & { nodes: { id: string }[] } }>(`{ orders(first: 2) { ${count} nodes { id } } }`, {}, { ...headers, 'x-loading-strategy': strategy });

  it.each(STRATEGIES)('capped by default (%s): the cap and false beyond it, in the statement the page costs anyway under eager', async (strategy) => {
    const without = await orders('', strategy);
    const capped = await orders('totalCount totalCountIsExact', strategy);
    expect(capped.errors).toBeUndefined();
    expect(capped.data!.orders).toMatchObject({ totalCount: CAP, totalCountIsExact: false });
    // Both fields share one count; eager counts inside the page's statement.
    expect(statements(capped)).toBe(statements(without) + (strategy === 'eager' ? 0 : 1));
    const named = await orders('totalCount(mode: CAPPED) totalCountIsExact(mode: CAPPED)', strategy);
    expect(named.data!.orders).toEqual(capped.data!.orders);
  });

  it.each(STRATEGIES)('EXACT counts every row (%s), one statement as before', async (strategy) => {
    const without = await orders('', strategy);
    const exact = await orders('totalCount(mode: EXACT) totalCountIsExact(mode: EXACT)', strategy);
    expect(exact.errors).toBeUndefined();
    expect(exact.data!.orders).toMatchObject({ totalCount: 12, totalCountIsExact: true });
    expect(statements(exact)).toBe(statements(without) + (strategy === 'eager' ? 0 : 1));
  });

  it('is exact below the cap and at it: a filter matching few rows', async () => {
    const { data } = await t.gql<{ customers: { nodes: { id: string }[] } }>('{ customers(first: 8) { nodes { id } } }', {}, editor);
    for (const { id } of data!.customers.nodes) {
      const res = await t.gql<{ exact: Counted; capped: Counted }>(
        `query($id: ID!) { exact: orders(filter: { customerId: $id }) { totalCount(mode: EXACT) } capped: orders(filter: { customerId: $id }) { totalCount totalCountIsExact } }`,
        { id },
        editor,
      );
      expect(res.data!.exact.totalCount).toBeLessThanOrEqual(CAP);
      expect(res.data!.capped).toEqual({ totalCount: res.data!.exact.totalCount, totalCountIsExact: true });
    }
  });

  it(`ESTIMATED: ${postgres ? "the planner's estimate" : 'SQLite has none: the cap'} beyond the cap, flagged inexact`, async () => {
    const capped = await orders('totalCount');
    const estimated = await orders('totalCount(mode: ESTIMATED) totalCountIsExact(mode: ESTIMATED)');
    expect(estimated.errors).toBeUndefined();
    expect(estimated.data!.orders.totalCountIsExact).toBe(false);
    if (postgres) {
      expect(estimated.data!.orders.totalCount).toBeGreaterThanOrEqual(CAP);
      // The bounded count rides along; past the cap, one EXPLAIN more.
      expect(statements(estimated)).toBe(statements(capped) + 1);
    } else {
      expect(estimated.data!.orders.totalCount).toBe(CAP);
      expect(statements(estimated)).toBe(statements(capped));
    }
    const small = await t.gql<{ orders: Counted }>('{ orders(search: "zzz-nobody") { totalCount(mode: ESTIMATED) totalCountIsExact(mode: ESTIMATED) } }', {}, editor);
    expect(small.errors).toBeUndefined();
    expect(small.data!.orders).toEqual({ totalCount: 0, totalCountIsExact: true });
  });

  it('two modes in one query through aliases: each its own count', async () => {
    const res = await orders('a: totalCount(mode: EXACT) b: totalCount totalCountIsExact');
    expect(res.data!.orders).toMatchObject({ a: 12, b: CAP, totalCountIsExact: false });
  });

  it.each(STRATEGIES)('nested connections count capped per parent (%s), through a link table too', async (strategy) => {
    const query = (mode: string) =>
      `{ blogArticles(first: 8) { nodes { views(first: 1) { totalCount${mode} totalCountIsExact${mode} } } }
         countries(first: 10) { nodes { products(first: 1) { totalCount${mode} totalCountIsExact${mode} } } }
         filtered: countries(first: 10) { nodes { products(first: 1, filter: { nameContains: "o" }) { totalCount${mode} totalCountIsExact${mode} } } } }`;
    type Res = { blogArticles: { nodes: { views: Counted }[] }; countries: { nodes: { products: Counted }[] }; filtered: { nodes: { products: Counted }[] } };
    const headers = { ...editor, 'x-loading-strategy': strategy };
    const exact = await t.gql<Res>(query('(mode: EXACT)'), {}, headers);
    const capped = await t.gql<Res>(query(''), {}, headers);
    expect(exact.errors).toBeUndefined();
    expect(capped.errors).toBeUndefined();
    const expected = (c: Counted) => (c.totalCount > CAP ? { totalCount: CAP, totalCountIsExact: false } : c);
    const views = exact.data!.blogArticles.nodes.map((n) => n.views);
    expect(views.some((c) => c.totalCount > CAP) && views.some((c) => c.totalCount <= CAP)).toBe(true);
    expect(capped.data!.blogArticles.nodes.map((n) => n.views)).toEqual(views.map(expected));
    const products = exact.data!.countries.nodes.map((n) => n.products);
    expect(products.some((c) => c.totalCount > CAP)).toBe(true);
    expect(capped.data!.countries.nodes.map((n) => n.products)).toEqual(products.map(expected));
    // The filter applies to the capped count as to the exact one (through the link table's join).
    const filtered = exact.data!.filtered.nodes.map((n) => n.products);
    expect(filtered).not.toEqual(products);
    expect(capped.data!.filtered.nodes.map((n) => n.products)).toEqual(filtered.map(expected));
    // ESTIMATED counts nested connections capped.
    const estimated = await t.gql<Res>(query('(mode: ESTIMATED)'), {}, headers);
    expect(estimated.data).toEqual(capped.data);
  });

  it('refuses a mode that is not one, with a code', async () => {
    const literal = await orders('totalCount(mode: ALL)');
    expect(literal.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.errors![0]!.message).toMatch(/CountMode/);
    const variable = await t.gql('query($m: CountMode) { orders { totalCount(mode: $m) } }', { m: 'ALL' }, editor);
    expect(variable.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(variable.errors![0]!.message).toMatch(/CountMode/);
  });

  it('counts nothing for a role that may not read the rows', async () => {
    const res = await orders('totalCount(mode: EXACT) totalCountIsExact(mode: EXACT)', 'eager', {});
    expect(res.data?.orders ?? null).toBeNull();
    expect(res.errors![0]!.extensions!.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  it('prices an exact count once per connection, and refuses one per parent of a big page', async () => {
    const root = await orders('totalCount(mode: EXACT)');
    const cost = (res: GraphQLResponse) => (res.extensions!.cost as { requested: number }).requested;
    expect(cost(root)).toBe(2 + 10_000);
    expect(cost(await orders('totalCount(mode: EXACT) totalCountIsExact(mode: EXACT) again: totalCount(mode: EXACT)'))).toBe(2 + 10_000);
    expect(cost(await orders('... on OrderConnection { totalCount(mode: EXACT) }'))).toBe(2 + 10_000);
    expect(cost(await orders('totalCount'))).toBe(2);
    const nested = await t.gql('{ customers(first: 100) { nodes { orders(first: 1) { totalCount(mode: EXACT) } } } }', {}, editor);
    expect(nested.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(nested.errors![0]!.extensions!.cost).toBe(100 + 100 * (1 + 10_000));
  });
});

describe('COUNT_MODE and COUNT_CAP', () => {
  it('default to capped at 10,000, and refuse what they do not know', () => {
    expect(loadConfig({}).counts).toEqual({ mode: 'capped', cap: 10_000 });
    expect(loadConfig({ COUNT_MODE: 'estimated', COUNT_CAP: '500' }).counts).toEqual({ mode: 'estimated', cap: 500 });
    expect(() => loadConfig({ COUNT_MODE: 'approximate' })).toThrow(/COUNT_MODE/);
    expect(() => loadConfig({ COUNT_CAP: '0' })).toThrow(/COUNT_CAP/);
  });
});
