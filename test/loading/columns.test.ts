import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, type OperationDefinitionNode } from 'graphql';
import { createSchema, fieldPlans } from '../../src/graphql/schema.js';
import { columnNeeds } from '../../src/loading/eager/columns.js';
import { Customer } from '../../src/modules/sales/customer.entity.js';
import { Order } from '../../src/modules/sales/order.entity.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { startAsEditor } from '../support/auth.js';
import type { TestApp } from '../support/app.js';
import { capturedStatements } from '../support/statements.js';

/**
 * The eager statement selects the columns the operation reads (src/loading/columns.ts). Rows are
 * shared per request, so every case here is checked against the lazy strategy, which reads whole
 * entities: the same answer, whatever path, fragment or resolver reaches a row.
 */
describe('eager statements select the columns the operation reads', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    ({ t, editor } = await startAsEditor({ loadingStrategy: 'eager', loadingStrategyHeader: 'all' }));
  });
  afterAll(() => t?.close());

  /** The eager answer, which must equal the lazy one, and the SQL eager sent. */
  async function eager(query: string, variables: Record<string, unknown> = {}) {
    const lazy = await t.gql(query, variables, { ...editor, 'x-loading-strategy': 'lazy' });
    expect(lazy.errors).toBeUndefined();
    let answer: typeof lazy | undefined;
    const statements = await capturedStatements(t.app.orm, async () => {
      answer = await t.gql(query, variables, { ...editor, 'x-loading-strategy': 'eager' });
    });
    // The answers differ only in their extensions (strategy, statement count).
    expect({ data: answer!.data, errors: answer!.errors }).toEqual({ data: lazy.data, errors: lazy.errors });
    // SQLite quotes identifiers with backticks, PostgreSQL with double quotes.
    return { data: answer!.data as Record<string, unknown>, sql: statements.join('\n').replaceAll('`', '"') };
  }

  it("the orders page reads no customer's address or phone, no idempotency key and no product's price", async () => {
    const { sql } = await eager(
      `{ orders(first: 5, orderBy: [{ field: TIMESTAMP, direction: DESC }]) { totalCount nodes { timestamp customer { name } items { quantity unitPrice product { name } } } } }`,
    );
    expect(sql).toMatch(/"j0"\."name"/);
    for (const column of ['address', 'phone', 'idempotency_key', 'idempotency_fingerprint', 'price', 'cpu']) expect(sql).not.toContain(`"${column}"`);
    // Keys and foreign keys are always read: rows are one object per key, relations point by key.
    expect(sql).toContain('"e"."customer_id"');
    // The items' own order (by product) then their key, without sorting on product_id twice.
    expect(sql).toContain('order by "l0_x"."product_id" asc, "l0_x"."order_id" asc)');
  });

  it('a row two paths reach carries what both read (the union over the operation)', async () => {
    const { data } = await eager(`{
      orders(first: 5) { nodes { items { product { name } } } }
      products(first: 50) { nodes { name price cpu year } }
    }`);
    const products = (data.products as { nodes: { price: number | null }[] }).nodes;
    expect(products.some((p) => p.price !== null)).toBe(true);
  });

  it('the same through fragments, aliases and an interface', async () => {
    const { data } = await eager(`
      fragment Priced on Product { price }
      {
        a: orders(first: 3) { nodes { items { product { name ...Priced } } } }
        b: orders(first: 3) { nodes { items { product { ... on Node { id } ... on Product { cpu } } } } }
        node(id: "UHJvZHVjdDox") { id ... on Product { year manufacturer { name } } }
      }`);
    expect(data.a).toBeDefined();
  });

  it('a field with a role of its own reads every column of its type (Customer.address)', async () => {
    const { sql } = await eager(`{ orders(first: 3) { nodes { customer { name address } } } }`);
    expect(sql).toContain('"address"');
  });

  it("a page's cursors hold its order's values even when the fields do not select them", async () => {
    const first = await eager(`{ products(first: 4, orderBy: [{ field: YEAR }]) { edges { cursor node { name } } pageInfo { endCursor } } }`);
    const end = (first.data.products as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    expect(first.sql).toContain('"e"."year"');
    const next = await eager(`query($after: String) { products(first: 4, after: $after, orderBy: [{ field: YEAR }]) { nodes { name year } } }`, { after: end });
    expect((next.data.products as { nodes: unknown[] }).nodes).toHaveLength(4);
  });

  it('works out the needs once per parsed operation; a resolver of its own means every column', async () => {
    const schema = await createSchema();
    const operation = parse(`{ orders(first: 1) { nodes { timestamp customer { name address } items { product { id name } } } } }`).definitions[0] as OperationDefinitionNode;
    const needs = columnNeeds(schema, operation, {}, fieldPlans);
    expect(columnNeeds(schema, operation, {}, fieldPlans)).toBe(needs);
    expect(needs.byClass.get(Order)).toEqual(new Set(['timestamp']));
    expect(needs.byClass.get(Customer)).toBe('all');
    // `id` is the Node id, which reads the key only.
    expect(needs.byClass.get(Product)).toEqual(new Set(['name']));
  });
});
