import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, ManyToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Product } from './product.entity.js';

@Entity({ tableName: 'countries' })
@ObjectType('Country', { implements: Node })
export class Country implements Node {
  @Field(() => Int, { name: 'databaseId', description: 'Primary key.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  get nodeId(): Opt<string> {
    return toGlobalId('Country', this.id);
  }

  @Field(() => String)
  @Property({ type: 'string', length: 32, unique: true })
  name!: string;

  @ManyToMany({ entity: () => Product, mappedBy: 'countries' })
  products = new Collection<Product>(this);
}
