import { PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, ManyToOne } from '@mikro-orm/decorators/legacy';
import { Product } from '../catalog/product.entity.js';
import { Engineer } from './engineer.entity.js';

/**
 * An engineer's certification on a product, as an entity so that product_id gets its own index
 * ("who can refurbish this machine?") like products_countries.
 */
@Entity({ tableName: 'engineers_products' })
export class EngineerProduct {
  [PrimaryKeyProp]?: ['engineer', 'product'];

  @ManyToOne({ entity: () => Engineer, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  engineer!: Engineer;

  @ManyToOne({ entity: () => Product, primary: true, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  product!: Product;
}
