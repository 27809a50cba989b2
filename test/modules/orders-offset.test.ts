import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { startAsEditor } from '../support/auth.js';

type Page = { orders: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string }; nodes: { id: string }[] } };
const Q = `query($first: Int, $offset: Int, $after: String, $by: [OrderOrder!]) {
  orders(first: $first, offset: $offset, after: $after, orderBy: $by) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } }
}`;

/** Page numbers for grids: offset with first, next to cursors, on every order. */
describe('orders(offset:)', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => ({ t, editor } = await startAsEditor()));
  afterAll(() => t?.close());

  it.each([
    ['the default order', undefined],
    ['total, a computed column', [{ field: 'TOTAL', direction: 'DESC' }]],
    ['customer name', [{ field: 'CUSTOMER', direction: 'ASC' }]],
  ])('gives page 2 of %s: the same orders as the cursor after page 1', async (_label, by) => {
    const first = await t.gql<Page>(Q, { first: 5, by }, editor);
    const byCursor = await t.gql<Page>(Q, { first: 5, after: first.data!.orders.pageInfo.endCursor, by }, editor);
    const byOffset = await t.gql<Page>(Q, { first: 5, offset: 5, by }, editor);
    expect(byOffset.errors).toBeUndefined();
    expect(byOffset.data!.orders.nodes).toEqual(byCursor.data!.orders.nodes);
    expect(byOffset.data!.orders.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(byOffset.data!.orders.totalCount).toBe(12);
    const last = await t.gql<Page>(Q, { first: 5, offset: 10, by }, editor);
    expect(last.data!.orders.nodes).toHaveLength(2);
    expect(last.data!.orders.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    [{ first: 5, offset: -1 }, /from 0 to 100000/],
    [{ first: 5, offset: 100_001 }, /from 0 to 100000/],
    [{ first: 5, offset: 5, after: 'x' }, /with "first" only/],
    [{ first: 101, offset: 5 }, /at most 100/],
  ])('refuses %j with BAD_USER_INPUT', async (variables, message) => {
    const res = await t.gql(Q, variables, editor);
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(message);
  });
});
