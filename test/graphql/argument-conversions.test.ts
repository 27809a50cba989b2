import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argumentConversions } from '../../src/seams/type-graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';

interface Page {
  manufacturers: { nodes: { name: string; a: { nodes: { name: string; year: number }[] }; b?: { nodes: { name: string; year: number }[] } }[] };
}

/**
 * A nested field with an @Args object (Manufacturer.products) has TypeGraphQL convert and validate
 * its arguments once per field node and request (schema.ts, argumentsOnce); every parent's call
 * gets that object. The answers must be what each call would get with arguments of its own.
 */
describe('field arguments converted once per field node and request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ loadingStrategyHeader: 'all' });
  });
  afterAll(() => t?.close());

  const PAGE = `query P($year: Int) {
    manufacturers(first: 20) {
      nodes {
        name
        a: products(first: 1, filter: { yearFrom: $year }) { nodes { name year } }
        b: products(first: 3, filter: { yearFrom: $year }) { nodes { name year } }
      }
    }
  }`;

  async function run(strategy: string, year: number) {
    const before = argumentConversions();
    const res = await t.gql<Page>(PAGE, { year }, { 'x-loading-strategy': strategy });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return { nodes: res.data!.manufacturers.nodes, conversions: argumentConversions() - before };
  }

  it.each(['eager', 'batched', 'lazy'])('%s: once per aliased field, each alias with its own page size and the variable of its request', async (strategy) => {
    const early = await run(strategy, 1980);
    const late = await run(strategy, 1984);
    for (const { conversions } of [early, late]) expect(conversions).toBe(2);
    expect(early.nodes.length).toBeGreaterThan(3);
    const withProducts = early.nodes.filter((m) => m.b!.nodes.length > 1);
    expect(withProducts.length).toBeGreaterThan(0);
    for (const [page, year] of [
      [early, 1980],
      [late, 1984],
    ] as const) {
      for (const m of page.nodes) {
        expect(m.a.nodes.length).toBeLessThanOrEqual(1);
        expect(m.b!.nodes.length).toBeLessThanOrEqual(3);
        // The same order, so a's one product is b's first.
        expect(m.a.nodes).toEqual(m.b!.nodes.slice(0, 1));
        for (const p of m.b!.nodes) expect(p.year).toBeGreaterThanOrEqual(year);
      }
    }
    // The later request's filter was its own: products of 1980-1983 are gone from it.
    const early1980s = early.nodes.flatMap((m) => m.b!.nodes).filter((p) => p.year < 1984);
    expect(early1980s.length).toBeGreaterThan(0);
    expect(late.nodes.flatMap((m) => m.b!.nodes).filter((p) => p.year < 1984)).toEqual([]);
    // Every strategy answers the same.
    if (strategy !== 'eager') expect(early.nodes).toEqual((await run('eager', 1980)).nodes);
  });

  it('refuses invalid arguments for every parent, and the next request with valid ones is answered', async () => {
    const bad = await t.gql<Page>(PAGE, { year: 1800 });
    expect(bad.errors!.length).toBeGreaterThan(0);
    for (const e of bad.errors!) {
      expect(e.extensions!.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(e.extensions)).toContain('yearFrom');
      expect(e.path!.slice(0, 3)).toEqual(['manufacturers', 'nodes', expect.any(Number)]);
    }
    const good = await run('eager', 1980);
    expect(good.nodes.length).toBeGreaterThan(3);
  });
});
