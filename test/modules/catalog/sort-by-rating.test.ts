import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductReview } from '../../../src/modules/reviews/product-review.entity.js';
import { Product } from '../../../src/modules/catalog/product.entity.js';
import { startTestApp, type TestApp } from '../../support/app.js';

type Page = { products: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { name: string; averageRating: number | null }[] } };
const Q = `query($dir: OrderDirection!, $after: String) {
  products(first: 7, after: $after, orderBy: [{ field: AVERAGE_RATING, direction: $dir }]) {
    pageInfo { hasNextPage endCursor } nodes { name averageRating }
  }
}`;

/** Products sorted by their mean rating, checked against the reviews themselves. */
describe('products sorted by average rating', () => {
  let t: TestApp;
  let means: Map<string, number | null>;
  beforeAll(async () => {
    t = await startTestApp();
    const em = t.app.orm.em.fork();
    const [products, reviews] = await Promise.all([em.find(Product, {}), em.find(ProductReview, {}, { populate: ['product'] })]);
    means = new Map(
      products.map((p) => {
        const r = reviews.filter((x) => x.product.id === p.id).map((x) => x.rating);
        return [p.name, r.length ? r.reduce((a, b) => a + b, 0) / r.length : null];
      }),
    );
  });
  afterAll(() => t?.close());

  const all = async (dir: 'ASC' | 'DESC') => {
    const out: { name: string; averageRating: number | null }[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { data?: Page | null; errors?: unknown } = await t.gql<Page>(Q, { dir, after });
      expect(res.errors).toBeUndefined();
      out.push(...res.data!.products.nodes);
      if (!res.data!.products.pageInfo.hasNextPage) return out;
      after = res.data!.products.pageInfo.endCursor;
    }
  };

  it.each(['ASC', 'DESC'] as const)('pages through every product %s, unrated last', async (dir) => {
    const rows = await all(dir);
    expect(rows.map((r) => r.name).sort()).toEqual([...means.keys()].sort());
    const rated = rows.filter((r) => means.get(r.name) != null);
    expect(rated.length).toBeGreaterThan(2);
    // Rated products first, in order of their true mean; then every unrated one.
    expect(rows.slice(0, rated.length)).toEqual(rated);
    const values = rated.map((r) => means.get(r.name)!);
    const sorted = [...values].sort((a, b) => (dir === 'ASC' ? a - b : b - a));
    expect(values).toEqual(sorted);
    for (const r of rated) expect(r.averageRating).toBeCloseTo(means.get(r.name)!, 2);
    expect(rows.slice(rated.length).every((r) => r.averageRating === null)).toBe(true);
  });
});
