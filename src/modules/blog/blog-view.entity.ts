import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { BlogArticle } from './blog-article.entity.js';
import { BlogSession } from './blog-session.entity.js';

/** One page view; the analytics tables grow to millions of rows, so every column is indexed. */
@Entity({ tableName: 'blog_views' })
export class BlogView {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne({ entity: () => BlogArticle, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  article!: BlogArticle;

  @ManyToOne({ entity: () => BlogSession, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  session!: BlogSession;

  @Property({ type: 'datetime', index: true })
  timestamp: Opt<Date> = new Date();
}
