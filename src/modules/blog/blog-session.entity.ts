import { randomUUID } from 'node:crypto';
import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { BlogUser } from './blog-user.entity.js';
import { BlogView } from './blog-view.entity.js';

@Entity({ tableName: 'blog_sessions' })
@ObjectType('BlogSession', { implements: Node, description: 'A reading session of a blog user.' })
export class BlogSession implements Node {
  @Field(() => String, { name: 'databaseId', description: 'Primary key (a uuid).' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  get nodeId(): Opt<string> {
    return toGlobalId('BlogSession', this.id);
  }

  @ManyToOne({ entity: () => BlogUser, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  user!: BlogUser;

  @OneToMany({ entity: () => BlogView, mappedBy: 'session' })
  views = new Collection<BlogView>(this);
}
