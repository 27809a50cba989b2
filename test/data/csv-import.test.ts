import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.js';
import { entities } from '../../src/modules/entities.js';
import { BlogArticle } from '../../src/modules/blog/blog-article.entity.js';
import { BlogSession } from '../../src/modules/blog/blog-session.entity.js';
import { BlogUser } from '../../src/modules/blog/blog-user.entity.js';
import { Manufacturer } from '../../src/modules/catalog/manufacturer.entity.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { importFile, importFolder } from '../../src/modules/data/csv-import.js';
import { ImportError } from '../../src/modules/data/csv.js';
import { ProductReview } from '../../src/modules/reviews/product-review.entity.js';
import { OrderItem } from '../../src/modules/sales/order-item.entity.js';
import { Order } from '../../src/modules/sales/order.entity.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/csv');

async function tableCounts(t: TestOrm): Promise<Record<string, number>> {
  const em = t.orm.em.fork();
  const out: Record<string, number> = {};
  for (const e of entities) out[em.getMetadata(e).tableName] = await em.count(e, {});
  return out;
}

describe('CSV import of the book files', () => {
  let t: TestOrm;
  beforeAll(async () => {
    t = await openMigratedOrm();
  });
  afterAll(() => t?.close());

  it('imports all five files in dependency order with their quirks', async () => {
    const stats = await importFolder(t.orm, FIXTURES, silentProgress);
    expect(stats.map((s) => [s.file, s.read, s.inserted, s.skipped])).toEqual([
      ['products.csv', 6, 6, 0],
      ['orders.csv', 4, 4, 0],
      ['reviews.csv', 3, 3, 0],
      ['articles.csv', 4, 4, 0],
      ['views.csv', 5, 5, 0],
    ]);
    const em = t.orm.em.fork();
    const amiga = await em.findOneOrFail(Product, { name: 'Amiga 500' }, { populate: ['countries', 'manufacturer'] });
    expect(
      amiga.countries
        .getItems()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Germany', 'USA']);
    expect(amiga.manufacturer.name).toBe('Commodore');
    expect((await em.findOneOrFail(Product, { name: 'Sharp MZ-80K' })).cpu).toBeNull();
    expect(await em.count(Manufacturer, { name: 'Acorn Computers, Ltd.' })).toBe(1);
    // Empty item slots are not items: 2 + 3 + 1 + 1 lines.
    expect(await em.count(OrderItem, {})).toBe(7);
    // A product without a price takes the unit price of its latest order.
    expect((await em.findOneOrFail(Product, { name: 'Commodore 64' })).price).toBe(279.5);
    expect((await em.findOneOrFail(Product, { name: 'Sharp MZ-80K' })).price).toBe(1200);
    const ada = await em.find(Order, { customer: { name: 'Ada Byte' } }, { populate: ['customer'] });
    expect(ada.map((o) => o.customer.address)).toEqual(['12 Lovelace Lane, London', '12 Lovelace Lane, London']);
    expect((await em.findOneOrFail(ProductReview, { product: { name: 'ZX Spectrum' } })).comment).toBeNull();
    const german = await em.findOneOrFail(BlogArticle, { language: { name: 'German' } }, { populate: ['translationOf', 'language'] });
    expect(german.translationOf!.title).toBe('Why the Commodore 64, still, matters');
    expect((await em.findOneOrFail(BlogArticle, { title: 'Store news' })).language).toBeNull();
    expect(await em.count(BlogSession, {})).toBe(3);
    const readers = await em.find(BlogUser, {}, { populate: ['customer'], orderBy: { id: 'asc' } });
    expect(readers.map((u) => u.customer?.name ?? null)).toEqual(['Ada Byte', null]);
  });

  it('adds nothing when the same files are imported again', async () => {
    const before = await tableCounts(t);
    const stats = await importFolder(t.orm, FIXTURES, silentProgress);
    expect(stats.map((s) => s.inserted)).toEqual([0, 0, 0, 0, 0]);
    expect(stats.map((s) => s.skipped)).toEqual([6, 4, 3, 4, 5]);
    expect(await tableCounts(t)).toEqual(before);
  });

  describe('a bad row aborts its file, names its line and column, and changes nothing', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-csv-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      [
        'reviews.csv',
        'customer,product,timestamp,rating,comment\nAda Byte,Commodore 64,2022-03-01 10:00:00,4,fine\nKay Nibble,BBC Micro,2022-03-02 10:00:00,6,too good\n',
        /reviews\.csv:3 \(column rating\)/,
      ],
      ['reviews.csv', 'customer,product,timestamp,rating,comment\nNobody Known,Commodore 64,2022-03-01 10:00:00,4,\n', /reviews\.csv:2 \(column customer\): unknown customer "Nobody Known"/],
      [
        'orders.csv',
        'name,address,phone,timestamp,product1,unit_price1,quantity1,product2,unit_price2,quantity2,product3,unit_price3,quantity3\nNew Person,,,2023-01-01 10:00:00,BBC Micro,300.00,1,Vaporware,1.00,1,"",0.00,0\n',
        /orders\.csv:2 \(column product2\): unknown product "Vaporware"/,
      ],
      [
        'orders.csv',
        'name,address,phone,timestamp,product1,unit_price1,quantity1,product2,unit_price2,quantity2,product3,unit_price3,quantity3\nNew Person,,,2023-02-30 10:00:00,BBC Micro,300.00,1,"",0.00,0,"",0.00,0\n',
        /orders\.csv:2 \(column timestamp\)/,
      ],
      ['products.csv', 'country,manufacturer,name,year\nUK,Newco,Newbox,1990\n', /products\.csv:1 \(column cpu\): missing column/],
      ['products.csv', 'country,manufacturer,name,cpu,year\nUK,Newco,Newbox,Z80,1990\nUK,Newco,Otherbox,Z80,nineteen\n', /products\.csv:3 \(column year\)/],
      ['views.csv', 'title,user,customer,session,timestamp\nRestoring yellowed plastic,not-a-uuid,,aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa,2022-01-11 08:00:00\n', /views\.csv:2 \(column user\)/],
    ])('%s %#', async (file, content, message) => {
      const target = path.join(dir, file);
      writeFileSync(target, content);
      const before = await tableCounts(t);
      const error = await importFile(t.orm, target, silentProgress).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(message);
      expect(await tableCounts(t)).toEqual(before);
    });

    it('matches columns by header name, in any order', async () => {
      const target = path.join(dir, 'products.csv');
      writeFileSync(target, 'year,name,cpu,manufacturer,country\n1989,Reordered,"",Newco,"Japan/UK"\n');
      const stats = await importFile(t.orm, target, silentProgress);
      expect(stats.inserted).toBe(1);
      const p = await t.orm.em.fork().findOneOrFail(Product, { name: 'Reordered' }, { populate: ['countries'] });
      expect([
        p.year,
        p.cpu,
        p.countries
          .getItems()
          .map((c) => c.name)
          .sort(),
      ]).toEqual([1989, null, ['Japan', 'UK']]);
    });

    it('imports a single file given on its own', async () => {
      cpSync(path.join(FIXTURES, 'reviews.csv'), path.join(dir, 'reviews.csv'));
      expect((await importFile(t.orm, path.join(dir, 'reviews.csv'), silentProgress)).skipped).toBe(3);
    });
  });
});
