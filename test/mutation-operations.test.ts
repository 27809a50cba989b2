import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './support/app.js';
import { startAsEditor } from './support/auth.js';
import { loadOperations } from './support/operations.js';

const operations = loadOperations('mutations').map((o) => [o.name, o.document, o.variables] as const);

/** The example mutations run as documented, with the variables of operations/variables.json, against the demo data. */
describe('example mutations', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => ({ t, editor } = await startAsEditor()));
  afterAll(() => t?.close());

  it.each(operations)('%s succeeds as the demo editor', async (_name, document, variables) => {
    const res = await t.gql(document, variables, editor);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(Object.values(res.data!)[0]).toBeTruthy();
  });

  it('PlaceOrder is idempotent when repeated', async () => {
    const [, document, variables] = operations.find(([name]) => name === 'PlaceOrder')!;
    type R = { placeOrder: { replayed: boolean; order: { id: string } } };
    const first = await t.gql<R>(document, variables, editor);
    const again = await t.gql<R>(document, variables, editor);
    expect(again.data!.placeOrder.replayed).toBe(true);
    expect(again.data!.placeOrder.order.id).toBe(first.data!.placeOrder.order.id);
  });
});
