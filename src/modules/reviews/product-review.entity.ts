import { DateTimeType, type Opt, PrimaryKeyProp } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeISO } from '../../graphql/scalars.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Product } from '../catalog/product.entity.js';
import { Customer } from '../sales/customer.entity.js';

/**
 * One review per product and customer (the book's composite key). A product's reviews in the
 * order its `reviews` connection pages them (newest first, then key) have an index of their own:
 * without it PostgreSQL read a page of 20 by walking the timestamp index backwards past other
 * products' reviews (docs/benchmarks/cost-model-2026-12-07.md).
 */
@Entity({ tableName: 'products_reviews' })
@Index({
  name: 'ix_products_reviews_product_id_timestamp_customer_id',
  properties: ['product', 'timestamp', 'customer'],
})
@Check({ name: 'ck_products_reviews_rating', expression: 'rating >= 1 and rating <= 5' })
@ObjectType('ProductReview', { implements: Node, description: "A customer's review of a product: one per product and customer." })
export class ProductReview implements Node {
  [PrimaryKeyProp]?: ['product', 'customer'];

  get nodeId(): Opt<string> {
    return toGlobalId('ProductReview', `${this.product.id}:${this.customer.id}`);
  }

  @ManyToOne({ entity: () => Product, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  product!: Product;

  /** Indexed on its own for "reviews by this customer": the key starts with product_id. */
  @ManyToOne({ entity: () => Customer, primary: true, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  customer!: Customer;

  @Field(() => DateTimeISO)
  @Property({ type: DateTimeType, index: true })
  timestamp: Opt<Date> = new Date();

  @Field(() => Int, { description: 'Stars, 1 to 5.' })
  @Property({ type: 'integer' })
  rating!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;
}
