import { Collection } from '@mikro-orm/core';
import { Entity, ManyToMany, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { Product } from '../catalog/product.entity.js';
import { EngineerProduct } from './engineer-product.entity.js';
import { Employee } from './employee.entity.js';

/** An engineer who refurbishes machines: a specialty, and the products they are certified on. */
@Entity({ tableName: 'engineers' })
@ObjectType('Engineer', { implements: [Node, Employee], description: 'An employee who refurbishes machines.' })
export class Engineer extends Employee {
  @Field(() => String, { description: 'What the engineer refurbishes best (e.g. "disk drives", "CRT monitors").' })
  @Property({ type: 'string', length: 64 })
  specialty!: string;

  @ManyToMany({ entity: () => Product, owner: true, pivotEntity: () => EngineerProduct, orderBy: { name: 'asc' } })
  certifiedProducts = new Collection<Product>(this);
}
