import { DecimalType, PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Product } from '../catalog/product.entity.js';
import { Order } from './order.entity.js';

@Entity({ tableName: 'orders_items' })
@Check({ name: 'ck_orders_items_quantity', expression: 'quantity > 0' })
@Check({ name: 'ck_orders_items_unit_price', expression: 'unit_price >= 0' })
@ObjectType('OrderItem', { implements: Node, description: 'A line of an order: a product, its quantity and the unit price paid.' })
export class OrderItem implements Node {
  [PrimaryKeyProp]?: ['product', 'order'];

  get nodeId(): Opt<string> {
    return toGlobalId('OrderItem', `${this.product.id}:${this.order.id}`);
  }

  /** A sold product cannot be deleted (no action): order history must stay whole. */
  @ManyToOne({ entity: () => Product, primary: true, deleteRule: 'no action', updateRule: 'cascade' })
  product!: Product;

  /**
   * Indexed on its own: the composite key starts with product_id, so without this index
   * loading one order's items would scan the whole table.
   */
  @ManyToOne({ entity: () => Order, primary: true, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  order!: Order;

  @Field(() => Float, { description: 'Price of one unit when the order was placed.' })
  @Property({ type: new DecimalType('number'), precision: 10, scale: 2 })
  unitPrice!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  /**
   * Unit price × quantity, computed by the database when the line is written. Every sales figure
   * sums it (revenue, order totals): multiplying an integer by a numeric for each of an order
   * history's lines was much of a revenue report's execution (docs/benchmarks/throughput-2026-11-23.md), and a stored
   * column costs one multiplication per write instead of one per line per report. Unbounded
   * numeric: the product of numeric(10,2) and a quantity is exact and may outgrow (12,2).
   */
  @Property({ type: new DecimalType('number'), columnType: 'numeric', generated: (cols) => `(${cols.unitPrice} * ${cols.quantity}) stored`, lazy: true })
  lineTotal!: Opt<number>;
}
