import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { headersFor, type Who } from './support/auth.js';
import { LOADING_STRATEGIES, loadBudgets, loadOperations } from './support/operations.js';

/**
 * Statement budgets: every example operation, under every loading strategy, against the demo
 * data, must cost exactly its recorded number of SQL statements (operations/budgets.json) and
 * return the same data whatever the strategy. A change that brings back an N+1 fails here.
 */
describe('example operations', () => {
  let t: TestApp;
  const budgets = loadBudgets();
  const operations = loadOperations();

  let editor: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    // As an editor, so that operations may read orders and customers (one statement checks the role).
    editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
  });
  afterAll(() => t?.close());

  it('every operation has a budget and every budget an operation', () => {
    expect(Object.keys(budgets).sort()).toEqual(operations.map((o) => o.name));
  });

  describe.each(operations.map((o) => [o.name, o] as const))('%s', (name, op) => {
    it('costs exactly its budget under each strategy and returns identical data', async () => {
      const results = [];
      for (const strategy of LOADING_STRATEGIES) {
        const res = await t.gql(op.document, op.variables, { ...editor, 'x-loading-strategy': strategy });
        expect(res.errors, `${name} (${strategy})`).toBeUndefined();
        expect(res.extensions?.sql, `${name} (${strategy})`).toEqual({ statements: budgets[name]![strategy], strategy });
        expect(res.extensions?.cost, `${name} (${strategy})`).toEqual({ requested: budgets[name]!.cost, limit: t.config.limits.cost });
        results.push(res.data);
      }
      expect(results[0]).toBeTruthy();
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    });
  });
});
