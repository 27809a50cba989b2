import { cloneWithoutKey } from '../../db/clone.js';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode } from '../../errors.js';
import { assertNameFree, findByGlobalId } from '../../graphql/mutation.js';
import { OrderItem } from '../sales/order-item.entity.js';
import type {
  CreateCountryInput,
  CreateManufacturerInput,
  CreateProductInput,
  DeleteCountryInput,
  DeleteManufacturerInput,
  DeleteProductInput,
  UpdateCountryInput,
  UpdateManufacturerInput,
  UpdateProductInput,
  DuplicateProductInput,
} from './catalog.mutation-inputs.js';
import { Country } from './country.entity.js';
import { Manufacturer } from './manufacturer.entity.js';
import { Product } from './product.entity.js';
import { announce } from '../live/events.js';

async function countries(tx: EntityManager, ids: string[]): Promise<Country[]> {
  return Promise.all(ids.map((id, i) => findByGlobalId(tx, Country, id, `input.countryIds[${i}]`)));
}

/** Sold products keep the order history whole: they (and so their manufacturer) cannot be deleted. */
async function assertNeverSold(tx: EntityManager, products: object, what: string): Promise<void> {
  const sold = await tx.count(OrderItem, { product: products });
  if (sold > 0) {
    throw new AppError(ErrorCode.CONFLICT, `${what} appears in ${sold} order item(s); order history is kept, so it cannot be deleted`);
  }
}

const price = (value: number) => Math.round(value * 100) / 100;

/** Catalog writes. Each runs inside the mutation's transaction (`tx`). */
export const catalogWrites = {
  async createManufacturer(tx: EntityManager, input: CreateManufacturerInput): Promise<Manufacturer> {
    await assertNameFree(tx, Manufacturer, input.name);
    const manufacturer = tx.create(Manufacturer, { name: input.name });
    await tx.flush();
    return manufacturer;
  },

  async updateManufacturer(tx: EntityManager, input: UpdateManufacturerInput): Promise<Manufacturer> {
    const manufacturer = await findByGlobalId(tx, Manufacturer, input.manufacturerId, 'input.manufacturerId');
    await assertNameFree(tx, Manufacturer, input.name, { except: manufacturer.id });
    manufacturer.name = input.name;
    return manufacturer;
  },

  /** Deletes the manufacturer and its products (the book's cascade), their reviews with them. */
  async deleteManufacturer(tx: EntityManager, input: DeleteManufacturerInput): Promise<string> {
    const manufacturer = await findByGlobalId(tx, Manufacturer, input.manufacturerId, 'input.manufacturerId');
    await assertNeverSold(tx, { manufacturer }, `A product of ${manufacturer.name}`);
    await tx.nativeDelete(Manufacturer, { id: manufacturer.id });
    return manufacturer.nodeId;
  },

  async createCountry(tx: EntityManager, input: CreateCountryInput): Promise<Country> {
    await assertNameFree(tx, Country, input.name);
    const country = tx.create(Country, { name: input.name });
    await tx.flush();
    return country;
  },

  async updateCountry(tx: EntityManager, input: UpdateCountryInput): Promise<Country> {
    const country = await findByGlobalId(tx, Country, input.countryId, 'input.countryId');
    await assertNameFree(tx, Country, input.name, { except: country.id });
    country.name = input.name;
    return country;
  },

  /** Deleting a country only unlinks its products. */
  async deleteCountry(tx: EntityManager, input: DeleteCountryInput): Promise<string> {
    const country = await findByGlobalId(tx, Country, input.countryId, 'input.countryId');
    await tx.nativeDelete(Country, { id: country.id });
    return country.nodeId;
  },

  async createProduct(tx: EntityManager, input: CreateProductInput): Promise<Product> {
    await assertNameFree(tx, Product, input.name);
    const manufacturer = await findByGlobalId(tx, Manufacturer, input.manufacturerId, 'input.manufacturerId');
    const product = tx.create(Product, {
      name: input.name,
      manufacturer,
      year: input.year,
      cpu: input.cpu ?? null,
      price: price(input.price),
      countries: await countries(tx, input.countryIds),
    });
    await tx.flush();
    return product;
  },

  /** A copy of a product under a new name, with its countries; its reviews and orders stay with the original. */
  async duplicateProduct(tx: EntityManager, input: DuplicateProductInput): Promise<Product> {
    const original = await findByGlobalId(tx, Product, input.id, 'input.id');
    await assertNameFree(tx, Product, input.name);
    const copy = await cloneWithoutKey(tx, original, { name: input.name });
    await tx.flush();
    await announce(tx, 'product', copy.id);
    return copy;
  },

  async updateProduct(tx: EntityManager, input: UpdateProductInput): Promise<Product> {
    const product = await findByGlobalId(tx, Product, input.productId, 'input.productId');
    if (input.name != null && input.name !== product.name) {
      await assertNameFree(tx, Product, input.name, { except: product.id });
      product.name = input.name;
    }
    if (input.manufacturerId != null) {
      product.manufacturer = await findByGlobalId(tx, Manufacturer, input.manufacturerId, 'input.manufacturerId');
    }
    if (input.year != null) product.year = input.year;
    if (input.cpu != null) product.cpu = input.cpu === '' ? null : input.cpu;
    if (input.price != null) product.price = price(input.price);
    if (input.countryIds != null) {
      await product.countries.init();
      product.countries.set(await countries(tx, input.countryIds));
    }
    await tx.flush();
    await announce(tx, 'product', product.id);
    return product;
  },

  /** Deletes a product never sold; its reviews go with it and articles about it keep no link. */
  async deleteProduct(tx: EntityManager, input: DeleteProductInput): Promise<string> {
    const product = await findByGlobalId(tx, Product, input.productId, 'input.productId');
    await assertNeverSold(tx, product, product.name);
    await tx.nativeDelete(Product, { id: product.id });
    return product.nodeId;
  },
};
