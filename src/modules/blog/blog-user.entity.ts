import { randomUUID } from 'node:crypto';
import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Customer } from '../sales/customer.entity.js';
import { BlogSession } from './blog-session.entity.js';

/** A blog reader, identified by a cookie; linked to a customer when they are one. */
@Entity({ tableName: 'blog_users' })
@ObjectType('BlogUser', { implements: Node, description: 'A blog reader, known by a cookie; linked to a customer when they are one.' })
export class BlogUser implements Node {
  @Field(() => String, { name: 'databaseId', description: 'Primary key (a uuid).' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  get nodeId(): Opt<string> {
    return toGlobalId('BlogUser', this.id);
  }

  @ManyToOne({ entity: () => Customer, nullable: true, deleteRule: 'set null', updateRule: 'cascade', index: true })
  customer: Customer | null = null;

  /**
   * SHA-256 of the reader token that recordPageView returned once when it created this reader;
   * continuing the reader or one of its sessions needs that token. Null for readers from imports
   * and seeds, which nobody can continue. The token is random (32 bytes), so a fast hash is enough.
   */
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  tokenHash: string | null = null;

  @OneToMany({ entity: () => BlogSession, mappedBy: 'user' })
  sessions = new Collection<BlogSession>(this);
}
