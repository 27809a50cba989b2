import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeders/demo.js';
import { runEntry } from '../support/process.js';
import { indexDefinition, openMigratedOrm, type TestOrm } from '../support/orm.js';

/** Migrations both ways: down all the way (with data in the tables) and up again, with no drift. */
describe('npm run db:migrate -- down', () => {
  let t: TestOrm;
  const tables = async () => {
    const sql =
      t.db.config.dialect === 'sqlite'
        ? `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'mikro_orm_migrations'`
        : `select table_name as name from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations'`;
    return (await t.orm.em.fork().getConnection().execute<{ name: string }[]>(sql)).map((r) => r.name).sort();
  };
  const columns = async (table: string) => {
    const sql =
      t.db.config.dialect === 'sqlite'
        ? `select name from pragma_table_xinfo('${table}')`
        : `select column_name as name from information_schema.columns where table_schema = 'public' and table_name = '${table}'`;
    return (await t.orm.em.fork().getConnection().execute<{ name: string }[]>(sql)).map((r) => r.name);
  };
  const accountTriggers = async () =>
    (await t.orm.em.fork().getConnection().execute<{ name: string }[]>(`select tgname as name from pg_trigger where tgrelid = 'users'::regclass and not tgisinternal order by 1`)).map((r) => r.name);
  const idempotencyIndex = () => indexDefinition(t.orm.em.fork(), t.db.config.dialect, 'uq_orders_idempotency_key');
  const lineCount = async () => Number((await t.orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*) as n from orders_items'))[0]!.n);
  const migrate = (args: string[]) => runEntry('src/cli/migrate', args, { DATABASE_URL: t.db.config.url, LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    t = await openMigratedOrm();
    await seedDemo(t.orm.em, { withUsers: true, bcryptRounds: 4 });
  });
  afterAll(() => t?.close());

  it('undoes the last migration, then down to a named one, then all, and migrates up again to the same schema', async () => {
    const all = (await t.orm.migrator.getExecuted()).map((m) => m.name);
    const before = await tables();
    const lines = await lineCount();
    expect(lines).toBeGreaterThan(0);
    expect(before).toEqual(expect.arrayContaining(['users_follows', 'employees', 'engineers', 'managers', 'engineers_products']));

    const postgres = t.db.config.dialect === 'postgresql';
    const last = await migrate(['down']);
    expect(last.code).toBe(0);
    expect(last.stdout.trim()).toBe(`undid 1 migration(s): ${all.at(-1)}`);
    // The last migrations: the deep pages' indexes, the table versions of HTTP caching, then the live events' log, go.
    expect(all.at(-1)).toMatch(/_deep_pages$/);
    expect(await tables()).toEqual(before);
    expect(await indexDefinition(t.orm.em.fork(), t.db.config.dialect, 'ix_orders_timestamp_id')).toBeUndefined();
    expect((await migrate(['down'])).stdout.trim()).toBe(`undid 1 migration(s): ${all.at(-2)}`);
    expect(all.at(-2)).toMatch(/_table_versions$/);
    expect(await tables()).toEqual(before.filter((name) => name !== 'table_versions'));
    const nestedPageOrder = all.findIndex((name) => name.endsWith('_nested_page_order'));
    expect((await migrate(['down', '--to', all[nestedPageOrder]!])).stdout.trim()).toBe(`undid 1 migration(s): ${all[nestedPageOrder + 1]}`);
    const bookTables = before.filter((name) => name !== 'table_versions' && name !== 'live_events');
    expect(await tables()).toEqual(bookTables);
    // Then the indexes nested connections page by go; every table and line stays.
    expect((await migrate(['down'])).code).toBe(0);
    expect(await tables()).toEqual(bookTables);
    expect(await indexDefinition(t.orm.em.fork(), t.db.config.dialect, 'ix_blog_views_article_id_timestamp_id')).toBeUndefined();
    expect(await indexDefinition(t.orm.em.fork(), t.db.config.dialect, 'ix_products_reviews_product_id_timestamp_customer_id')).toBeUndefined();
    expect(await lineCount()).toBe(lines);
    // Before order_idempotency_partial: the partial idempotency-key index becomes a full one again.
    const partial = all.findIndex((name) => name.endsWith('_order_idempotency_partial'));
    expect((await migrate(['down', '--to', all[partial - 1]!])).code).toBe(0);
    expect(await tables()).toEqual(bookTables);
    expect(await idempotencyIndex()).toMatch(/^create unique index/i);
    expect(await idempotencyIndex()).not.toMatch(/ where /i);
    expect(await lineCount()).toBe(lines);
    // Line totals (and on PostgreSQL the account notices after them) down, and up again over the
    // lines already there: each gets its total.
    const lineTotals = all.findIndex((name) => name.endsWith('_line_total'));
    expect((await migrate(['down', '--to', all[lineTotals - 1]!])).code).toBe(0);
    expect(await columns('orders_items')).not.toContain('line_total');
    if (postgres) expect(await accountTriggers()).toEqual([]);
    expect((await migrate(['up'])).stdout.trim()).toBe(`applied ${all.length - lineTotals} migration(s): ${all.slice(lineTotals).join(', ')}`);
    const totals = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ n: number; wrong: number }[]>('select count(*) as n, sum(case when line_total = quantity * unit_price then 0 else 1 end) as wrong from orders_items');
    expect(totals.map((r) => ({ n: Number(r.n), wrong: Number(r.wrong) }))).toEqual([{ n: lines, wrong: 0 }]);
    // And HTTP caching's version trigger (migration table_versions), which came up again with the rest.
    if (postgres) expect(await accountTriggers()).toEqual(['users_account_changed', 'users_accounts_truncated', 'users_version']);
    expect(await idempotencyIndex()).toMatch(/ where\W+idempotency_key\W* is not null/i);
    expect((await migrate(['down'])).code).toBe(0);
    const after = await tables();
    expect(after).toContain('users_follows');

    const toSecond = await migrate(['down', '--to', all[1]!]);
    expect(toSecond.stdout).toMatch(new RegExp(`^undid ${all.length - 3} migration`));
    expect((await t.orm.migrator.getExecuted()).map((m) => m.name)).toEqual(all.slice(0, 2));

    const everything = await migrate(['down', '--to', '0']);
    expect(everything.code).toBe(0);
    expect(await tables()).toEqual([]);

    const up = await migrate(['up']);
    expect(up.stdout.trim()).toBe(`applied ${all.length} migration(s): ${all.join(', ')}`);
    expect(await tables()).toEqual(before);
    expect(await t.orm.migrator.checkSchema()).toBe(false);
    // Eight CLI processes, each starting Node and MikroORM: 18-20 s in CI on a quiet machine.
  }, 90_000);

  it('refuses an unknown target and bad usage', async () => {
    const unknown = await migrate(['down', '--to', 'Migration_nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/"Migration_nope" is not an applied migration/);
    expect((await migrate(['down', '--too'])).code).toBe(2);
  });
});
