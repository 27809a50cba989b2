import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { BlogArticle } from './blog-article.entity.js';

@Entity({ tableName: 'blog_authors' })
@ObjectType('BlogAuthor', { implements: Node })
export class BlogAuthor implements Node {
  @Field(() => Int, { name: 'databaseId', description: 'Primary key.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  get nodeId(): Opt<string> {
    return toGlobalId('BlogAuthor', this.id);
  }

  @Field(() => String)
  @Property({ type: 'string', length: 64, index: true })
  name!: string;

  @OneToMany({ entity: () => BlogArticle, mappedBy: 'author' })
  articles = new Collection<BlogArticle>(this);
}
