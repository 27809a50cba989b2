import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsEditor } from '../support/auth.js';
import type { TestApp } from '../support/app.js';
import { capturedStatements } from '../support/statements.js';
import { testDialect } from '../support/target.js';

// A deep page-number page skips in a subquery of sort keys and keys (src/loading/deep-page.ts),
// which an index of the page order with the key in it serves alone: PostgreSQL by an index-only
// scan, SQLite by a covering index. The rows of the page are then read by key, for it alone.
describe('a deep page-number page skips in an index of its order, reading no skipped row', () => {
  const pg = testDialect() === 'postgresql';
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    ({ t, editor } = await startAsEditor({ loadingStrategy: 'eager' }));
    // Enough rows that a plan reads an index rather than the whole table: 6,000 orders and views
    // spread over a year (monthly partitions on PostgreSQL), then statistics as a live database has them.
    const em = t.app.orm.em.fork();
    const session = (await em.execute<{ id: string }[]>('select id from blog_sessions order by id limit 1'))[0]!.id;
    const customer = (await em.execute<{ id: string }[]>('select id from customers order by id limit 1'))[0]!.id;
    const article = (await em.execute<{ id: number }[]>('select id from blog_articles order by id limit 1'))[0]!.id;
    if (pg) {
      await em.execute(
        `insert into blog_views (article_id, session_id, "timestamp") select ${article}, '${session}', timestamptz '2026-01-01 00:00:00+00' + i * interval '87 minutes' from generate_series(1, 6000) i`,
      );
      await em.execute(
        `insert into orders (id, customer_id, "timestamp") select gen_random_uuid(), '${customer}', timestamptz '2026-01-01 00:00:00+00' + i * interval '87 minutes' from generate_series(1, 6000) i`,
      );
      await em.execute('vacuum analyze blog_views');
      await em.execute('vacuum analyze orders');
    } else {
      const n = 'with recursive n(i) as (select 1 union all select i + 1 from n where i < 6000)';
      await em.execute(`${n} insert into blog_views (article_id, session_id, "timestamp") select ${article}, '${session}', 1767225600000 + i * 87 * 60000 from n`);
      await em.execute(`${n} insert into orders (id, customer_id, "timestamp") select lower(hex(randomblob(16))), '${customer}', 1767225600000 + i * 87 * 60000 from n`);
      await em.execute('analyze');
    }
  });
  afterAll(() => t?.close());

  const plan = async (sql: string) =>
    pg
      ? (await t.app.orm.em.fork().execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`)).map((r) => r['QUERY PLAN']).join('\n')
      : (await t.app.orm.em.fork().execute<{ detail: string }[]>(`explain query plan ${sql}`)).map((r) => r.detail).join('\n');

  it.each([
    ['blogViews', 'blog_views', 'databaseId', 'ix_blog_views_timestamp_id'],
    ['orders', 'orders', 'databaseId', 'ix_orders_timestamp_id'],
  ])('%s(first: 20, offset: 5000): the same rows as a plain OFFSET, the skip by %s alone', async (field, table, id, index) => {
    type Answer = Record<string, { nodes: Record<string, string | number>[] }>;
    let answer: Awaited<ReturnType<typeof t.gql<Answer>>> | undefined;
    const statements = await capturedStatements(t.app.orm, async () => {
      answer = await t.gql<Answer>(`{ ${field}(first: 20, offset: 5000) { nodes { ${id} } } }`, {}, editor);
    });
    expect(answer!.errors).toBeUndefined();
    const plain = await t.app.orm.em.fork().execute<{ id: string | number }[]>(`select id from ${table} order by "timestamp" desc, id asc limit 20 offset 5000`);
    expect(answer!.data![field]!.nodes.map((n) => String(n[id]))).toEqual(plain.map((r) => String(r.id)));
    const sql = statements.find((s) => s.includes(`from ${pg ? `"${table}"` : `\`${table}\``}`));
    expect(sql).toBeDefined();
    // PostgreSQL names each partition's copy of the parent's index <partition>_timestamp_id_idx; in SQLite
    // blog_views' key is its rowid, which every index of the table holds: ix_blog_views_timestamp covers it too.
    const shown = await plan(sql!);
    expect(shown).toMatch(pg ? new RegExp(`Index Only Scan.* using (${index}|\\w+_timestamp_id_idx)`) : new RegExp(`COVERING INDEX (${index}|ix_${table}_timestamp)\\b`));
  });
});
