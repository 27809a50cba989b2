import { Collection } from '@mikro-orm/core';
import { Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { BlogArticle } from './blog-article.entity.js';

@Entity({ tableName: 'languages' })
export class Language {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 32, unique: true })
  name!: string;

  @OneToMany({ entity: () => BlogArticle, mappedBy: 'language' })
  articles = new Collection<BlogArticle>(this);
}
