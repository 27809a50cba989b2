import { DateTimeType } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeISO } from '../../graphql/scalars.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { BlogArticle } from './blog-article.entity.js';
import { BlogSession } from './blog-session.entity.js';

/**
 * One page view; the analytics tables grow to millions of rows, so every column is indexed. An
 * article's views in the order its `views` connection pages them (newest first, then id) have an
 * index of their own, so that a page of them reads first + 1 index entries, not all its views.
 */
@Entity({ tableName: 'blog_views' })
@Index({
  name: 'ix_blog_views_article_id_timestamp_id',
  properties: ['article', 'timestamp', 'id'],
})
/** All views in page order, key included: a deep page of blogViews skips in this index alone (src/loading/deep-page.ts). */
@Index({ name: 'ix_blog_views_timestamp_id', properties: ['timestamp', 'id'], columns: [{ name: 'timestamp', sort: 'DESC' }, { name: 'id' }] })
@ObjectType('BlogView', { implements: Node, description: 'One page view of an article.' })
export class BlogView implements Node {
  @Field(() => Int, { name: 'databaseId', description: 'Primary key.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  get nodeId(): Opt<string> {
    return toGlobalId('BlogView', this.id);
  }

  @ManyToOne({ entity: () => BlogArticle, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  article!: BlogArticle;

  @ManyToOne({ entity: () => BlogSession, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  session!: BlogSession;

  @Field(() => DateTimeISO)
  @Property({ type: DateTimeType, index: true })
  timestamp: Opt<Date> = new Date();
}
