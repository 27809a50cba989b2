import { randomUUID } from 'node:crypto';
import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Customer } from '../sales/customer.entity.js';
import { BlogSession } from './blog-session.entity.js';

/** A blog reader, identified by a cookie; linked to a customer when they are one. */
@Entity({ tableName: 'blog_users' })
export class BlogUser {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne({ entity: () => Customer, nullable: true, deleteRule: 'set null', updateRule: 'cascade', index: true })
  customer: Customer | null = null;

  @OneToMany({ entity: () => BlogSession, mappedBy: 'user' })
  sessions = new Collection<BlogSession>(this);
}
