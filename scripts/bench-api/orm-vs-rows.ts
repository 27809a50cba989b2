/**
 * Where a products page's CPU goes below GraphQL: the same 50 products (with manufacturer and
 * countries) loaded as MikroORM entities the way the eager strategy does, and as plain rows.
 * Usage: BENCH_PG_URL=postgresql://…/db (migrated and seeded) tsx scripts/bench-api/orm-vs-rows.ts [runs]
 */
import { openOrm } from '../../src/db/orm.js';
import { Product } from '../../src/modules/catalog/product.entity.js';

const url = process.env.BENCH_PG_URL;
if (!url) throw new Error('set BENCH_PG_URL to a migrated, seeded PostgreSQL database');
const runs = Number(process.argv[2] ?? 300);
const orm = await openOrm({ dialect: 'postgresql', url });

async function measure(label: string, once: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 50; i++) await once();
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) await once();
  const used = process.cpuUsage(cpu);
  console.log(`${label.padEnd(58)} ${((used.user + used.system) / 1000 / runs).toFixed(2)} ms CPU per page`);
}

const page = { limit: 50, orderBy: { name: 'asc' as const } };
await measure('entities: 50 products', () => orm.em.fork().find(Product, {}, page));
await measure('entities: + manufacturer (joined)', () => orm.em.fork().find(Product, {}, { ...page, populate: ['manufacturer'], strategy: 'joined' }));
// The loaders re-read a relation with refresh (a statement count that never depends on what was
// loaded before); MikroORM sends the same statement for both strategies, and maps it at different cost.
for (const strategy of ['select-in', 'joined'] as const) {
  await measure(`entities: + countries (${strategy}, refresh)${strategy === 'joined' ? ', as the loaders do' : ''}`, async () => {
    const em = orm.em.fork();
    const products = await em.find(Product, {}, { ...page, populate: ['manufacturer'], strategy: 'joined' });
    await em.populate(products, ['countries'], { strategy, refresh: true });
  });
}
await measure('rows: the same two statements, plain rows', async () => {
  const connection = orm.em.getConnection();
  await connection.execute('select p.*, m.name as manufacturer_name from products p join manufacturers m on m.id = p.manufacturer_id order by p.name limit 50');
  await connection.execute(
    'select pc.product_id, c.id, c.name from products_countries pc join countries c on c.id = pc.country_id where pc.product_id in (select id from products order by name limit 50)',
  );
});
await orm.close();
