import { raw } from '@mikro-orm/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepFreeze, plansMade, thaw } from '../../src/loading/eager/plan-cache.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('look-ahead plans cached per operation and variables', () => {
  it('freeze plain objects and arrays only, and thaw into a mutable copy that keeps the rest', () => {
    const when = new Date('2024-01-02T00:00:00.000Z');
    const fragment = raw('lower(name)');
    const plan = deepFreeze({ where: [{ name: { $re: 'a' } }], at: when, sql: fragment });
    expect(Object.isFrozen(plan.where[0]!.name)).toBe(true);
    expect(() => {
      (plan.where[0]!.name as Record<string, string>).$re = 'b';
    }).toThrow(TypeError);
    // A date or a raw fragment is not the plan's to freeze.
    expect(Object.isFrozen(when)).toBe(false);
    expect(Object.isFrozen(fragment)).toBe(false);
    const copy = thaw(plan);
    copy.where[0]!.name.$re = 'b';
    expect(copy.where[0]!.name.$re).toBe('b');
    expect(plan.where[0]!.name.$re).toBe('a');
    expect(copy.at).toBe(when);
    expect(copy.sql).toBe(fragment);
  });

  describe('through /graphql', () => {
    let t: TestApp;
    /** The product with the most reviews. */
    let id: string;
    beforeAll(async () => {
      t = await startTestApp({ loadingStrategy: 'eager', loadingStrategyHeader: 'all' });
      const top = await t.gql<{ products: { nodes: { id: string; reviews: { totalCount: number } }[] } }>('{ products(first: 50) { nodes { id reviews { totalCount } } } }');
      id = top.data!.products.nodes.sort((a, b) => b.reviews.totalCount - a.reviews.totalCount)[0]!.id;
    });
    afterAll(() => t?.close());

    const DETAIL = `query D($id: ID!, $n: Int, $countries: Boolean!) {
      product(id: $id) {
        name
        countries @include(if: $countries) { name }
        reviews(first: $n, orderBy: [{ field: TIMESTAMP, direction: DESC }]) { totalCount nodes { rating customer { name } } }
      }
    }`;
    // Two root fields, each with a nested connection embedded in its statement (markers #c0, #c1).
    const TWO = `query T($a: Int, $b: Int) {
      big: manufacturers(first: 3) { nodes { name products(first: $a) { nodes { name } } } }
      small: manufacturers(first: 2) { nodes { name products(first: $b) { totalCount nodes { name year } } } }
    }`;

    async function run<T>(query: string, variables: Record<string, unknown>, strategy = 'eager') {
      const res = await t.gql<T>(query, variables, { 'x-loading-strategy': strategy });
      expect(res.errors).toBeUndefined();
      return { data: res.data!, statements: (res.extensions!.sql as { statements: number }).statements };
    }

    type Detail = { product: { countries?: { name: string }[]; reviews: { totalCount: number; nodes: unknown[] } } };
    it('work a plan out once, and answer the same operation and variables from it with the same statements', async () => {
      const before = plansMade();
      const first = await run<Detail>(DETAIL, { id, n: 1, countries: true });
      expect(plansMade()).toBe(before + 1);
      const again = await run<Detail>(DETAIL, { id, n: 1, countries: true });
      expect(plansMade()).toBe(before + 1);
      expect(again).toEqual(first);
      expect(first.data.product.reviews.nodes).toHaveLength(1);
      // Batched plans nothing ahead and answers the same.
      expect((await run<Detail>(DETAIL, { id, n: 1, countries: true }, 'batched')).data).toEqual(first.data);
    });

    it('make another plan for other variables: a page size, an @include', async () => {
      const before = plansMade();
      const two = await run<Detail>(DETAIL, { id, n: 2, countries: true });
      expect(two.data.product.reviews.nodes).toHaveLength(2);
      const without = await run<Detail>(DETAIL, { id, n: 2, countries: false });
      expect(without.data.product.countries).toBeUndefined();
      expect(plansMade()).toBe(before + 2);
      // Each answers from its own plan when asked again.
      expect(await run<Detail>(DETAIL, { id, n: 2, countries: false })).toEqual(without);
      expect(await run<Detail>(DETAIL, { id, n: 2, countries: true })).toEqual(two);
      expect(plansMade()).toBe(before + 2);
    });

    it('register each root field’s embedded connections again, under the same markers', async () => {
      type Two = Record<'big' | 'small', { nodes: { name: string; products: { totalCount?: number; nodes: { name: string; year?: number }[] } }[] }>;
      const expected = (await run<Two>(TWO, { a: 2, b: 1 }, 'batched')).data;
      const first = await run<Two>(TWO, { a: 2, b: 1 });
      const made = plansMade();
      const again = await run<Two>(TWO, { a: 2, b: 1 });
      expect(plansMade()).toBe(made);
      for (const answer of [first, again]) {
        expect(answer.data).toEqual(expected);
        expect(answer.statements).toBe(first.statements);
      }
      expect(again.data.small.nodes.every((m) => m.products.nodes.length <= 1 && m.products.totalCount !== undefined)).toBe(true);
      expect(again.data.big.nodes.some((m) => m.products.nodes.length === 2)).toBe(true);
    });
  });
});
