import { MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { offsetDescription, PageArgs } from '../../graphql/connection.js';
import { orderInput } from '../../graphql/ordering.js';
import { TimeRange } from '../../graphql/time-range.js';

export enum BlogArticleOrderField {
  TIMESTAMP = 'TIMESTAMP',
  TITLE = 'TITLE',
}
registerEnumType(BlogArticleOrderField, { name: 'BlogArticleOrderField' });

export const BlogArticleOrder = orderInput(BlogArticleOrderField, 'BlogArticleOrder');
export type BlogArticleOrder = InstanceType<typeof BlogArticleOrder>;

@InputType('BlogArticleFilter', { description: 'All given conditions must hold.' })
export class BlogArticleFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the title.' })
  @MaxLength(128)
  titleContains?: string | null;

  @Field(() => ID, { nullable: true })
  authorId?: string | null;

  @Field(() => ID, { nullable: true })
  languageId?: string | null;

  @Field(() => ID, { nullable: true })
  productId?: string | null;

  @Field(() => TimeRange, { nullable: true })
  @ValidateNested()
  timestamp?: TimeRange | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only translations; false: only originals.' })
  isTranslation?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only originals that are not in this language and have no translation into it.' })
  missingTranslationInto?: string | null;
}

@ArgsType()
export class BlogArticlesArgs extends PageArgs {
  @Field(() => [BlogArticleOrder], { nullable: true, description: 'Default TIMESTAMP DESC (newest first).' })
  orderBy?: BlogArticleOrder[] | null;

  @Field(() => BlogArticleFilter, { nullable: true })
  @ValidateNested()
  filter?: BlogArticleFilter | null;
}

export enum BlogViewOrderField {
  TIMESTAMP = 'TIMESTAMP',
}
registerEnumType(BlogViewOrderField, { name: 'BlogViewOrderField' });

export const BlogViewOrder = orderInput(BlogViewOrderField, 'BlogViewOrder');
export type BlogViewOrder = InstanceType<typeof BlogViewOrder>;

@InputType('BlogViewFilter')
export class BlogViewFilter {
  @Field(() => TimeRange, { nullable: true })
  @ValidateNested()
  timestamp?: TimeRange | null;
}

@ArgsType()
export class BlogViewsArgs extends PageArgs {
  @Field(() => [BlogViewOrder], { nullable: true, description: 'Default TIMESTAMP DESC.' })
  orderBy?: BlogViewOrder[] | null;

  @Field(() => BlogViewFilter, { nullable: true })
  @ValidateNested()
  filter?: BlogViewFilter | null;
}

/** The root `blogViews` connection also pages by number, for page-numbered grids. */
@ArgsType()
export class RootBlogViewsArgs extends BlogViewsArgs {
  @Field(() => Int, {
    nullable: true,
    description: offsetDescription(
      'page views',
      'Without a filter, page 1,000 costs about what page 1 does (the skipped views are read from an index); filtered by timestamp, the skip reads the index from the start of the range.',
    ),
  })
  offset?: number | null;
}
