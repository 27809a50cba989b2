import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '../../../seeders/demo-data.js';
import { startTestApp, type TestApp } from '../../support/app.js';

interface ProductsData {
  products: {
    totalCount: number;
    nodes: { id: string; databaseId: number; name: string; year: number; cpu: string | null; price: number | null; manufacturer: { name: string } }[];
    edges: { cursor: string; node: { name: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const PRODUCTS = `query Products($first: Int, $after: String) {
  products(first: $first, after: $after) {
    totalCount
    nodes { id databaseId name year cpu price manufacturer { name } }
    edges { cursor node { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const sortedDemo = [...demo.products].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

describe('products query through the GraphQL endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('returns the first page of demo products, by name, with manufacturers', async () => {
    const res = await t.gql<ProductsData>(PRODUCTS, { first: 5 });
    expect(res.errors).toBeUndefined();
    const page = res.data!.products;
    expect(page.totalCount).toBe(demo.products.length);
    expect(page.nodes.map((p) => [p.name, p.manufacturer.name, p.year, p.cpu, p.price])).toEqual(sortedDemo.slice(0, 5).map((p) => [p.name, p.manufacturer, p.year, p.cpu, p.price]));
    expect(page.edges.map((e) => e.node.name)).toEqual(page.nodes.map((n) => n.name));
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: page.edges[0]!.cursor, endCursor: page.edges[4]!.cursor });
  });

  it('gives every product an opaque global id distinct from its databaseId', async () => {
    const res = await t.gql<ProductsData>(PRODUCTS, { first: 3 });
    for (const p of res.data!.products.nodes) {
      expect(p.id).not.toBe(String(p.databaseId));
      expect(Buffer.from(p.id, 'base64url').toString()).toBe(`Product:${p.databaseId}`);
    }
  });

  it('pages forward with the end cursor until the last product', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: { data?: ProductsData | null } = await t.gql<ProductsData>(PRODUCTS, { first: 10, after });
      const page: ProductsData['products'] = res.data!.products;
      seen.push(...page.nodes.map((n) => n.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(sortedDemo.map((p) => p.name));
  });

  it('defaults to 20 items per page', async () => {
    const res = await t.gql<ProductsData>(PRODUCTS, {});
    expect(res.data!.products.nodes).toHaveLength(20);
  });

  it.each([
    [{ first: 101 }, 'first', /at most 100/],
    [{ first: -1 }, 'first', /must not be negative/],
    [{ first: 5, after: 'bm90LWEtY3Vyc29y' }, 'after', /not a cursor/],
  ])('rejects %o with BAD_USER_INPUT naming the argument', async (variables, argument, message) => {
    const res = await t.gql(PRODUCTS, variables);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
    expect(res.errors![0]!.message).toMatch(message);
  });

  it('reports a query against an unknown field as a validation error', async () => {
    const res = await t.gql('{ products { nodes { passwordHash } } }');
    expect(res.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers the health check', async () => {
    const res = await fetch(t.app.url.replace('/graphql', '/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: t.config.database.dialect });
  });
});
