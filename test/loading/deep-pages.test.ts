import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { headersFor, startAsEditor, type Who } from '../support/auth.js';
import { capturedStatements } from '../support/statements.js';

type Conn = { totalCount?: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; edges: { cursor: string; node: unknown }[] };
type Answer = { data?: Record<string, Conn> | null; errors?: unknown[]; extensions?: Record<string, unknown> };

/** Each root connection with page numbers, ordered by keyset and positional orders, with relations below its nodes. */
const CASES = [
  { field: 'orders', by: undefined, nodes: 'id timestamp customer { name } items { quantity product { name } }' },
  { field: 'orders', by: [{ field: 'TIMESTAMP', direction: 'ASC' }], nodes: 'id timestamp' },
  { field: 'orders', by: [{ field: 'TOTAL', direction: 'DESC' }], nodes: 'id total' },
  { field: 'products', by: undefined, nodes: 'id name manufacturer { name } countries { name }' },
  { field: 'products', by: [{ field: 'PRICE', direction: 'DESC' }], nodes: 'id price' },
  { field: 'blogViews', by: undefined, nodes: 'databaseId timestamp article { title }' },
  // Filters go into the skipping subquery: a search (EXISTS over items and products), a list of countries.
  { field: 'orders', by: undefined, nodes: 'id', args: 'search: "a"' },
  { field: 'products', by: [{ field: 'YEAR', direction: 'DESC' }], nodes: 'id year', args: 'filter: { yearFrom: 1980 }' },
] as const;
const STRATEGIES = ['lazy', 'batched', 'eager'] as const;

const query = (field: string, nodes: string, args = '') => `query($first: Int, $offset: Int, $after: String, $by: [${orderType(field)}!]) {
  ${field}(first: $first, offset: $offset, after: $after, orderBy: $by ${args}) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${nodes} } } }
}`;
const orderType = (field: string) => ({ orders: 'OrderOrder', products: 'ProductOrder', blogViews: 'BlogViewOrder' })[field]!;

/**
 * Page numbers read a deep page by a deferred join (src/loading/deep-page.ts): the skip in a
 * subquery of sort keys and keys, the rows for the page alone. It must change nothing clients see,
 * nor the number of statements.
 */
describe('deep page-number pages', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => ({ t, editor } = await startAsEditor()));
  afterAll(() => t?.close());

  const ask = async (c: (typeof CASES)[number], strategy: string, first: number, offset?: number, after?: string) => {
    const res = (await t.gql(query(c.field, c.nodes, 'args' in c ? c.args : ''), { first, offset, after, by: c.by }, { ...editor, 'x-loading-strategy': strategy })) as Answer;
    expect(res.errors).toBeUndefined();
    return { page: res.data![c.field]!, statements: (res.extensions!.sql as { statements: number }).statements };
  };

  describe.each(STRATEGIES)('%s', (strategy) => {
    it.each(CASES)('$field by $by ($args): every page is the slice of the whole list, with its cursors, page info and statement count', async (c) => {
      // Offset 0 reads with a plain LIMIT: the whole list, its cursors, and what page 1 costs.
      const whole = await ask(c, strategy, 100, 0);
      const total = whole.page.edges.length;
      expect(total).toBeGreaterThan(4);
      expect(whole.page.pageInfo.hasNextPage).toBe(false);
      for (const offset of [1, 3, total - 3, total - 1, total, total + 5]) {
        const deep = await ask(c, strategy, 3, offset);
        const slice = whole.page.edges.slice(offset, offset + 3);
        expect(deep.page.edges, `offset ${offset}`).toEqual(slice);
        expect(deep.page.pageInfo).toEqual({
          hasNextPage: offset + 3 < total,
          hasPreviousPage: true,
          startCursor: slice[0]?.cursor ?? null,
          endCursor: slice.at(-1)?.cursor ?? null,
        });
        // The same page reached by a cursor costs the same statements (lazy's depend on the rows read).
        const byCursor = await ask(c, strategy, 3, undefined, whole.page.edges[Math.min(offset, total) - 1]!.cursor);
        expect(byCursor.page.edges).toEqual(slice);
        expect(deep.statements, `offset ${offset}`).toBe(byCursor.statements);
      }
    });
  });

  it.each(STRATEGIES)('skips in a subquery of keys, not in the statement that reads the rows (%s)', async (strategy) => {
    const statements = await capturedStatements(t.app.orm, () => ask(CASES[0], strategy, 3, 4));
    const page = statements.filter((s) => /from [`"]orders[`"]/.test(s) && /offset 4\b/.test(s));
    expect(page).toHaveLength(1);
    expect(page[0]).toMatch(/[`"]id[`"] in \(select [`"]skip[`"]\.[`"]id[`"] from [`"]orders[`"] as [`"]skip[`"].* limit 4 offset 4\)/);
  });

  it('keeps the plain OFFSET where the order is not the rows own columns (orders by customer name), as the field says', async () => {
    const statements = await capturedStatements(t.app.orm, () =>
      t.gql(query('orders', 'id'), { first: 3, offset: 4, by: [{ field: 'CUSTOMER', direction: 'ASC' }] }, { ...editor, 'x-loading-strategy': 'eager' }),
    );
    expect(statements.some((s) => /limit 4 offset 4$/.test(s.trim()))).toBe(true);
    expect(statements.some((s) => / in \(select /.test(s))).toBe(false);
  });

  it.each(['products', 'blogViews'])('%s(offset:) is bounded like orders', async (field) => {
    const res = await t.gql(query(field, field === 'blogViews' ? 'databaseId' : 'id'), { first: 3, offset: 100_001 }, editor);
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/from 0 to 100000/);
  });

  it.each(['anonymous', 'basic'] as const)('blogViews is for editors: null with an error for %s, as BlogArticle.views', async (who) => {
    const res = await t.gql(query('blogViews', 'databaseId'), { first: 3, offset: 3 }, await headersFor(t, who, new Map<Who, Record<string, string>>()));
    expect(res.data).toEqual({ blogViews: null });
    expect(res.errors![0]!.extensions!.code).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  });
});
