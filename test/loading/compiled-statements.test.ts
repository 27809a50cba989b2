import { raw } from '@mikro-orm/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledStatementCount, statementKey } from '../../src/loading/compiled-statements.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('compiled row statements', () => {
  it('key only JSON-like values, and tell a date from its text', () => {
    const when = new Date('2024-01-02T03:04:05.000Z');
    expect(statementKey([{ timestamp: { $lt: when } }])).toBe(statementKey([{ timestamp: { $lt: new Date(when) } }]));
    expect(statementKey([{ timestamp: { $lt: when } }])).not.toBe(statementKey([{ timestamp: { $lt: when.toISOString() } }]));
    expect(statementKey([{ name: 'a' }])).not.toBe(statementKey([{ name: 'b' }]));
    // A raw fragment, a class instance or a symbol-keyed object may carry what JSON drops: not cached.
    expect(statementKey([{ name: raw('lower(name)') }])).toBeUndefined();
    expect(statementKey([{ at: new Map() }])).toBeUndefined();
    expect(statementKey([{ [Symbol('s')]: 1, a: 1 }])).toBeUndefined();
  });

  describe('through /graphql (eager)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ loadingStrategy: 'eager' });
    });
    afterAll(() => t?.close());

    const PAGE = `query P($first: Int, $after: String, $q: String) {
      products(first: $first, after: $after, filter: { nameContains: $q }) { totalCount pageInfo { endCursor } nodes { name manufacturer { name } } }
    }`;
    const run = async (variables: Record<string, unknown>) => {
      const res = await t.gql<{ products: { totalCount: number; pageInfo: { endCursor: string }; nodes: { name: string }[] } }>(PAGE, variables);
      expect(res.errors).toBeUndefined();
      return res.data!.products;
    };

    it('compile a page once and answer the same from the compiled text; other values compile their own', async () => {
      const config = t.app.orm.config;
      const before = compiledStatementCount(config);
      const first = await run({ first: 3 });
      expect(compiledStatementCount(config)).toBe(before + 1);
      expect(await run({ first: 3 })).toEqual(first);
      expect(compiledStatementCount(config)).toBe(before + 1);
      // The next page (a cursor), another size and another filter are other statements, with other answers.
      const next = await run({ first: 3, after: first.pageInfo.endCursor });
      expect(next.nodes.map((n) => n.name)).not.toEqual(first.nodes.map((n) => n.name));
      const amiga = await run({ first: 3, q: 'amiga' });
      expect(amiga.nodes.every((n) => /amiga/i.test(n.name))).toBe(true);
      expect(amiga.totalCount).toBeLessThan(first.totalCount);
      expect(compiledStatementCount(config)).toBe(before + 3);
      // …and each answers from its own text when asked again.
      expect(await run({ first: 3, q: 'amiga' })).toEqual(amiga);
      expect(await run({ first: 3, after: first.pageInfo.endCursor })).toEqual(next);
    });
  });
});
