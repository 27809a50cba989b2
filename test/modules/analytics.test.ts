import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlogArticle } from '../../src/modules/blog/blog-article.entity.js';
import { BlogAuthor } from '../../src/modules/blog/blog-author.entity.js';
import { BlogSession } from '../../src/modules/blog/blog-session.entity.js';
import { BlogUser } from '../../src/modules/blog/blog-user.entity.js';
import { BlogView } from '../../src/modules/blog/blog-view.entity.js';
import { Language } from '../../src/modules/blog/language.entity.js';
import { Country } from '../../src/modules/catalog/country.entity.js';
import { Manufacturer } from '../../src/modules/catalog/manufacturer.entity.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { ProductReview } from '../../src/modules/reviews/product-review.entity.js';
import { Customer } from '../../src/modules/sales/customer.entity.js';
import { OrderItem } from '../../src/modules/sales/order-item.entity.js';
import { Order } from '../../src/modules/sales/order.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

const at = (iso: string) => new Date(`${iso}Z`);

/**
 * A small store whose figures are worked out by hand below (never read back from the reports):
 *   products  P1 "Alpha One" (Alpha, Z80, 1980, Xland)   P2 "Alpha Two" (Alpha, 6502, 1982, Xland+Yland)
 *             P3 "Beta Box" (Beta, no CPU, 1985, Yland)
 *   orders    O1 Ann 2022-01-10: P1×2 @10, P2×1 @20 = 40   O2 Bob 2022-01-20: P2×3 @20 = 60
 *             O3 Ann 2022-02-05: P3×1 @100, P1×1 @10 = 110
 *   reviews   P1 by Ann 5 (2022-03), P1 by Bob 3 (2022-03), P2 by Ann 4 (2022-04)
 *   blog      A1 (English, about P1) and its German translation A2; readers U1 (= Ann, session S1)
 *             and U2 (anonymous, sessions S2 and S3); views A1/S1 05-01, A1/S2 05-01, A2/S3 05-02, A1/S1 06-01
 */
