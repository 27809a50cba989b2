import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneWithoutKey } from '../../src/db/clone.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { ProductReview } from '../../src/modules/reviews/product-review.entity.js';
import type { TestApp } from '../support/app.js';
import { startAsEditor } from '../support/auth.js';

const DUPLICATE = `mutation($input: DuplicateProductInput!) { duplicateProduct(input: $input) { product { id databaseId name year cpu price manufacturer { name } countries { name } reviewCount } } }`;
type Copy = {
  duplicateProduct: {
    product: {
      id: string;
      databaseId: number;
      name: string;
      year: number;
      cpu: string | null;
      price: number | null;
      manufacturer: { name: string };
      countries: { name: string }[];
      reviewCount: number;
    };
  };
};

/** Cloning without the primary key: duplicateProduct and the helper behind it. */
describe('duplicateProduct', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => ({ t, editor } = await startAsEditor()));
  afterAll(() => t?.close());
  const original = () => t.app.orm.em.fork().findOneOrFail(Product, { name: 'Amiga 500' }, { populate: ['countries'] });
  const reviewsOf = (id: number) => t.app.orm.em.fork().count(ProductReview, { product: id });

  it('copies the facts and countries under a new name, with a key of its own; reviews stay with the original', async () => {
    const source = await original();
    const reviews = await reviewsOf(source.id);
    expect(reviews).toBeGreaterThan(0);
    const res = await t.gql<Copy>(DUPLICATE, { input: { id: source.nodeId, name: 'Amiga 500 (refurbished)' } }, editor);
    expect(res.errors).toBeUndefined();
    const copy = res.data!.duplicateProduct.product;
    expect(copy).toMatchObject({ name: 'Amiga 500 (refurbished)', year: source.year, cpu: source.cpu, price: Number(source.price), manufacturer: { name: 'Commodore' }, reviewCount: 0 });
    expect(copy.databaseId).not.toBe(source.id);
    expect(copy.countries.map((c) => c.name).sort()).toEqual(
      source.countries
        .getItems()
        .map((c) => c.name)
        .sort(),
    );
    expect(await reviewsOf(source.id)).toBe(reviews);
    expect(await reviewsOf(copy.databaseId)).toBe(0);
  });

  it('gives the copy a collection of its own: changing its countries leaves the original alone', async () => {
    const source = await original();
    const before = source.countries
      .getItems()
      .map((c) => c.name)
      .sort();
    const copy = (await t.gql<Copy>(DUPLICATE, { input: { id: source.nodeId, name: 'Amiga 500 (export)' } }, editor)).data!.duplicateProduct.product;
    const cleared = await t.gql(`mutation($id: ID!) { updateProduct(input: { productId: $id, countryIds: [] }) { product { countries { name } } } }`, { id: copy.id }, editor);
    expect(cleared.data).toEqual({ updateProduct: { product: { countries: [] } } });
    expect(
      (await original()).countries
        .getItems()
        .map((c) => c.name)
        .sort(),
    ).toEqual(before);
  });

  it('refuses a name already taken, with CONFLICT, and writes nothing', async () => {
    const source = await original();
    const count = await t.app.orm.em.fork().count(Product, {});
    const res = await t.gql(DUPLICATE, { input: { id: source.nodeId, name: 'Amiga 1200' } }, editor);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    expect(await t.app.orm.em.fork().count(Product, {})).toBe(count);
  });

  it('cloneWithoutKey copies no primary key and shares no collection', async () => {
    const em = t.app.orm.em.fork();
    const source = await em.findOneOrFail(Product, { name: 'Amiga 500' });
    const copy = await cloneWithoutKey(em, source, { name: 'Unsaved copy' });
    expect(copy.id).toBeUndefined();
    expect(copy.countries).not.toBe(source.countries);
    expect(copy.countries.getItems()).toEqual(source.countries.getItems());
    expect(copy.manufacturer).toBe(source.manufacturer);
  });
});
