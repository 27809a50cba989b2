import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';
import { finished, ROOT } from '../support/process.js';

const TABLES = [
  'blog_articles',
  'blog_authors',
  'blog_sessions',
  'blog_users',
  'blog_views',
  'countries',
  'customers',
  'languages',
  'manufacturers',
  'orders',
  'orders_items',
  'pages',
  'products',
  'products_countries',
  'products_reviews',
  'users',
];

/** Constraint names of the book's convention that the database must report back. */
const CONSTRAINTS = [
  'uq_products_name',
  'uq_manufacturers_name',
  'uq_countries_name',
  'uq_customers_name',
  'uq_languages_name',
  'uq_users_name',
  'uq_pages_name',
  'fk_products_manufacturer_id_manufacturers',
  'fk_products_countries_product_id_products',
  'fk_products_countries_country_id_countries',
  'fk_orders_customer_id_customers',
  'fk_orders_items_product_id_products',
  'fk_orders_items_order_id_orders',
  'fk_products_reviews_product_id_products',
  'fk_products_reviews_customer_id_customers',
  'fk_blog_articles_author_id_blog_authors',
  'fk_blog_articles_product_id_products',
  'fk_blog_articles_language_id_languages',
  'fk_blog_articles_translation_of_id_blog_articles',
  'fk_blog_users_customer_id_customers',
  'fk_blog_sessions_user_id_blog_users',
  'fk_blog_views_article_id_blog_articles',
  'fk_blog_views_session_id_blog_sessions',
  'fk_pages_creator_id_users',
  'fk_pages_parent_id_pages',
  'ck_products_price',
  'ck_orders_items_quantity',
  'ck_orders_items_unit_price',
  'ck_products_reviews_rating',
];

const INDEXES = [
  'ix_blog_authors_name',
  'ix_blog_users_customer_id',
  'ix_blog_sessions_user_id',
  'ix_orders_timestamp',
  'ix_orders_customer_id',
  'ix_products_manufacturer_id',
  'ix_products_year',
  'ix_orders_items_order_id',
  'ix_blog_articles_title',
  'ix_blog_articles_author_id',
  'ix_blog_articles_product_id',
  'ix_blog_articles_timestamp',
  'ix_blog_articles_language_id',
  'ix_blog_articles_translation_of_id',
  'ix_blog_views_article_id',
  'ix_blog_views_session_id',
  'ix_blog_views_timestamp',
  'ix_products_reviews_customer_id',
  'ix_products_reviews_timestamp',
  'ix_products_countries_country_id',
  'ix_pages_creator_id',
  'ix_pages_parent_id',
  // The orders nested connections page by (docs/benchmarks/cost-model-2026-12-07.md, "2026-12-07, later").
  'ix_blog_views_article_id_timestamp_id',
  'ix_products_reviews_product_id_timestamp_customer_id',
];

describe('migrations', () => {
  let t: TestOrm;
  beforeAll(async () => {
    t = await openMigratedOrm();
  });
  afterAll(() => t?.close());

  it('apply to an empty database and leave nothing pending', async () => {
    expect(await t.orm.migrator.getPending()).toEqual([]);
    const executed = await t.orm.migrator.getExecuted();
    expect(executed.length).toBeGreaterThan(0);
  });

  it('create every table of the domain', async () => {
    const em = t.orm.em.fork();
    const sql = t.db.config.dialect === 'postgresql' ? `select table_name as name from information_schema.tables where table_schema = 'public'` : `select name from sqlite_master where type = 'table'`;
    const names = (await em.execute<{ name: string }[]>(sql)).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(TABLES));
  });

  it('name constraints and indexes by the book convention', async () => {
    const em = t.orm.em.fork();
    let text: string;
    if (t.db.config.dialect === 'postgresql') {
      const rows = await em.execute<{ name: string }[]>(
        `select conname as name from pg_constraint where connamespace = 'public'::regnamespace
         union all select indexname from pg_indexes where schemaname = 'public'`,
      );
      text = rows.map((r) => r.name).join('\n');
    } else {
      // SQLite keeps constraint names only inside each table's CREATE statement.
      const rows = await em.execute<{ name: string; sql: string | null }[]>(`select name, sql from sqlite_master`);
      text = rows.map((r) => `${r.name}\n${r.sql ?? ''}`).join('\n');
    }
    for (const name of [...CONSTRAINTS, ...INDEXES]) expect(text, name).toContain(name);
    if (t.db.config.dialect === 'postgresql') {
      for (const table of TABLES) expect(text, `pk_${table}`).toContain(`pk_${table}`);
      expect(text).toContain('ck_users_role');
    }
  });

  it('match the entities (no schema drift)', async () => {
    expect(await t.orm.migrator.checkSchema()).toBe(false);
  });

  it('leave nothing for schema:update to do on the database itself (npx mikro-orm schema:update --dump)', async () => {
    // Against the live database, not the snapshot: on SQLite this once rebuilt ten tables,
    // because introspection made up foreign key names (see src/db/sqlite-platform.ts).
    expect(await t.orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
    const cli = spawn(process.execPath, [path.join(ROOT, 'node_modules/@mikro-orm/cli/cli.js'), 'schema:update', '--dump'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.db.config.url, NODE_NO_WARNINGS: '1' },
    });
    cli.stdin.end();
    const run = await finished(cli);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Schema is up-to-date/);
  });
});
