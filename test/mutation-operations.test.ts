import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { headersFor, type Who } from './support/auth.js';
import { OPERATIONS_DIR } from './support/operations.js';

const dir = path.join(OPERATIONS_DIR, 'mutations');
const operations = readdirSync(dir)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => [f.replace(/\.graphql$/, ''), readFileSync(path.join(dir, f), 'utf8')] as const);

/** The example mutations run as documented, with their default variables, against the demo data. */
describe('example mutations', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
  });
  afterAll(() => t?.close());

  it.each(operations)('%s succeeds as the demo editor', async (_name, document) => {
    const res = await t.gql(document, {}, editor);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(Object.values(res.data!)[0]).toBeTruthy();
  });

  it('PlaceOrder is idempotent when repeated', async () => {
    const document = operations.find(([name]) => name === 'PlaceOrder')![1];
    type R = { placeOrder: { replayed: boolean; order: { id: string } } };
    const first = await t.gql<R>(document, {}, editor);
    const again = await t.gql<R>(document, {}, editor);
    expect(again.data!.placeOrder.replayed).toBe(true);
    expect(again.data!.placeOrder.order.id).toBe(first.data!.placeOrder.order.id);
  });
});
