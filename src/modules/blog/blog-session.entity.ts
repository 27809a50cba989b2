import { randomUUID } from 'node:crypto';
import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { BlogUser } from './blog-user.entity.js';
import { BlogView } from './blog-view.entity.js';

@Entity({ tableName: 'blog_sessions' })
export class BlogSession {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne({ entity: () => BlogUser, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  user!: BlogUser;

  @OneToMany({ entity: () => BlogView, mappedBy: 'session' })
  views = new Collection<BlogView>(this);
}
