import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Product } from './product.entity.js';

@Entity({ tableName: 'manufacturers' })
@ObjectType('Manufacturer', { implements: Node })
export class Manufacturer implements Node {
  @Field(() => Int, { name: 'databaseId', description: 'Primary key.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  get nodeId(): Opt<string> {
    return toGlobalId('Manufacturer', this.id);
  }

  @Field(() => String)
  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  /** The book's delete-orphan cascade, enforced by the database (fk ... on delete cascade). */
  @OneToMany({ entity: () => Product, mappedBy: 'manufacturer' })
  products = new Collection<Product>(this);
}
