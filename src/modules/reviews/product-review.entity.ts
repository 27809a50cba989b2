import { PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Product } from '../catalog/product.entity.js';
import { Customer } from '../sales/customer.entity.js';

/** One review per product and customer (the book's composite key). */
@Entity({ tableName: 'products_reviews' })
@Check({ name: 'ck_products_reviews_rating', expression: 'rating >= 1 and rating <= 5' })
export class ProductReview {
  [PrimaryKeyProp]?: ['product', 'customer'];

  @ManyToOne({ entity: () => Product, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  product!: Product;

  /** Indexed on its own for "reviews by this customer": the key starts with product_id. */
  @ManyToOne({ entity: () => Customer, primary: true, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  customer!: Customer;

  @Property({ type: 'datetime', index: true })
  timestamp: Opt<Date> = new Date();

  @Property({ type: 'integer' })
  rating!: number;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;
}
