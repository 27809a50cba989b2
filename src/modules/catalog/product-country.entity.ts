import { PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, ManyToOne } from '@mikro-orm/decorators/legacy';
import { Country } from './country.entity.js';
import { Product } from './product.entity.js';

/**
 * The book's products_countries association table, declared as an entity so that
 * country_id gets its own index ("products of this country" would otherwise scan the key).
 */
@Entity({ tableName: 'products_countries' })
export class ProductCountry {
  [PrimaryKeyProp]?: ['product', 'country'];

  @ManyToOne({ entity: () => Product, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  product!: Product;

  @ManyToOne({ entity: () => Country, primary: true, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  country!: Country;
}
