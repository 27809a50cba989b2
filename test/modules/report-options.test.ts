import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlogView } from '../../src/modules/blog/blog-view.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

/** pageViewStats by CUSTOMER: who reads the blog, checked against the views themselves. */
describe('pageViewStats(groupBy: [CUSTOMER])', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('counts the views of each customer, anonymous readers in one null group, in one GROUP BY that brings the customers too (eager, the default)', async () => {
    const views = await t.app.orm.em.fork().find(BlogView, {}, { populate: ['session.user.customer'] });
    const expected = new Map<string | null, number>();
    for (const v of views) {
      const name = v.session.user.customer?.name ?? null;
      expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    const editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
    const res = await t.gql<{ pageViewStats: { key: { customer: { name: string } | null }; views: number }[] }>(
      `{ pageViewStats(groupBy: [CUSTOMER]) { key { customer { id name } } views } }`,
      {},
      editor,
    );
    expect(res.errors).toBeUndefined();
    const got = new Map(res.data!.pageViewStats.map((r) => [r.key.customer?.name ?? null, r.views]));
    expect(got).toEqual(expected);
    // The role check, then the GROUP BY with the customers' rows (key-rows.ts).
    expect(res.extensions!.sql).toMatchObject({ statements: 2, strategy: 'eager' });
  });
});

describe('reviewStats(having: { minCount })', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('keeps only the groups with at least that many reviews, in the same one statement', async () => {
    type R = { reviewStats: { key: { product: { name: string } }; count: number }[] };
    const all = await t.gql<R>(`{ reviewStats(groupBy: [PRODUCT]) { key { product { name } } count } }`);
    const some = await t.gql<R>(`{ reviewStats(groupBy: [PRODUCT], having: { minCount: 2 }) { key { product { name } } count } }`);
    expect(some.errors).toBeUndefined();
    expect(some.data!.reviewStats).toEqual(all.data!.reviewStats.filter((r) => r.count >= 2));
    expect(some.data!.reviewStats.length).toBeGreaterThan(0);
    expect(some.data!.reviewStats.length).toBeLessThan(all.data!.reviewStats.length);
    expect(some.extensions!.sql).toEqual(all.extensions!.sql);
    const bad = await t.gql(`{ reviewStats(groupBy: [PRODUCT], having: { minCount: 0 }) { count } }`);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('catalogStats(filter:)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('counts only the products that match, without a country filter multiplying them', async () => {
    const { Product } = await import('../../src/modules/catalog/product.entity.js');
    const products = await t.app.orm.em.fork().find(Product, {}, { populate: ['countries', 'manufacturer'] });
    const uk = products.flatMap((p) => p.countries.getItems()).find((c) => c.name === 'UK')!;
    type R = { catalogStats: { key: { manufacturer: { name: string } }; products: number }[] };
    const res = await t.gql<R>(`query($c: ID!) { catalogStats(groupBy: [MANUFACTURER], filter: { countryId: $c, yearFrom: 1980 }) { key { manufacturer { name } } products } }`, { c: uk.nodeId });
    expect(res.errors).toBeUndefined();
    const expected = new Map<string, number>();
    for (const p of products) {
      if (p.year >= 1980 && p.countries.getItems().some((c) => c.id === uk.id)) expected.set(p.manufacturer.name, (expected.get(p.manufacturer.name) ?? 0) + 1);
    }
    expect(new Map(res.data!.catalogStats.map((r) => [r.key.manufacturer.name, r.products]))).toEqual(expected);
  });
});
