import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';

/** A wiki page (the Pyramid tutorial's Page), arranged in a tree by `parent`. */
@Entity({ tableName: 'pages' })
export class Page {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 255, unique: true })
  name!: string;

  @Property({ type: 'text' })
  data!: string;

  /** A user who created pages cannot be deleted (no action): pages are reassigned first. */
  @ManyToOne({ entity: () => User, deleteRule: 'no action', updateRule: 'cascade', index: true })
  creator!: User;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  /** Deleting a page keeps its children: they become top-level pages (set null), nothing is lost. */
  @ManyToOne({ entity: () => Page, nullable: true, deleteRule: 'set null', updateRule: 'cascade', index: true })
  parent: Page | null = null;

  @OneToMany({ entity: () => Page, mappedBy: 'parent' })
  children = new Collection<Page>(this);
}
