import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOADING_STRATEGIES } from '../../src/loading/strategy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { audit, CLASS_RULE_RESOLVERS } from '../support/class-rules.js';

const PRODUCTS = 3;
type Products = { products: { nodes: { name: string; secretNote?: string | null; auditedName?: string; auditNote?: { text: string | null } }[] } };

/**
 * A class-level @Authorized or @UseMiddleware covers every field its class declares on every
 * path, the fast ones included (fast-fields.ts calls a (root, context) method directly and
 * reads a plain property without TypeGraphQL's resolver): under each loading strategy.
 */
describe('class-level rules on object fields', () => {
  let t: TestApp;
  const cache = new Map<Who, Record<string, string>>();
  const as = (who: Who, strategy: string) => headersFor(t, who, cache).then((h) => ({ ...h, 'x-loading-strategy': strategy }));
  beforeAll(async () => {
    t = await startTestApp({}, undefined, undefined, { extraResolvers: CLASS_RULE_RESOLVERS });
  });
  afterAll(() => t?.close());

  describe.each(LOADING_STRATEGIES)('%s', (strategy) => {
    const query = `{ products(first: ${PRODUCTS}) { nodes { name secretNote } } }`;
    it.each([
      ['anonymous', 'UNAUTHENTICATED'],
      ['basic', 'FORBIDDEN'],
    ] as const)('a class-level role refuses %s on a (root, context) method', async (who, code) => {
      const res = await t.gql<Products>(query, {}, await as(who, strategy));
      expect(res.data?.products.nodes.map((n) => n.secretNote)).toEqual(Array(PRODUCTS).fill(null));
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(Array(PRODUCTS).fill(code));
      expect(res.errors?.map((e) => e.path?.at(-1))).toEqual(Array(PRODUCTS).fill('secretNote'));
    });

    it('a class-level role lets editors through', async () => {
      const res = await t.gql<Products>(query, {}, await as('editor', strategy));
      expect(res.errors).toBeUndefined();
      expect(res.data!.products.nodes.map((n) => n.secretNote)).toEqual(res.data!.products.nodes.map((n) => `secret of ${n.name}`));
    });

    it('a class-level role on an object type guards its plain properties', async () => {
      const q = `{ products(first: ${PRODUCTS}) { nodes { name auditNote { text } } } }`;
      const editor = await t.gql<Products>(q, {}, await as('editor', strategy));
      expect(editor.data?.products.nodes.map((n) => n.auditNote?.text)).toEqual(Array(PRODUCTS).fill(null));
      expect(editor.errors?.map((e) => e.extensions?.code)).toEqual(Array(PRODUCTS).fill('FORBIDDEN'));
      const admin = await t.gql<Products>(q, {}, await as('admin', strategy));
      expect(admin.errors).toBeUndefined();
      expect(admin.data!.products.nodes.map((n) => n.auditNote?.text)).toEqual(admin.data!.products.nodes.map((n) => n.name));
    });

    it('a class-level middleware runs for every value of a (root, context) method', async () => {
      const before = audit.calls;
      const res = await t.gql<Products>(`{ products(first: ${PRODUCTS}) { nodes { name auditedName } } }`, {}, await as('anonymous', strategy));
      expect(res.errors).toBeUndefined();
      expect(res.data!.products.nodes.map((n) => n.auditedName)).toEqual(res.data!.products.nodes.map((n) => n.name));
      expect(audit.calls - before).toBe(PRODUCTS);
    });
  });
});
