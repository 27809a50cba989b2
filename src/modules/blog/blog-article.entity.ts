import { Collection, DateTimeType, type Opt } from '@mikro-orm/core';
import { DateTimeISO } from '../../graphql/scalars.js';
import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Product } from '../catalog/product.entity.js';
import { BlogAuthor } from './blog-author.entity.js';
import { BlogView } from './blog-view.entity.js';
import { Language } from './language.entity.js';

@Entity({ tableName: 'blog_articles' })
@ObjectType('BlogArticle', { implements: Node, description: 'A blog article, possibly a translation of another.' })
export class BlogArticle implements Node {
  @Field(() => Int, { name: 'databaseId', description: 'Primary key.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  get nodeId(): Opt<string> {
    return toGlobalId('BlogArticle', this.id);
  }

  @Field(() => String)
  @Property({ type: 'string', length: 128, index: true })
  title!: string;

  /** An author with articles cannot be deleted (no action): articles are never orphaned. */
  @ManyToOne({ entity: () => BlogAuthor, deleteRule: 'no action', updateRule: 'cascade', index: true })
  author!: BlogAuthor;

  /** Optional; deleting the product keeps the article and clears the link. */
  @ManyToOne({ entity: () => Product, nullable: true, deleteRule: 'set null', updateRule: 'cascade', index: true })
  product: Product | null = null;

  @Field(() => DateTimeISO, { description: 'Publication time (UTC).' })
  @Property({ type: DateTimeType, index: true })
  timestamp: Opt<Date> = new Date();

  @ManyToOne({ entity: () => Language, nullable: true, deleteRule: 'set null', updateRule: 'cascade', index: true })
  language: Language | null = null;

  /** The original this article translates; deleting the original keeps the translation. */
  @ManyToOne({ entity: () => BlogArticle, nullable: true, deleteRule: 'set null', updateRule: 'cascade', index: true })
  translationOf: BlogArticle | null = null;

  @OneToMany({ entity: () => BlogArticle, mappedBy: 'translationOf', orderBy: { id: 'asc' } })
  translations = new Collection<BlogArticle>(this);

  @OneToMany({ entity: () => BlogView, mappedBy: 'article' })
  views = new Collection<BlogView>(this);
}
