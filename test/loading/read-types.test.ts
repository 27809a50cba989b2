import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { seedDemo } from '../../seeders/demo.js';
import type { Loaded, Read } from '../../src/loading/read.js';
import type { ReadStrategy } from '../../src/loading/read-strategy.js';
import { createReadStrategy } from '../../src/loading/strategies/index.js';
import { LOADING_STRATEGIES } from '../../src/loading/strategy.js';
import type { Country } from '../../src/modules/catalog/country.entity.js';
import type { Manufacturer } from '../../src/modules/catalog/manufacturer.entity.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';

/**
 * What a resolver receives is what its type says, under every strategy (src/loading/read.ts):
 * scalars as on the entity, relations only through ReadStrategy.relation, which returns the
 * same shape under lazy, batched and eager. `npm run typecheck` compiles this file: the
 * `@ts-expect-error` lines fail it the day the compiler accepts a relation read the wrong way.
 */
describe('honest read types', () => {
  it('types: relations of a read value cannot be used directly; relation() says what it loads', () => {
    const typesOnly = (product: Read<Product>, loaders: ReadStrategy) => {
      expectTypeOf(product.name).toEqualTypeOf<string>();
      expectTypeOf(product.year).toEqualTypeOf<number>();
      // @ts-expect-error: a Collection under lazy and batched, an array (or undefined) under eager.
      product.countries.getItems();
      // @ts-expect-error: a reference under lazy and batched, a row under eager, possibly unloaded.
      product.manufacturer.name;
      expectTypeOf(loaders.relation(product, 'countries')).toEqualTypeOf<Read<Country>[] | Promise<Read<Country>[]>>();
      expectTypeOf(loaders.relation(product, 'manufacturer')).toEqualTypeOf<Read<Manufacturer> | Promise<Read<Manufacturer>>>();
      // @ts-expect-error: not a relation of Product.
      loaders.relation(product, 'name');
      expectTypeOf<Loaded<Product['countries']>>().toEqualTypeOf<Read<Country>[]>();
    };
    expect(typesOnly).toBeTypeOf('function');
  });

  describe('values', () => {
    let t: TestOrm;
    beforeAll(async () => {
      t = await openMigratedOrm();
      await seedDemo(t.orm.em, { withUsers: false, bcryptRounds: 4 });
    });
    afterAll(() => t?.close());

    it.each(LOADING_STRATEGIES)('%s: what byKey and relation return has the same shape', async (name) => {
      const loaders = createReadStrategy(name, t.orm.em.fork(), {});
      const products = await Promise.all([1, 2, 3].map((id) => loaders.byKey(Product, id)));
      for (const product of products) {
        if (!product) throw new Error('the demo data has products 1 to 3');
        expectTypeOf(product).toEqualTypeOf<Read<Product>>();
        const countries = await loaders.relation(product, 'countries');
        const manufacturer = await loaders.relation(product, 'manufacturer');
        expect(Array.isArray(countries)).toBe(true);
        expect(countries.length).toBeGreaterThan(0);
        expect(typeof countries[0]!.name).toBe('string');
        expect(typeof manufacturer.name).toBe('string');
      }
    });
  });
});
