import { randomUUID } from 'node:crypto';
import { Collection, DateTimeType, type Opt } from '@mikro-orm/core';
import { Entity, Formula, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { DateTimeISO } from '../../graphql/scalars.js';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Customer } from './customer.entity.js';
import { OrderItem } from './order-item.entity.js';

@Entity({ tableName: 'orders' })
/**
 * Partial: only orders placed with a key are in it. A full index would hold a NULL for nearly every
 * order, and being the table's smallest index, PostgreSQL would count the orders (every orders page's
 * totalCount) by an index-only scan of it, which costs more than a sequential scan of the table
 * (docs/benchmarks/throughput-2026-11-23.md). Uniqueness is the same (NULLs never collided), and a lookup by key
 * (`idempotency_key = ?`) still uses it on both databases: equality implies the predicate.
 */
@Unique({ name: 'uq_orders_idempotency_key', properties: ['idempotencyKey'], where: { idempotencyKey: { $ne: null } } })
/**
 * The orders' default page order (timestamp descending, then key ascending): a deep page-number page skips
 * its orders in this index alone (an index-only scan on PostgreSQL, a covering index on SQLite),
 * reading no row it does not return (src/loading/deep-page.ts).
 */
@Index({ name: 'ix_orders_timestamp_id', properties: ['timestamp', 'id'], columns: [{ name: 'timestamp', sort: 'DESC' }, { name: 'id' }] })
@ObjectType('Order', { implements: Node, description: 'An order placed by a customer.' })
export class Order implements Node {
  @Field(() => String, { name: 'databaseId', description: 'Primary key (a uuid).' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  get nodeId(): Opt<string> {
    return toGlobalId('Order', this.id);
  }

  @Field(() => DateTimeISO, { description: 'When the order was placed (UTC).' })
  @Property({ type: DateTimeType, index: true })
  timestamp: Opt<Date> = new Date();

  /** Sales history is kept: a customer with orders cannot be deleted (no action). */
  @ManyToOne({ entity: () => Customer, deleteRule: 'no action', updateRule: 'cascade', index: true })
  customer!: Customer;

  /**
   * Client-chosen key that makes placeOrder idempotent: a repeat returns this order. Stored as
   * "<user id>/<key>", so each signed-in user has keys of their own. Unique (uq_orders_idempotency_key
   * above), so two racing requests with one key cannot both insert.
   */
  @Property({ type: 'string', length: 80, nullable: true, hidden: true })
  idempotencyKey: string | null = null;

  /** SHA-256 of the request that used the key: the key reused for a different order is a CONFLICT. */
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  idempotencyFingerprint: string | null = null;

  @OneToMany({ entity: () => OrderItem, mappedBy: 'order', orderBy: { product: 'asc' } })
  items = new Collection<OrderItem>(this);

  /**
   * Sum of its lines' stored totals (unit price × quantity): a correlated subquery (served by
   * ix_orders_items_order_id), lazy so that only a query that selects or sorts on it pays for it.
   * Eager look-ahead adds it to the orders' own SELECT; otherwise Order.total reads it with one
   * GROUP BY for all orders (orderTotal). GraphQL's Order.total is its field resolver.
   */
  @Formula((cols) => `(select cast(coalesce(round(sum(oi.line_total), 2), 0) as double precision) from orders_items oi where oi.order_id = ${cols.id})`, { type: 'double', lazy: true })
  total?: Opt<number>;
}
