import { DeadlockException } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManufacturerFactory } from '../../seeders/factories.js';
import { createContext } from '../../src/context.js';
import { fieldPlans } from '../../src/graphql/schema.js';
import { runMutation } from '../../src/graphql/mutation.js';
import { Manufacturer } from '../../src/modules/catalog/manufacturer.entity.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { ProductReview } from '../../src/modules/reviews/product-review.entity.js';
import type { TestApp } from '../support/app.js';
import { startAsEditor } from '../support/auth.js';
import { toGlobalId } from '../../src/graphql/node.js';

describe('mutations', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => ({ t, editor } = await startAsEditor()));
  afterAll(() => t?.close());

  it('createProduct returns the product with its relations; the same name again is a CONFLICT', async () => {
    const q = `mutation($input: CreateProductInput!) { createProduct(input: $input) { product { name year price manufacturer { name } countries { name } } } }`;
    const input = { name: 'Oric Atmos', manufacturerId: toGlobalId('Manufacturer', 1), year: 1984, cpu: '6502', price: 170.5, countryIds: [toGlobalId('Country', 2)] };
    const first = await t.gql<{ createProduct: { product: Record<string, unknown> } }>(q, { input }, editor);
    expect(first.errors).toBeUndefined();
    expect(first.data!.createProduct.product).toMatchObject({ name: 'Oric Atmos', year: 1984, price: 170.5, countries: [{ name: expect.any(String) }] });
    const again = await t.gql(q, { input }, editor);
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    const unknownCountry = await t.gql(q, { input: { ...input, name: 'Other', countryIds: [toGlobalId('Country', 999)] } }, editor);
    expect(unknownCountry.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.countryIds[0]' });
  });

  it('updateProduct payload shows the new data, countries replaced', async () => {
    const res = await t.gql<{ updateProduct: { product: { year: number; countries: { name: string }[] } } }>(
      `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { year countries { name } } } }`,
      { input: { productId: toGlobalId('Product', 2), year: 1988, countryIds: [toGlobalId('Country', 3)] } },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateProduct.product.year).toBe(1988);
    expect(res.data!.updateProduct.product.countries).toHaveLength(1);
  });

  it('deleting a manufacturer whose products were sold is refused and changes nothing', async () => {
    const em = t.app.orm.em.fork();
    const before = await em.count(Product, {});
    const res = await t.gql(`mutation($id: ID!) { deleteManufacturer(input: { manufacturerId: $id }) { deletedId } }`, { id: toGlobalId('Manufacturer', 1) }, editor);
    expect(res.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(res.errors![0]!.message).toMatch(/order history is kept/);
    expect(await em.count(Product, {})).toBe(before);
  });

  it('deleting an unsold manufacturer deletes its products and their reviews', async () => {
    const em = t.app.orm.em.fork();
    const maker = await new ManufacturerFactory(em).createOne({ name: 'Short-lived' });
    const created = await t.gql<{ createProduct: { product: { id: string } } }>(
      `mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }`,
      { input: { name: 'Vapourware', manufacturerId: maker.nodeId, year: 1990, price: 1 } },
      editor,
    );
    const productId = created.data!.createProduct.product.id;
    await t.gql(
      `mutation($p: ID!, $c: ID!) { writeReview(input: { productId: $p, customerId: $c, rating: 2 }) { created } }`,
      {
        p: productId,
        c: (await t.gql<{ customers: { nodes: { id: string }[] } }>(`{ customers(first: 1) { nodes { id } } }`, {}, editor)).data!.customers.nodes[0]!.id,
      },
      editor,
    );
    const res = await t.gql(`mutation($id: ID!) { deleteManufacturer(input: { manufacturerId: $id }) { deletedId } }`, { id: maker.nodeId }, editor);
    expect(res.data).toEqual({ deleteManufacturer: { deletedId: maker.nodeId } });
    const check = t.app.orm.em.fork();
    expect(await check.count(Manufacturer, { id: maker.id })).toBe(0);
    expect(await check.count(Product, { manufacturer: maker.id })).toBe(0);
    expect(await check.count(ProductReview, { product: { name: 'Vapourware' } })).toBe(0);
  });

  it('writeReview creates, then replaces, the one review per product and customer', async () => {
    const q = `mutation($input: WriteReviewInput!) { writeReview(input: $input) { created review { rating comment } } }`;
    const input = {
      productId: toGlobalId('Product', 7),
      customerId: (await t.gql<{ customers: { nodes: { id: string }[] } }>(`{ customers(first: 1) { nodes { id } } }`, {}, editor)).data!.customers.nodes[0]!.id,
      rating: 3,
      comment: 'ok',
    };
    const one = await t.gql<{ writeReview: { created: boolean; review: { rating: number } } }>(q, { input }, editor);
    const two = await t.gql<{ writeReview: { created: boolean; review: { rating: number } } }>(q, { input: { ...input, rating: 5 } }, editor);
    expect([one.data!.writeReview.created, two.data!.writeReview.created]).toEqual([true, false]);
    expect(two.data!.writeReview.review.rating).toBe(5);
    const bad = await t.gql(q, { input: { ...input, rating: 6 } }, editor);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('recordPageView creates the reader and session once, then reuses them with the reader token only', async () => {
    const q = `mutation($input: RecordPageViewInput!) { recordPageView(input: $input) { sessionId userId readerToken view { article { title } session { user { customer { name } } } } } }`;
    type R = { recordPageView: { sessionId: string; userId: string; readerToken: string | null } };
    const first = await t.gql<R>(q, { input: { articleId: toGlobalId('BlogArticle', 1) } });
    const { sessionId, userId, readerToken } = first.data!.recordPageView;
    expect(readerToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Never customer data for an anonymous caller: that field is editors-only.
    expect(first.errors!.map((e) => [e.path?.join('.'), e.extensions!.code])).toEqual([['recordPageView.view.session.user.customer', 'UNAUTHENTICATED']]);
    const second = await t.gql<R>(q, { input: { articleId: toGlobalId('BlogArticle', 2), sessionId, userId, readerToken } });
    expect(second.data!.recordPageView).toMatchObject({ sessionId, userId, readerToken: null });
    const newVisit = await t.gql<R>(q, { input: { articleId: toGlobalId('BlogArticle', 2), userId, readerToken } });
    expect(newVisit.data!.recordPageView.userId).toBe(userId);
    expect(newVisit.data!.recordPageView.sessionId).not.toBe(sessionId);
    // Stored hashed: the token itself is nowhere in the database.
    const rows = await t.app.orm.em.fork().getConnection().execute<{ token_hash: string }[]>(`select token_hash from blog_users where token_hash is not null`);
    expect(rows.some((r) => r.token_hash.includes(readerToken!))).toBe(false);
    expect(rows.map((r) => r.token_hash)).toContainEqual(expect.stringMatching(/^[0-9a-f]{64}$/));
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { readerToken: 'guessed' }],
  ])('recordPageView will not continue another reader with %s', async (_label, extra) => {
    const q = `mutation($input: RecordPageViewInput!) { recordPageView(input: $input) { sessionId userId } }`;
    type R = { recordPageView: { sessionId: string; userId: string } };
    const mine = (await t.gql<R>(q, { input: { articleId: toGlobalId('BlogArticle', 1) } })).data!.recordPageView;
    for (const ids of [{ sessionId: mine.sessionId }, { userId: mine.userId }]) {
      const hijack = await t.gql(q, { input: { articleId: toGlobalId('BlogArticle', 1), ...ids, ...extra } });
      expect(hijack.data).toEqual({ recordPageView: null });
      expect(hijack.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.readerToken' });
    }
  });

  it('rate-limits recordPageView per client address: 60 a minute', async () => {
    const q = `mutation($input: RecordPageViewInput!) { recordPageView(input: $input) { sessionId } }`;
    const from = { 'x-forwarded-for': '203.0.113.60' };
    const answers = await Promise.all(Array.from({ length: 61 }, () => t.gql(q, { input: { articleId: toGlobalId('BlogArticle', 1) } }, from)));
    const limited = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(limited).toHaveLength(1);
    expect(limited[0]!.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect((await t.gql(q, { input: { articleId: toGlobalId('BlogArticle', 1) } }, { 'x-forwarded-for': '203.0.113.61' })).errors).toBeUndefined();
  });

  it('addTranslation refuses the original language and a second translation into one language', async () => {
    const q = `mutation($input: AddTranslationInput!) { addTranslation(input: $input) { article { title language { name } translationOf { title } } } }`;
    const langs = (await t.gql<{ languages: { nodes: { id: string; name: string }[] } }>(`{ languages { nodes { id name } } }`)).data!.languages.nodes;
    const id = (name: string) => langs.find((l) => l.name === name)!.id;
    const ok = await t.gql(q, { input: { translationOf: toGlobalId('BlogArticle', 4), languageId: id('German'), title: 'Ladebildschirme' } }, editor);
    expect(ok.errors).toBeUndefined();
    const twice = await t.gql(q, { input: { translationOf: toGlobalId('BlogArticle', 4), languageId: id('German'), title: 'Nochmal' } }, editor);
    expect(twice.errors![0]!.extensions!.code).toBe('CONFLICT');
    const same = await t.gql(q, { input: { translationOf: toGlobalId('BlogArticle', 4), languageId: id('English'), title: 'Same' } }, editor);
    expect(same.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('movePage refuses cycles', async () => {
    const create = `mutation($name: String!, $parent: ID) { createPage(input: { name: $name, data: "x", parentId: $parent }) { page { id } } }`;
    const a = (await t.gql<{ createPage: { page: { id: string } } }>(create, { name: 'TreeA' }, editor)).data!.createPage.page.id;
    const b = (await t.gql<{ createPage: { page: { id: string } } }>(create, { name: 'TreeB', parent: a }, editor)).data!.createPage.page.id;
    const cycle = await t.gql(`mutation($p: ID!, $to: ID) { movePage(input: { pageId: $p, parentId: $to }) { page { name } } }`, { p: a, to: b }, editor);
    expect(cycle.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
    const self = await t.gql(`mutation($p: ID!) { movePage(input: { pageId: $p, parentId: $p }) { page { name } } }`, { p: a }, editor);
    expect(self.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('retries a transient conflict and keeps nothing of the failed attempt', async () => {
    const ctx = createContext({
      orm: t.app.orm,
      logger: t.app.logger,
      plans: fieldPlans,
      strategy: 'batched',
      sql: { statements: 0 },
      auth: null,
      clientAddress: 'test',
      services: {} as never,
    });
    let attempts = 0;
    const name = await runMutation(ctx, async (tx) => {
      attempts += 1;
      tx.create(Manufacturer, { name: `Attempt ${attempts}` });
      await tx.flush();
      // The first attempt fails as a PostgreSQL serialization failure would (SQLSTATE 40001).
      if (attempts === 1) throw new DeadlockException(Object.assign(new Error('could not serialize access'), { code: '40001' }));
      return `Attempt ${attempts}`;
    });
    expect(name).toBe('Attempt 2');
    const em = t.app.orm.em.fork();
    expect(await em.count(Manufacturer, { name: 'Attempt 1' })).toBe(0);
    expect(await em.count(Manufacturer, { name: 'Attempt 2' })).toBe(1);
  });
});
