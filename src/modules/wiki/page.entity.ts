import { Collection, DateTimeType, type Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeISO } from '../../graphql/scalars.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { User } from './user.entity.js';

/** A wiki page (the Pyramid tutorial's Page), arranged in a tree by `parent`. */
@Entity({ tableName: 'pages' })
@ObjectType('Page', { implements: Node, description: 'A wiki page; pages form a tree through parent.' })
export class Page implements Node {
  @Field(() => Int, { name: 'databaseId', description: 'Primary key.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  get nodeId(): Opt<string> {
    return toGlobalId('Page', this.id);
  }

  @Field(() => String, { description: 'Unique page name (a WikiWord).' })
  @Property({ type: 'string', length: 255, unique: true })
  name!: string;

  @Field(() => String, { description: 'Page body.' })
  @Property({ type: 'text' })
  data!: string;

  /** A user who created pages cannot be deleted (no action): pages are reassigned first. */
  @ManyToOne({ entity: () => User, deleteRule: 'no action', updateRule: 'cascade', index: true })
  creator!: User;

  @Field(() => DateTimeISO)
  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Field(() => DateTimeISO)
  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  /** Deleting a page keeps its children: they become top-level pages (set null), nothing is lost. */
  @ManyToOne({ entity: () => Page, nullable: true, deleteRule: 'set null', updateRule: 'cascade', index: true })
  parent: Page | null = null;

  @OneToMany({ entity: () => Page, mappedBy: 'parent' })
  children = new Collection<Page>(this);
}
