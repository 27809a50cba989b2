import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeders/demo.js';
import { runEntry } from '../support/process.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';

/** Migrations both ways: down all the way (with data in the tables) and up again, with no drift. */
describe('npm run db:migrate -- down', () => {
  let t: TestOrm;
  const tables = async () => {
    const sql = t.db.config.dialect === 'sqlite'
      ? `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'mikro_orm_migrations'`
      : `select table_name as name from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations'`;
    return (await t.orm.em.fork().getConnection().execute<{ name: string }[]>(sql)).map((r) => r.name).sort();
  };
  const migrate = (args: string[]) => runEntry('src/cli/migrate', args, { DATABASE_URL: t.db.config.url, LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    t = await openMigratedOrm();
    await seedDemo(t.orm.em, { withUsers: true, bcryptRounds: 4 });
  });
  afterAll(() => t?.close());

  it('undoes the last migration, then down to a named one, then all, and migrates up again to the same schema', async () => {
    const all = (await t.orm.migrator.getExecuted()).map((m) => m.name);
    const before = await tables();
    expect(before).toEqual(expect.arrayContaining(['users_follows', 'employees', 'engineers', 'managers', 'engineers_products']));

    const last = await migrate(['down']);
    expect(last.code).toBe(0);
    expect(last.stdout.trim()).toBe(`undid 1 migration(s): ${all.at(-1)}`);
    // The last migration partitioned page views on PostgreSQL (undone: one table again, its
    // monthly partitions gone), added the staff tables on SQLite; everything before it stays.
    const after = await tables();
    const gone = before.filter((table) => !after.includes(table)).sort();
    if (t.db.config.dialect === 'postgresql') {
      expect(gone).toContain('blog_views_default');
      expect(gone.filter((table) => !/^blog_views_(\d{4}_\d{2}|default)$/.test(table))).toEqual([]);
      expect(after).toEqual(expect.arrayContaining(['blog_views', 'rate_limits']));
    } else {
      expect(gone).toEqual(['employees', 'engineers', 'engineers_products', 'managers']);
    }
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
  });

  it('refuses an unknown target and bad usage', async () => {
    const unknown = await migrate(['down', '--to', 'Migration_nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/"Migration_nope" is not an applied migration/);
    expect((await migrate(['down', '--too'])).code).toBe(2);
  });
});
