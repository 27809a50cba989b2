import { randomUUID } from 'node:crypto';
import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Customer } from './customer.entity.js';
import { OrderItem } from './order-item.entity.js';

@Entity({ tableName: 'orders' })
export class Order {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'datetime', index: true })
  timestamp: Opt<Date> = new Date();

  /** Sales history is kept: a customer with orders cannot be deleted (no action). */
  @ManyToOne({ entity: () => Customer, deleteRule: 'no action', updateRule: 'cascade', index: true })
  customer!: Customer;

  @OneToMany({ entity: () => OrderItem, mappedBy: 'order' })
  items = new Collection<OrderItem>(this);
}
