import { randomUUID } from 'node:crypto';
import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Authorized, Field, ObjectType } from 'type-graphql';
import { Role } from '../wiki/user.entity.js';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Order } from './order.entity.js';

@Entity({ tableName: 'customers' })
@ObjectType('Customer', { implements: Node, description: 'A customer of the store.' })
export class Customer implements Node {
  @Field(() => String, { name: 'databaseId', description: 'Primary key (a uuid).' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  get nodeId(): Opt<string> {
    return toGlobalId('Customer', this.id);
  }

  @Field(() => String)
  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  @Authorized(Role.EDITOR)
  @Field(() => String, { nullable: true, description: 'Editors only.' })
  @Property({ type: 'string', length: 128, nullable: true })
  address: string | null = null;

  @Authorized(Role.EDITOR)
  @Field(() => String, { nullable: true, description: 'Editors only.' })
  @Property({ type: 'string', length: 32, nullable: true })
  phone: string | null = null;

  @OneToMany({ entity: () => Order, mappedBy: 'customer' })
  orders = new Collection<Order>(this);
}
