/**
 * EXPLAIN ANALYZE of the eager orders page, as MikroORM writes it when the page joins the items
 * (before) and as the eager plan asks for it now (to-one joins, items preloaded). Usage:
 * DATABASE_URL=postgresql://… tsx scripts/bench-api/explain-orders.ts
 */
import 'reflect-metadata';
import { loadConfig } from '../../src/config.js';
import { openOrm } from '../../src/db/orm.js';
import { Order } from '../../src/modules/sales/order.entity.js';

const captured: { sql: string; params: readonly unknown[] }[] = [];
const orm = await openOrm(loadConfig(process.env, { requireJwtSecret: false }).database, {
  onQuery: (sql: string, params: readonly unknown[]) => {
    captured.push({ sql, params });
    return sql;
  },
});
const em = orm.em.fork();
async function plan(label: string, load: () => Promise<unknown>): Promise<void> {
  captured.length = 0;
  await load();
  const statements = [...captured];
  let total = 0;
  console.log(`\n## ${label}: ${statements.length} statement(s)\n`);
  for (const { sql, params } of statements) {
    const rows = await em.getConnection().execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers off) ${sql}`, [...params]);
    const lines = rows.map((r) => r['QUERY PLAN']);
    total += Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1)!)?.[1] ?? 0);
    console.log(`${sql.slice(0, 300)}${sql.length > 300 ? '…' : ''}\n${lines.map((l) => `    ${l}`).join('\n')}\n`);
  }
  console.log(`total execution time: ${total.toFixed(2)} ms`);
  em.clear();
}
await plan('before: items joined into the page', () =>
  em.find(Order, {}, { populate: ['customer', 'items', 'items.product'] as never[], orderBy: { timestamp: 'desc', id: 'asc' }, limit: 26, strategy: 'joined' }),
);
await plan('after: to-one joins, items preloaded with their products', async () => {
  const page = await em.find(Order, {}, { populate: ['customer'] as never[], orderBy: { timestamp: 'desc', id: 'asc' }, limit: 26, strategy: 'joined' });
  await em.populate(page, ['items', 'items.product'] as never[], { strategy: 'joined' });
});
await orm.close();
