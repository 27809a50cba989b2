import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '../../seeders/demo-data.js';
import { startTestApp, type TestApp } from '../support/app.js';

interface Page {
  totalCount?: number;
  nodes: { name: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PRODUCTS = `query P($first: Int, $after: String, $last: Int, $before: String, $orderBy: [ProductOrder!]) {
  products(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount nodes { name } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Expected orders, computed from the demo data by hand (ids follow insertion order only loosely, so ties use names). */
const byYearDescName = [...demo.products].sort((a, b) => b.year - a.year || byText(a.name, b.name)).map((p) => p.name);

describe('connections: pagination and ordering', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function products(variables: Record<string, unknown>) {
    const res = await t.gql<{ products: Page }>(PRODUCTS, variables);
    return res;
  }

  async function walk(orderBy: unknown, size: number, backward = false): Promise<string[]> {
    const names: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res = await products(backward ? { last: size, before: cursor, orderBy } : { first: size, after: cursor, orderBy });
      expect(res.errors).toBeUndefined();
      const page = res.data!.products;
      expect(page.nodes.length).toBeLessThanOrEqual(size);
      if (backward) names.unshift(...page.nodes.map((n) => n.name));
      else names.push(...page.nodes.map((n) => n.name));
      const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
      if (!more) break;
      cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
    }
    return names;
  }

  it('pages forward and backward through a keyset order with several columns', async () => {
    const orderBy = [
      { field: 'YEAR', direction: 'DESC' },
      { field: 'NAME', direction: 'ASC' },
    ];
    expect(await walk(orderBy, 4)).toEqual(byYearDescName);
    expect(await walk(orderBy, 5, true)).toEqual(byYearDescName);
  });

  it('keeps cursors stable when rows are added before them (keyset)', async () => {
    const orderBy = [{ field: 'NAME', direction: 'ASC' }];
    const first = await products({ first: 3, orderBy });
    const names = [...demo.products.map((p) => p.name)].sort(byText);
    expect(first.data!.products.nodes.map((n) => n.name)).toEqual(names.slice(0, 3));
    const next = await products({ first: 3, after: first.data!.products.pageInfo.endCursor, orderBy });
    expect(next.data!.products.nodes.map((n) => n.name)).toEqual(names.slice(3, 6));
    expect(next.data!.products.pageInfo.hasPreviousPage).toBe(true);
  });

  it('pages by position through an order on a nullable column (price), nulls included once', async () => {
    const orderBy = [{ field: 'PRICE', direction: 'DESC' }];
    const all = await walk(orderBy, 7);
    expect(all).toHaveLength(demo.products.length);
    expect(new Set(all).size).toBe(demo.products.length);
    const priceOf = (name: string) => demo.products.find((p) => p.name === name)!.price;
    const prices = all.map(priceOf).filter((p) => p !== null);
    expect(prices).toEqual(
      demo.products
        .map((p) => p.price)
        .filter((p) => p !== null)
        .sort((a, b) => b - a),
    );
    // Nulls last in both directions, on both databases.
    expect(priceOf(all.at(-1)!)).toBeNull();
    const ascending = await walk([{ field: 'PRICE', direction: 'ASC' }], 10);
    expect(priceOf(ascending.at(-1)!)).toBeNull();
    // Backward paging by position needs a `before` cursor.
    const last = await products({ last: 3, orderBy });
    expect(last.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'last' });
    const page2 = await products({ first: 6, orderBy });
    const back = await products({ last: 3, before: page2.data!.products.pageInfo.endCursor, orderBy });
    expect(back.data!.products.nodes.map((n) => n.name)).toEqual(all.slice(2, 5));
    expect(back.data!.products.pageInfo.hasPreviousPage).toBe(true);
  });

  it.each([
    [{ first: 2, last: 2 }, 'last', /either "first" or "last"/],
    [{ last: 101 }, 'last', /at most 100/],
    [{ orderBy: [{ field: 'NAME' }, { field: 'NAME' }] }, 'orderBy', /twice/],
    [{ after: 'garbage' }, 'after', /not a cursor/],
  ])('rejects %o with BAD_USER_INPUT', async (variables, argument, message) => {
    const res = await products(variables);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(res.errors![0]!.message).toMatch(message);
  });

  it('refuses a cursor made for another order', async () => {
    const byName = await products({ first: 2 });
    const res = await products({ first: 2, after: byName.data!.products.pageInfo.endCursor, orderBy: [{ field: 'YEAR', direction: 'ASC' }] });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('limits nested connections per parent, in one statement per level', async () => {
    const query = `{ manufacturers(first: 50) { nodes { name products(first: 2, orderBy: [{ field: YEAR, direction: DESC }]) { totalCount nodes { name } pageInfo { hasNextPage } } } } }`;
    const res = await t.gql<{ manufacturers: { nodes: { name: string; products: Page }[] } }>(query, {}, { 'x-loading-strategy': 'batched' });
    expect(res.errors).toBeUndefined();
    for (const m of res.data!.manufacturers.nodes) {
      const own = demo.products.filter((p) => p.manufacturer === m.name).sort((a, b) => b.year - a.year || 0);
      expect(m.products.totalCount).toBe(own.length);
      expect(m.products.nodes.map((n) => n.name)).toHaveLength(Math.min(2, own.length));
      expect(m.products.nodes.map((n) => demo.products.find((p) => p.name === n.name)!.year)).toEqual(own.slice(0, 2).map((p) => p.year));
      expect(m.products.pageInfo.hasNextPage).toBe(own.length > 2);
    }
    // manufacturers, their product pages, the per-manufacturer counts: 3 statements for 13 manufacturers.
    expect(res.extensions!.sql).toEqual({ statements: 3, strategy: 'batched' });
  });

  it('pages a nested connection with its own cursor', async () => {
    const query = `query($after: String) { manufacturers(filter: { nameContains: "commodore" }) { nodes { products(first: 2, after: $after) { nodes { name } pageInfo { endCursor hasNextPage } } } } }`;
    type R = { manufacturers: { nodes: { products: Page }[] } };
    const one = await t.gql<R>(query, {});
    const p1 = one.data!.manufacturers.nodes[0]!.products;
    const two = await t.gql<R>(query, { after: p1.pageInfo.endCursor });
    const p2 = two.data!.manufacturers.nodes[0]!.products;
    const commodore = demo.products
      .filter((p) => p.manufacturer === 'Commodore')
      .map((p) => p.name)
      .sort(byText);
    expect([...p1.nodes, ...p2.nodes].map((n) => n.name)).toEqual(commodore.slice(0, 4));
  });
});
