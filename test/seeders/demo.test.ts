import bcrypt from 'bcrypt';
import type { MikroORM } from '@mikro-orm/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as data from '../../seeders/demo-data.js';
import { seedDemo } from '../../seeders/demo.js';
import { entities } from '../../src/modules/entities.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { BlogArticle } from '../../src/modules/blog/blog-article.entity.js';
import { Page } from '../../src/modules/wiki/page.entity.js';
import { User } from '../../src/modules/wiki/user.entity.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';

const options = { withUsers: true, bcryptRounds: 4 };

/** Every row of every table, keyed by table, hashes and token stamps left out (random by design). */
async function dump(orm: MikroORM): Promise<Record<string, unknown[]>> {
  const em = orm.em.fork();
  const out: Record<string, unknown[]> = {};
  for (const entity of entities) {
    const meta = em.getMetadata(entity);
    const pk = meta
      .getPrimaryProps()
      .flatMap((p) => p.fieldNames)
      .join(', ');
    const rows = await em.execute<Record<string, unknown>[]>(`select * from ${meta.tableName} order by ${pk}`);
    out[meta.tableName] = rows.map(({ password_hash: _hash, token_stamp: _stamp, ...row }) =>
      // Drivers return numerics and dates in their own shapes; compare their text.
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v === null ? null : String(v)])),
    );
  }
  return out;
}

describe('demo seed', () => {
  let a: TestOrm;
  let b: TestOrm;
  beforeAll(async () => {
    [a, b] = await Promise.all([openMigratedOrm(), openMigratedOrm()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('loads the whole demo dataset into an empty database', async () => {
    const outcome = await seedDemo(a.orm.em, options);
    expect(outcome.seeded).toBe(true);
    if (!outcome.seeded) return;
    expect(outcome.rows).toMatchObject({
      products: data.products.length,
      manufacturers: data.manufacturers.length,
      countries: data.countries.length,
      customers: data.customers.length,
      orders: data.orders.length,
      orders_items: data.orders.reduce((n, o) => n + o.items.length, 0),
      products_reviews: data.reviews.length,
      blog_articles: data.articles.length,
      blog_users: data.blogUsers.length,
      blog_views: data.blogUsers.flatMap((u) => u.sessions.flatMap((s) => s.views)).length,
      users: 2,
      pages: 1,
    });
    expect(data.products.length).toBeGreaterThanOrEqual(20);
    const em = a.orm.em.fork();
    const translations = await em.find(BlogArticle, { translationOf: { $ne: null } }, { populate: ['language', 'translationOf.language'] });
    expect(translations.some((t) => t.language && t.translationOf?.language && t.language.id !== t.translationOf.language.id)).toBe(true);
    const amiga = await em.findOneOrFail(Product, { name: 'Amiga 500' }, { populate: ['countries', 'manufacturer'] });
    expect(amiga.manufacturer.name).toBe('Commodore');
    expect(
      amiga.countries
        .getItems()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Germany', 'USA']);
  });

  it('creates the tutorial accounts, whose passwords are their names, and the FrontPage by editor', async () => {
    const em = a.orm.em.fork();
    const users = await em.find(User, {}, { populate: ['passwordHash'], orderBy: { name: 'asc' } });
    expect(users.map((u) => [u.name, u.role])).toEqual([
      ['basic', 'basic'],
      ['editor', 'editor'],
    ]);
    for (const user of users) {
      expect(await bcrypt.compare(user.name, user.passwordHash)).toBe(true);
      expect(await bcrypt.compare('wrong', user.passwordHash)).toBe(false);
    }
    const page = await em.findOneOrFail(Page, { name: 'FrontPage' }, { populate: ['creator'] });
    expect(page.creator.name).toBe('editor');
  });

  it('is idempotent: a second run leaves a non-empty database untouched', async () => {
    const before = await dump(a.orm);
    const outcome = await seedDemo(a.orm.em, options);
    expect(outcome).toEqual({ seeded: false, reason: 'the database already holds data' });
    expect(await dump(a.orm)).toEqual(before);
  });

  it('is deterministic: two empty databases get identical rows and keys', async () => {
    await seedDemo(b.orm.em, options);
    expect(await dump(b.orm)).toEqual(await dump(a.orm));
  });

  it('never seeds into a database that holds anything, even a single row', async () => {
    const c = await openMigratedOrm();
    try {
      const em = c.orm.em.fork();
      em.create(User, { name: 'ops', passwordHash: 'x' });
      await em.flush();
      expect((await seedDemo(c.orm.em, options)).seeded).toBe(false);
      expect(await c.orm.em.fork().count(Product, {})).toBe(0);
    } finally {
      await c.close();
    }
  });

  it('creates no accounts when told not to (production)', async () => {
    const c = await openMigratedOrm();
    try {
      const outcome = await seedDemo(c.orm.em, { withUsers: false, bcryptRounds: 4 });
      expect(outcome.seeded).toBe(true);
      const em = c.orm.em.fork();
      expect(await em.count(User, {})).toBe(0);
      expect(await em.count(Page, {})).toBe(0);
      expect(await em.count(Product, {})).toBe(data.products.length);
    } finally {
      await c.close();
    }
  });
});
