import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '../../seeders/demo-data.js';
import { stableUuid } from '../../seeders/stable-uuid.js';
import type { TestApp } from '../support/app.js';
import { headersFor, type Who, startAsEditor } from '../support/auth.js';
import { toGlobalId } from '../../src/graphql/node.js';

type Names = { nodes: { name?: string; title?: string }[]; totalCount: number };

describe('read API', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => ({ t, editor } = await startAsEditor()));
  afterAll(() => t?.close());

  /** Runs as an editor (orders and customers are editors-only); see the privacy tests for anonymous reads. */
  async function data<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await t.gql<T>(query, variables, editor);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  describe('filters answer the book questions', () => {
    it('products by case-insensitive name, cpu and year range', async () => {
      const r = await data<{ a: Names; b: Names }>(`{
        a: products(filter: { nameContains: "AMIGA" }) { totalCount nodes { name } }
        b: products(filter: { cpu: "Z80", yearFrom: 1980, yearTo: 1984 }, first: 100) { totalCount nodes { name } }
      }`);
      expect(r.a.nodes.map((n) => n.name).sort()).toEqual(['Amiga 1200', 'Amiga 500']);
      const z80 = demo.products.filter((p) => p.cpu === 'Z80' && p.year >= 1980 && p.year <= 1984).map((p) => p.name);
      expect(r.b.totalCount).toBe(z80.length);
      expect(r.b.nodes.map((n) => n.name).sort()).toEqual(z80.sort());
    });

    it('products by manufacturer and by country (global ids)', async () => {
      const ids = await data<{ manufacturers: { nodes: { id: string; name: string }[] }; countries: { nodes: { id: string; name: string }[] } }>(
        `{ manufacturers(first: 100) { nodes { id name } } countries { nodes { id name } } }`,
      );
      const apple = ids.manufacturers.nodes.find((m) => m.name === 'Apple')!.id;
      const japan = ids.countries.nodes.find((c) => c.name === 'Japan')!.id;
      const r = await data<{ a: Names; j: Names }>(
        `query($m: ID!, $c: ID!) { a: products(filter: { manufacturerId: $m }) { totalCount nodes { name } } j: products(filter: { countryId: $c }) { totalCount nodes { name } } }`,
        { m: apple, c: japan },
      );
      expect(r.a.nodes.map((n) => n.name).sort()).toEqual(
        demo.products
          .filter((p) => p.manufacturer === 'Apple')
          .map((p) => p.name)
          .sort(),
      );
      expect(r.j.nodes.map((n) => n.name).sort()).toEqual(
        demo.products
          .filter((p) => p.countries.includes('Japan'))
          .map((p) => p.name)
          .sort(),
      );
    });

    it('orders by customer, product and time range, with totals computed in SQL', async () => {
      const customer = toGlobalId('Customer', stableUuid('customer', 'Kay Nibble'));
      const r = await data<{ c: { totalCount: number; nodes: { total: number; customer: { name: string } }[] }; p: { totalCount: number }; q1: { totalCount: number } }>(
        `query($c: ID!, $p: ID!) {
          c: orders(filter: { customerId: $c }) { totalCount nodes { total customer { name } } }
          p: orders(filter: { productId: $p }) { totalCount }
          q1: orders(filter: { timestamp: { from: "2022-01-01T00:00:00Z", to: "2022-04-01T00:00:00Z" } }) { totalCount }
        }`,
        { c: customer, p: toGlobalId('Product', 1) },
      );
      const kay = demo.orders.filter((o) => o.customer === 'Kay Nibble');
      const price = (name: string) => demo.products.find((p) => p.name === name)!.price!;
      expect(r.c.totalCount).toBe(kay.length);
      expect(r.c.nodes.map((n) => n.total).sort()).toEqual(kay.map((o) => o.items.reduce((s, i) => s + i.quantity * price(i.product), 0)).sort());
      expect(r.q1.totalCount).toBe(demo.orders.filter((o) => o.timestamp < '2022-04-01').length);
      expect(r.p.totalCount).toBeGreaterThan(0);
    });

    it('orders sorted by total, largest first', async () => {
      const r = await data<{ orders: { nodes: { total: number }[] } }>(`{ orders(first: 100, orderBy: [{ field: TOTAL, direction: DESC }]) { nodes { total } } }`);
      const totals = r.orders.nodes.map((n) => n.total);
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      expect(totals).toHaveLength(demo.orders.length);
    });

    it('reviews by rating range; articles translated or not; top-level pages', async () => {
      const r = await data<{ products: { nodes: { name: string; reviews: Names }[] }; o: Names; tr: Names; pages: Names }>(`{
        products(first: 100) { nodes { name reviews(filter: { minRating: 4 }) { totalCount nodes { name: comment } } } }
        o: blogArticles(filter: { isTranslation: false }) { totalCount nodes { title } }
        tr: blogArticles(filter: { isTranslation: true }) { totalCount nodes { title } }
        pages(filter: { topLevel: true }) { totalCount nodes { name } }
      }`);
      const good = r.products.nodes.reduce((s, p) => s + p.reviews.totalCount, 0);
      expect(good).toBe(demo.reviews.filter((v) => v.rating >= 4).length);
      expect(r.o.totalCount).toBe(demo.articles.filter((a) => !a.translationOf).length);
      expect(r.tr.totalCount).toBe(demo.articles.filter((a) => a.translationOf).length);
      expect(r.pages.nodes.map((n) => n.name)).toEqual(['FrontPage']);
    });

    it('validates filter inputs at the edge', async () => {
      const res = await t.gql(`{ products(filter: { yearFrom: 12 }) { totalCount } }`);
      expect(res.errors![0]!.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'filter.yearFrom', messages: ['yearFrom must not be less than 1900'] }],
      });
      expect(res.errors![0]!.message).toBe('Invalid input: filter.yearFrom: yearFrom must not be less than 1900');
      const bad = await t.gql(`{ products(filter: { manufacturerId: "nonsense" }) { totalCount } }`);
      expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.manufacturerId' });
    });
  });

  describe('global object identification', () => {
    it('accepts ids in the padded base64 that graphql-relay makes, as well as its own', async () => {
      const relay = Buffer.from('Manufacturer:1').toString('base64');
      expect(relay).toBe('TWFudWZhY3R1cmVyOjE=');
      const r = await data<{ a: { id: string; name: string }; b: { id: string; name: string } }>(
        `{ a: node(id: "${relay}") { id ... on Manufacturer { name } } b: node(id: "${toGlobalId('Manufacturer', 1)}") { id ... on Manufacturer { name } } }`,
      );
      expect(r.a).toEqual(r.b);
      const std = Buffer.from('BlogArticle:1').toString('base64');
      expect((await data<{ node: { id: string } }>(`{ node(id: "${std}") { id } }`)).node.id).toBe(toGlobalId('BlogArticle', 1));
      const bad = await t.gql(`{ node(id: "TWFudWZhY3R1cmVyOjE==") { id } }`);
      expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('node and nodes resolve any type, in order, null for unknown ids', async () => {
      const order = toGlobalId('Order', stableUuid('order', 'Ada Byte', '2022-01-03T10:15:00Z'));
      const r = await data<{ nodes: ({ __typename: string; id: string; name?: string; total?: number } | null)[] }>(
        `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Product { name } ... on Order { total } } }`,
        { ids: [toGlobalId('Product', 1), order, toGlobalId('Product', 999999)] },
      );
      expect(r.nodes[0]).toMatchObject({ __typename: 'Product', id: toGlobalId('Product', 1) });
      expect(r.nodes[1]).toMatchObject({ __typename: 'Order', id: order });
      expect(r.nodes[1]!.total).toBeCloseTo(335 + 2 * 125, 2);
      expect(r.nodes[2]).toBeNull();
    });

    it('round-trips composite ids (order items, reviews) through node', async () => {
      const r = await data<{ orders: { nodes: { items: { id: string; quantity: number }[] }[] } }>(`{ orders(first: 1) { nodes { items { id quantity } } } }`);
      const item = r.orders.nodes[0]!.items[0]!;
      const back = await data<{ node: { __typename: string; quantity: number } }>(`query($id: ID!) { node(id: $id) { __typename ... on OrderItem { quantity } } }`, { id: item.id });
      expect(back.node).toEqual({ __typename: 'OrderItem', quantity: item.quantity });
    });

    it.each([
      ['{ node(id: "%%%") { id } }', 'id'],
      [`{ node(id: "${toGlobalId('Nothing', 1)}") { id } }`, 'id'],
      [`{ product(id: "${toGlobalId('Customer', stableUuid('customer', 'Ada Byte'))}") { name } }`, 'id'],
      [`{ customer(id: "${toGlobalId('Customer', 'not-a-uuid')}") { name } }`, 'id'],
    ])('malformed or mistyped ids are BAD_USER_INPUT: %s', async (query, argument) => {
      const res = await t.gql(query, {}, editor);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    });

    it('unknown ids give null for nullable lookups', async () => {
      const r = await data<{ product: null; customer: null; page: null }>(
        `{ product(id: "${toGlobalId('Product', 424242)}") { name } customer(id: "${toGlobalId('Customer', stableUuid('x'))}") { name } page(name: "NoSuchPage") { name } }`,
      );
      expect(r).toEqual({ product: null, customer: null, page: null });
    });
  });

  describe('privacy', () => {
    it('keeps orders, customer details and reading analytics from anonymous and basic readers', async () => {
      const basic = await headersFor(t, 'basic', new Map<Who, Record<string, string>>());
      const order = toGlobalId('Order', stableUuid('order', 'Ada Byte', '2022-01-03T10:15:00Z'));
      for (const [query, anonymous, signedInBasic] of [
        ['{ orders { totalCount } }', 'UNAUTHENTICATED', 'FORBIDDEN'],
        ['{ customers { totalCount } }', 'UNAUTHENTICATED', 'FORBIDDEN'],
        [`{ node(id: "${order}") { id } }`, 'UNAUTHENTICATED', 'FORBIDDEN'],
        ['{ products(first: 1) { nodes { reviews(first: 1) { nodes { customer { phone } } } } } }', 'UNAUTHENTICATED', 'FORBIDDEN'],
        ['{ blogArticles(first: 1) { nodes { views { totalCount } } } }', 'UNAUTHENTICATED', 'FORBIDDEN'],
      ] as const) {
        expect((await t.gql(query)).errors![0]!.extensions!.code, query).toBe(anonymous);
        expect((await t.gql(query, {}, basic)).errors![0]!.extensions!.code, query).toBe(signedInBasic);
        expect((await t.gql(query, {}, editor)).errors, query).toBeUndefined();
      }
    });

    it('shows reviewer names publicly', async () => {
      const res = await t.gql<{ products: { nodes: { reviews: { nodes: { customer: { name: string } }[] } }[] } }>(
        '{ products(first: 3) { nodes { reviews(first: 1) { nodes { customer { name } } } } } }',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.products.nodes.flatMap((p) => p.reviews.nodes).length).toBeGreaterThan(0);
    });
  });

  describe('limits and hygiene', () => {
    it('refuses operations deeper than the depth limit', async () => {
      const deep = `{ products { nodes { manufacturer { products { nodes { manufacturer { products { nodes { manufacturer { products { nodes { name } } } } } } } } } } } }`;
      const res = await t.gql(deep);
      expect(res.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0]!.message).toMatch(/depth/);
    });

    it('never exposes password hashes, not even in the introspected schema', async () => {
      const r = await data<{ __type: { fields: { name: string }[] } }>(`{ __type(name: "User") { fields { name } } }`);
      expect(r.__type.fields.map((f) => f.name).sort()).toEqual(['databaseId', 'feed', 'followers', 'following', 'id', 'name', 'pages', 'role']);
      const page = await data<{ page: { creator: Record<string, unknown> } }>(`{ page(name: "FrontPage") { creator { name role } } }`);
      expect(JSON.stringify(page)).not.toMatch(/\$2[aby]\$/);
    });
  });
});
