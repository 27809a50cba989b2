import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const QUERY = `query P($n: Int) {
  products(first: $n, orderBy: [{ field: NAME, direction: ASC }]) {
    nodes { name manufacturer { name } countries { name } reviews(first: 3) { nodes { rating customer { name } } } }
  }
}`;

interface Sql {
  statements: number;
  strategy: string;
}

describe('loading strategies (the acceptance query)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function run(strategy: string, n: number) {
    const res = await t.gql(QUERY, { n }, { 'x-loading-strategy': strategy });
    expect(res.errors).toBeUndefined();
    return { data: res.data, sql: res.extensions!.sql as Sql };
  }

  it('lazy grows with the page size; batched and eager do not', async () => {
    const [lazy2, lazy20] = [await run('lazy', 2), await run('lazy', 20)];
    expect(lazy20.sql.statements).toBeGreaterThan(lazy2.sql.statements);
    const [batched2, batched20] = [await run('batched', 2), await run('batched', 20)];
    expect(batched2.sql.statements).toBe(batched20.sql.statements);
    // Root, manufacturer, countries, reviews, review customers: one statement per level.
    expect(batched20.sql.statements).toBe(5);
    const [eager2, eager20] = [await run('eager', 2), await run('eager', 20)];
    expect(eager2.sql.statements).toBe(eager20.sql.statements);
    expect(eager20.sql.statements).toBeLessThanOrEqual(batched20.sql.statements);
  });

  it('returns identical JSON under every strategy and reports the strategy used', async () => {
    const runs = await Promise.all(['lazy', 'batched', 'eager'].map((s) => run(s, 20)));
    for (const r of runs) expect(r.data).toEqual(runs[0]!.data);
    expect(runs.map((r) => r.sql.strategy)).toEqual(['lazy', 'batched', 'eager']);
  });

  it('counts statements per request even when requests run concurrently', async () => {
    const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => run(i % 2 ? 'batched' : 'lazy', 20)));
    const lazy = runs.filter((r) => r.sql.strategy === 'lazy').map((r) => r.sql.statements);
    const batched = runs.filter((r) => r.sql.strategy === 'batched').map((r) => r.sql.statements);
    expect(new Set(lazy).size).toBe(1);
    expect(batched).toEqual([5, 5, 5]);
  });

  it('uses the server default without the header, and rejects an unknown strategy', async () => {
    const res = await t.gql(QUERY, { n: 2 });
    expect((res.extensions!.sql as Sql).strategy).toBe(t.config.loadingStrategy);
    const bad = await fetch(t.app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-loading-strategy': 'psychic' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});
