import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsEditor } from '../support/auth.js';
import type { TestApp } from '../support/app.js';
import { capturedStatements } from '../support/statements.js';
import { testDialect } from '../support/target.js';

// Inside an embedded list, PostgreSQL planned each parent's to-one join (an order item's product)
// and each many-to-many target (a product's countries) as a hash join over a sequential scan of
// the whole target table; row-queries.ts byKey makes it read them by key.
describe.runIf(testDialect() === 'postgresql')('embedded lists read their joined rows by key (EXPLAIN of the statements eager sends)', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    ({ t, editor } = await startAsEditor({ loadingStrategy: 'eager' }));
    // The book's catalogue is 150 products in 25 countries (the demo data is smaller, and there
    // PostgreSQL rightly scans a one-page table): catalogue rows no order or page refers to,
    // then statistics as a live database has them.
    const em = t.app.orm.em.fork();
    await em.execute(`insert into products (name, manufacturer_id, year) select 'Plan test ' || i, (select min(id) from manufacturers), 1985 from generate_series(1, 150) as i`);
    await em.execute(`insert into countries (name) select 'Plan test ' || i from generate_series(1, 25) as i`);
    await em.execute('analyze');
  });
  afterAll(() => t?.close());

  async function planOf(query: string, table: string): Promise<string> {
    const statements = await capturedStatements(t.app.orm, async () => {
      const res = await t.gql(query, {}, editor);
      expect(res.errors).toBeUndefined();
    });
    const sql = statements.find((s) => s.includes(`"${table}"`));
    expect(sql).toBeDefined();
    // The service's own setting (DATABASE_RANDOM_PAGE_COST), for this one transaction.
    return t.app.orm.em.fork().transactional(async (em) => {
      await em.execute('set local random_page_cost = 1.1');
      return (await em.execute<{ 'QUERY PLAN': string }[]>(`explain ${sql!}`)).map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  it("an order's items → their products", async () => {
    const plan = await planOf(`{ orders(first: 5) { nodes { items { quantity product { name } } } } }`, 'orders_items');
    expect(plan).toMatch(/Index Scan using pk_products on products/);
    expect(plan).not.toMatch(/Hash/);
  });

  it("a manufacturer's products → their countries", async () => {
    const plan = await planOf(`{ manufacturers(first: 5) { nodes { products(first: 3) { nodes { name countries { name } } } } } }`, 'products_countries');
    // Per product, a nested loop over its pivot rows (a one-page table may well be scanned), not a
    // hash of the whole countries table built again for every product.
    expect(plan).toMatch(/Nested Loop/);
    expect(plan).not.toMatch(/Hash/);
  });
});
