import { Collection, DecimalType, type Opt } from '@mikro-orm/core';
import { Check, Entity, Formula, ManyToMany, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Country } from './country.entity.js';
import { Manufacturer } from './manufacturer.entity.js';
import { ProductCountry } from './product-country.entity.js';

@Entity({ tableName: 'products' })
@Check({ name: 'ck_products_price', expression: 'price >= 0' })
@ObjectType('Product', { implements: Node, description: 'A vintage home computer on sale.' })
export class Product implements Node {
  @Field(() => Int, { name: 'databaseId', description: 'Primary key.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  get nodeId(): Opt<string> {
    return toGlobalId('Product', this.id);
  }

  @Field(() => String)
  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  @ManyToOne({ entity: () => Manufacturer, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  manufacturer!: Manufacturer;

  @Field(() => Int, { description: 'Year of launch.' })
  @Property({ type: 'integer', index: true })
  year!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 32, nullable: true })
  cpu: string | null = null;

  /**
   * Current list price. Nullable because the book's products.csv carries no prices:
   * an imported product gets one later, and placing an order refuses a product without one.
   */
  @Field(() => Float, { nullable: true, description: 'Current list price; null until one is set.' })
  @Property({ type: new DecimalType('number'), precision: 10, scale: 2, nullable: true })
  price: number | null = null;

  /**
   * Mean star rating, only so that products can be sorted by it: lazy, so no ordinary select pays
   * for the subquery (Product.averageRating is served by its own batched aggregate). Products
   * without reviews have none (null) and sort last.
   */
  @Formula((cols) => `(select avg(r.rating * 1.0) from products_reviews r where r.product_id = ${cols.id})`, { type: 'double', lazy: true, nullable: true })
  averageRating?: Opt<number | null>;

  @ManyToMany({
    entity: () => Country,
    inversedBy: 'products',
    owner: true,
    pivotEntity: () => ProductCountry,
    orderBy: { name: 'asc' },
  })
  countries = new Collection<Country>(this);
}
