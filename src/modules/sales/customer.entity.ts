import { randomUUID } from 'node:crypto';
import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Order } from './order.entity.js';

@Entity({ tableName: 'customers' })
export class Customer {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  address: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  phone: string | null = null;

  @OneToMany({ entity: () => Order, mappedBy: 'customer' })
  orders = new Collection<Order>(this);
}
