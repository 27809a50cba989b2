import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

/** % and _ in a search are characters, not LIKE wildcards, on both databases. */
describe('literal substring search', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
    for (const name of ['Plan 100% Retro', 'Plan_A Computer', 'PlanBA Computer', 'Back\\Slash']) {
      const res = await t.gql(`mutation($n: String!) { createManufacturer(input: { name: $n }) { manufacturer { name } } }`, { n: name }, editor);
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(() => t?.close());
  const names = async (text: string) =>
    (await t.gql<{ manufacturers: { nodes: { name: string }[] } }>(`query($s: String) { manufacturers(first: 50, filter: { nameContains: $s }) { nodes { name } } }`, { s: text }))
      .data!.manufacturers.nodes.map((n) => n.name)
      .sort();

  it.each([
    ['%', ['Plan 100% Retro']],
    ['_', ['Plan_A Computer']],
    ['n_A', ['Plan_A Computer']],
    ['\\', ['Back\\Slash']],
    ['PLAN_a', ['Plan_A Computer']],
    ['(', []],
    ['commodore', ['Commodore']],
  ])('nameContains %j matches literally and case-insensitively', async (text, expected) => {
    expect(await names(text)).toEqual(expected);
  });

  it('applies to the orders search too', async () => {
    const res = await t.gql<{ orders: { totalCount: number } }>(`{ orders(first: 1, search: "%") { totalCount } }`, {}, editor);
    expect(res.data!.orders.totalCount).toBe(0);
    const amiga = await t.gql<{ orders: { totalCount: number } }>(`{ orders(first: 1, search: "aMiGa") { totalCount } }`, {}, editor);
    expect(amiga.data!.orders.totalCount).toBeGreaterThan(0);
  });
});
