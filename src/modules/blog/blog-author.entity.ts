import { Collection } from '@mikro-orm/core';
import { Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { BlogArticle } from './blog-article.entity.js';

@Entity({ tableName: 'blog_authors' })
export class BlogAuthor {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 64, index: true })
  name!: string;

  @OneToMany({ entity: () => BlogArticle, mappedBy: 'author' })
  articles = new Collection<BlogArticle>(this);
}