describe('analytics reports', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: false });
    const em = t.app.orm.em.fork();
    const [alpha, beta] = [em.create(Manufacturer, { name: 'Alpha' }), em.create(Manufacturer, { name: 'Beta' })];
    const [x, y] = [em.create(Country, { name: 'Xland' }), em.create(Country, { name: 'Yland' })];
    const p1 = em.create(Product, { name: 'Alpha One', manufacturer: alpha, cpu: 'Z80', year: 1980, price: 10, countries: [x] });
    const p2 = em.create(Product, { name: 'Alpha Two', manufacturer: alpha, cpu: '6502', year: 1982, price: 20, countries: [x, y] });
    const p3 = em.create(Product, { name: 'Beta Box', manufacturer: beta, cpu: null, year: 1985, price: 100, countries: [y] });
    const [ann, bob] = [em.create(Customer, { name: 'Ann' }), em.create(Customer, { name: 'Bob' })];
    const order = (customer: Customer, when: string, lines: [Product, number, number][]) => {
      const o = em.create(Order, { customer, timestamp: at(when) });
      for (const [product, quantity, unitPrice] of lines) em.create(OrderItem, { order: o, product, quantity, unitPrice });
    };
    order(ann, '2022-01-10T10:00:00', [
      [p1, 2, 10],
      [p2, 1, 20],
    ]);
    order(bob, '2022-01-20T10:00:00', [[p2, 3, 20]]);
    order(ann, '2022-02-05T23:30:00', [
      [p3, 1, 100],
      [p1, 1, 10],
    ]);
    em.create(ProductReview, { product: p1, customer: ann, rating: 5, timestamp: at('2022-03-01T00:00:00') });
    em.create(ProductReview, { product: p1, customer: bob, rating: 3, timestamp: at('2022-03-02T00:00:00') });
    em.create(ProductReview, { product: p2, customer: ann, rating: 4, timestamp: at('2022-04-01T00:00:00') });
    const writer = em.create(BlogAuthor, { name: 'Writer' });
    const [english, german] = [em.create(Language, { name: 'English' }), em.create(Language, { name: 'German' })];
    const a1 = em.create(BlogArticle, { title: 'A1', author: writer, language: english, product: p1, timestamp: at('2022-04-30T00:00:00') });
    const a2 = em.create(BlogArticle, { title: 'A2', author: writer, language: german, translationOf: a1, timestamp: at('2022-04-30T00:00:00') });
    const [u1, u2] = [em.create(BlogUser, { customer: ann }), em.create(BlogUser, {})];
    const [s1, s2, s3] = [em.create(BlogSession, { user: u1 }), em.create(BlogSession, { user: u2 }), em.create(BlogSession, { user: u2 })];
    for (const [article, session, when] of [
      [a1, s1, '2022-05-01T08:00:00'],
      [a1, s2, '2022-05-01T09:00:00'],
      [a2, s3, '2022-05-02T10:00:00'],
      [a1, s1, '2022-06-01T11:00:00'],
    ] as const) {
      em.create(BlogView, { article, session, timestamp: at(when) });
    }
    await em.flush();
    Object.assign(ids, { beta: beta.nodeId, y: y.nodeId, a1: a1.nodeId, german: german.nodeId });
    editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
  });
  afterAll(() => t?.close());

  async function report<T>(query: string, strategy = 'batched') {
    const res = await t.gql<T>(query, {}, { ...editor, 'x-loading-strategy': strategy });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return { data: res.data!, statements: (res.extensions!.sql as { statements: number }).statements };
  }
  type Sales = { salesStats: { key: Record<string, { name?: string } | string | null>; orders: number; units: number; revenue: number; averageOrderValue: number }[] };
  const named = (k: { name?: string } | string | null) => (k && typeof k === 'object' ? k.name : k);

  it('computes only the metrics the selection reads, plus the ones it sorts on', async () => {
    const sql: string[] = [];
    const config = t.app.orm.config as unknown as { get(k: 'onQuery'): (q: string, p: unknown) => string; set(k: 'onQuery', v: (q: string, p: unknown) => string): void };
    const previous = config.get('onQuery');
    config.set('onQuery', (q, p) => {
      if (/ from orders_items oi /.test(q) || / from products_reviews r /.test(q)) sql.push(q);
      return previous(q, p);
    });
    try {
      const revenue = await report<{ salesStats: { revenue: number }[] }>(`{ salesStats(groupBy: [PRODUCT], first: 2) { revenue } }`);
      expect(revenue.data.salesStats.length).toBe(2);
      expect(sql.at(-1)).toMatch(/sum\(oi\.line_total\) as revenue/);
      expect(sql.at(-1)).not.toMatch(/count\(distinct/);
      await report(`{ salesStats(groupBy: [PRODUCT], orderBy: [{ field: ORDERS, direction: DESC }], first: 2) { ... on SalesStatsRow { units } } }`);
      expect(sql.at(-1)).toMatch(/as orders/);
      expect(sql.at(-1)).toMatch(/as units/);
      expect(sql.at(-1)).not.toMatch(/average_order_value|as revenue/);
      await report(`{ reviewStats(groupBy: [PRODUCT]) { count } }`);
      expect(sql.at(-1)).not.toMatch(/average_rating|min_rating|max_rating/);
    } finally {
      config.set('onQuery', previous);
    }
  });

  describe('salesStats', () => {
    it('by product, largest revenue first, in one report statement plus one batched product load', async () => {
      const { data, statements } = await report<Sales>(
        `{ salesStats(groupBy: [PRODUCT], orderBy: [{ field: REVENUE, direction: DESC }], first: 10) { key { product { name } } orders units revenue averageOrderValue } }`,
      );
      expect(data.salesStats.map((r) => [named(r.key.product!), r.orders, r.units, r.revenue, r.averageOrderValue])).toEqual([
        ['Beta Box', 1, 1, 100, 100],
        ['Alpha Two', 2, 4, 80, 40],
        ['Alpha One', 2, 3, 30, 15],
      ]);
      // The role check, the GROUP BY, the products behind the keys.
      expect(statements).toBe(3);
    });

    it('with eager rows, reads the entities behind the keys in the report statement itself', async () => {
      // Every entity dimension at once (customers have uuid keys), and a relation below a key.
      const query = `{ salesStats(groupBy: [CUSTOMER, PRODUCT, COUNTRY], orderBy: [{ field: REVENUE, direction: DESC }]) {
        key { customer { name } product { name year manufacturer { name } } country { name } } revenue } }`;
      const batched = await report<Sales>(query);
      const eager = await report<Sales>(query, 'eager');
      expect(eager.data).toEqual(batched.data);
      expect(batched.data.salesStats.length).toBeGreaterThan(2);
      // The role check, the GROUP BY with its keys' rows, the products' manufacturers — against
      // batched's role check, GROUP BY, customers, products, countries and manufacturers.
      expect(eager.statements).toBe(3);
      expect(batched.statements).toBe(6);
      // A key naming no row (a product deleted since) stays null under both.
      const reviews = `{ reviewStats(groupBy: [MANUFACTURER, PRODUCT]) { key { manufacturer { name } product { name } } count } }`;
      expect((await report(reviews, 'eager')).data).toEqual((await report(reviews)).data);
    });

    it.each([
      [
        'MONTH',
        [
          ['2022-01', 2, 6, 100],
          ['2022-02', 1, 2, 110],
        ],
      ],
      ['YEAR', [['2022', 3, 8, 210]]],
      [
        'DAY',
        [
          ['2022-01-10', 1, 3, 40],
          ['2022-01-20', 1, 3, 60],
          ['2022-02-05', 1, 2, 110],
        ],
      ],
    ])('by %s (UTC buckets, keys ascending)', async (dim, expected) => {
      const { data } = await report<Sales>(`{ salesStats(groupBy: [${dim}], orderBy: [{ field: KEY, direction: ASC }]) { key { period } orders units revenue } }`);
      expect(data.salesStats.map((r) => [r.key.period, r.orders, r.units, r.revenue])).toEqual(expected);
    });

    it.each([
      [
        'MANUFACTURER',
        'manufacturer { name }',
        [
          ['Alpha', 3, 7, 110],
          ['Beta', 1, 1, 100],
        ],
      ],
      [
        'COUNTRY',
        'country { name }',
        [
          ['Xland', 3, 7, 110],
          ['Yland', 3, 5, 180],
        ],
      ],
      [
        'CUSTOMER',
        'customer { name }',
        [
          ['Ann', 2, 5, 150],
          ['Bob', 1, 3, 60],
        ],
      ],
      [
        'CPU',
        'cpu',
        [
          ['6502', 2, 4, 80],
          ['Z80', 2, 3, 30],
          [null, 1, 1, 100],
        ],
      ],
    ])('by %s', async (dim, selection, expected) => {
      const { data } = await report<Sales>(`{ salesStats(groupBy: [${dim}], orderBy: [{ field: KEY, direction: ASC }]) { key { ${selection} } orders units revenue } }`);
      const field = selection.split(' ')[0]!;
      expect(data.salesStats.map((r) => [named(r.key[field]!), r.orders, r.units, r.revenue])).toEqual(expected);
    });

    it('by two dimensions, and with filters', async () => {
      const two = await report<Sales>(`{ salesStats(groupBy: [PRODUCT, MONTH], orderBy: [{ field: KEY, direction: ASC }]) { key { product { name } period } revenue } }`);
      expect(two.data.salesStats.map((r) => [named(r.key.product!), r.key.period, r.revenue])).toEqual([
        ['Alpha One', '2022-01', 20],
        ['Alpha One', '2022-02', 10],
        ['Alpha Two', '2022-01', 80],
        ['Beta Box', '2022-02', 100],
      ]);
      const late = await report<Sales>(
        `{ salesStats(groupBy: [PRODUCT], filter: { timestamp: { from: "2022-01-15T00:00:00Z" } }, orderBy: [{ field: KEY, direction: ASC }]) { key { product { name } } revenue } }`,
      );
      expect(late.data.salesStats.map((r) => [named(r.key.product!), r.revenue])).toEqual([
        ['Alpha One', 10],
        ['Alpha Two', 60],
        ['Beta Box', 100],
      ]);
      const yland = await report<Sales>(`{ salesStats(groupBy: [PRODUCT], filter: { countryId: "${ids.y}" }, orderBy: [{ field: KEY, direction: ASC }]) { key { product { name } } revenue } }`);
      expect(yland.data.salesStats.map((r) => [named(r.key.product!), r.revenue])).toEqual([
        ['Alpha Two', 80],
        ['Beta Box', 100],
      ]);
      const beta = await report<Sales>(`{ salesStats(groupBy: [CUSTOMER], filter: { manufacturerId: "${ids.beta}" }) { key { customer { name } } revenue } }`);
      expect(beta.data.salesStats.map((r) => [named(r.key.customer!), r.revenue])).toEqual([['Ann', 100]]);
    });

    it('equals a direct SQL computation', async () => {
      const { data } = await report<Sales>(`{ salesStats(groupBy: [PRODUCT], orderBy: [{ field: UNITS, direction: DESC }]) { key { product { name } } units revenue } }`);
      const direct = await t.app.orm.em
        .fork()
        .execute<{ name: string; units: unknown; revenue: unknown }[]>(
          'select p.name as name, sum(oi.quantity) as units, sum(oi.quantity * oi.unit_price) as revenue from orders_items oi join products p on p.id = oi.product_id group by p.name order by 2 desc, 1',
        );
      expect(data.salesStats.map((r) => [named(r.key.product!), r.units, r.revenue])).toEqual(direct.map((d) => [d.name, Number(d.units), Number(d.revenue)]));
    });

    it.each([
      ['[PRODUCT, MONTH, CPU, YEAR]', '', 'groupBy'],
      ['[PRODUCT, PRODUCT]', '', 'groupBy'],
      ['[PRODUCT]', ', first: 1001', 'first'],
    ])('refuses groupBy %s%s', async (groupBy, extra, argument) => {
      const res = await t.gql(`{ salesStats(groupBy: ${groupBy}${extra}) { revenue } }`, {}, editor);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    });

    it('is for editors only', async () => {
      const res = await t.gql(`{ salesStats(groupBy: [PRODUCT]) { revenue } }`);
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('reviewStats, pageViewStats, catalogStats', () => {
    it('reviews by product, by rating, by month', async () => {
      type R = { reviewStats: { key: { product?: { name: string }; rating?: number; period?: string }; count: number; averageRating: number; minRating: number; maxRating: number }[] };
      const byProduct = await report<R>(`{ reviewStats(groupBy: [PRODUCT], orderBy: [{ field: COUNT, direction: DESC }]) { key { product { name } } count averageRating minRating maxRating } }`);
      expect(byProduct.data.reviewStats.map((r) => [r.key.product!.name, r.count, r.averageRating, r.minRating, r.maxRating])).toEqual([
        ['Alpha One', 2, 4, 3, 5],
        ['Alpha Two', 1, 4, 4, 4],
      ]);
      const byRating = await report<R>(`{ reviewStats(groupBy: [RATING], orderBy: [{ field: KEY, direction: DESC }]) { key { rating } count } }`);
      expect(byRating.data.reviewStats.map((r) => [r.key.rating, r.count])).toEqual([
        [5, 1],
        [4, 1],
        [3, 1],
      ]);
      const byMonth = await report<R>(`{ reviewStats(groupBy: [MONTH], filter: { minRating: 4 }, orderBy: [{ field: KEY, direction: ASC }]) { key { period } count averageRating } }`);
      expect(byMonth.data.reviewStats.map((r) => [r.key.period, r.count, r.averageRating])).toEqual([
        ['2022-03', 1, 5],
        ['2022-04', 1, 4],
      ]);
    });

    it('page views by article, by kind of reader, by day', async () => {
      type V = { pageViewStats: { key: { article?: { title: string }; visitorKind?: string; period?: string; language?: { name: string } }; views: number; sessions: number; users: number }[] };
      const byArticle = await report<V>(`{ pageViewStats(groupBy: [ARTICLE]) { key { article { title } } views sessions users } }`);
      expect(byArticle.data.pageViewStats.map((r) => [r.key.article!.title, r.views, r.sessions, r.users])).toEqual([
        ['A1', 3, 2, 2],
        ['A2', 1, 1, 1],
      ]);
      const byKind = await report<V>(`{ pageViewStats(groupBy: [VISITOR_KIND], orderBy: [{ field: KEY, direction: ASC }]) { key { visitorKind } views sessions users } }`);
      expect(byKind.data.pageViewStats.map((r) => [r.key.visitorKind, r.views, r.sessions, r.users])).toEqual([
        ['ANONYMOUS', 2, 2, 1],
        ['CUSTOMER', 2, 1, 1],
      ]);
      const byDay = await report<V>(`{ pageViewStats(groupBy: [DAY], filter: { articleId: "${ids.a1}" }, orderBy: [{ field: KEY, direction: ASC }]) { key { period } views } }`);
      expect(byDay.data.pageViewStats.map((r) => [r.key.period, r.views])).toEqual([
        ['2022-05-01', 2],
        ['2022-06-01', 1],
      ]);
      const byLanguage = await report<V>(`{ pageViewStats(groupBy: [LANGUAGE], orderBy: [{ field: KEY, direction: ASC }]) { key { language { name } } views } }`);
      expect(byLanguage.data.pageViewStats.map((r) => [r.key.language!.name, r.views])).toEqual([
        ['English', 3],
        ['German', 1],
      ]);
    });

    it('catalog by manufacturer, country and CPU', async () => {
      type C = { catalogStats: { key: { manufacturer?: { name: string }; country?: { name: string }; cpu?: string | null }; products: number; firstYear: number; lastYear: number }[] };
      const m = await report<C>(`{ catalogStats(groupBy: [MANUFACTURER]) { key { manufacturer { name } } products firstYear lastYear } }`);
      expect(m.data.catalogStats.map((r) => [r.key.manufacturer!.name, r.products, r.firstYear, r.lastYear])).toEqual([
        ['Alpha', 2, 1980, 1982],
        ['Beta', 1, 1985, 1985],
      ]);
      const c = await report<C>(`{ catalogStats(groupBy: [COUNTRY]) { key { country { name } } products firstYear lastYear } }`);
      expect(c.data.catalogStats.map((r) => [r.key.country!.name, r.products, r.firstYear, r.lastYear])).toEqual([
        ['Xland', 2, 1980, 1982],
        ['Yland', 2, 1982, 1985],
      ]);
      const cpu = await report<C>(`{ catalogStats(groupBy: [CPU]) { key { cpu } products } }`);
      expect(cpu.data.catalogStats.map((r) => [r.key.cpu, r.products])).toEqual([
        ['6502', 1],
        ['Z80', 1],
        [null, 1],
      ]);
    });
  });

  describe("the book's language questions and orders page", () => {
    it('views of an article including its translations; originals lacking a translation', async () => {
      type A = { blogArticles: { nodes: { title: string; viewCount: number; viewCountWithTranslations: number }[] }; missing: { totalCount: number } };
      const { data } = await report<A>(
        `{ blogArticles(orderBy: [{ field: TITLE, direction: ASC }]) { nodes { title viewCount viewCountWithTranslations } } missing: blogArticles(filter: { missingTranslationInto: "${ids.german}" }) { totalCount } }`,
      );
      expect(data.blogArticles.nodes.map((a) => [a.title, a.viewCount, a.viewCountWithTranslations])).toEqual([
        ['A1', 3, 4],
        ['A2', 1, 4],
      ]);
      expect(data.missing.totalCount).toBe(0);
    });

    it('orders(search:) matches customer or product names, counts what it matches, in two statements besides the role check (one eager)', async () => {
      type O = { orders: { totalCount: number; nodes: { total: number }[] } };
      const one = await report<O>(`{ orders(search: "ONE", orderBy: [{ field: TOTAL, direction: DESC }]) { totalCount nodes { total } } }`);
      expect(one.data.orders).toEqual({ totalCount: 2, nodes: [{ total: 110 }, { total: 40 }] });
      // The role check, then the page and its count, and the totals for the whole page in one
      // GROUP BY (batched loading does not look ahead, and the total is only computed when asked).
      expect(one.statements).toBe(4);
      // Eager look-ahead computes the totals and the count in the page's own SELECT.
      const eager = await report<O>(`{ orders(search: "ONE", orderBy: [{ field: TOTAL, direction: DESC }]) { totalCount nodes { total } } }`, 'eager');
      expect(eager).toEqual({ data: one.data, statements: 2 });
      const bob = await report<O>(`{ orders(search: "bob") { totalCount nodes { total } } }`);
      expect(bob.data.orders).toEqual({ totalCount: 1, nodes: [{ total: 60 }] });
      const all = await report<O>(`{ orders(orderBy: [{ field: TOTAL, direction: DESC }]) { totalCount nodes { total } } }`);
      expect(all.data.orders.nodes.map((n) => n.total)).toEqual([110, 60, 40]);
    });
  });
});
