import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../wiki/user.entity.js';
import type { Context } from '../../context.js';
import type { MaybePromise, Read } from '../../loading/read.js';
import { Connection } from '../../graphql/connection.js';
import type { ConnectionShape } from '../../loading/paging/page.js';
import { keyOf } from '../../graphql/node.js';
import { list, nested, relation } from '../../loading/definitions.js';
import type { FieldPlans } from '../../loading/definitions.js';
import { NamedArgs } from '../catalog/catalog.inputs.js';
import { Product } from '../catalog/product.entity.js';
import { BlogArticle } from './blog-article.entity.js';
import { BlogAuthor } from './blog-author.entity.js';
import { Language } from './language.entity.js';
import { BlogArticlesArgs, BlogViewsArgs } from './blog.inputs.js';
import * as connections from './blog.connections.js';
import { BlogView } from './blog-view.entity.js';

@ObjectType('BlogArticleConnection', { description: 'A page of blog articles (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class BlogArticleConnection extends Connection(BlogArticle, 'BlogArticle') {}

@ObjectType('BlogViewConnection', { description: 'A page of page views (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class BlogViewConnection extends Connection(BlogView, 'BlogView') {}

@ObjectType('BlogAuthorConnection', { description: 'A page of blog authors (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class BlogAuthorConnection extends Connection(BlogAuthor, 'BlogAuthor') {}

@ObjectType('LanguageConnection', { description: 'A page of languages (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class LanguageConnection extends Connection(Language, 'Language') {}

@Resolver(() => BlogArticle)
export class BlogArticleResolver {
  @Query(() => BlogArticleConnection, { description: 'Blog articles, newest first unless ordered otherwise.' })
  blogArticles(@Args(() => BlogArticlesArgs) args: BlogArticlesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<BlogArticle>>> {
    return ctx.loaders.rootPage(info, connections.articles, 'BlogArticle', args);
  }

  @Query(() => BlogArticle, { nullable: true, description: 'An article by global id; null when there is none.' })
  blogArticle(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Read<BlogArticle> | null> {
    return ctx.loaders.rootObject(info, BlogArticle, 'BlogArticle', { id: keyOf(id, 'BlogArticle', 'int', 'id') });
  }

  @FieldResolver(() => BlogAuthor)
  author(@Root() article: Read<BlogArticle>, @Ctx() ctx: Context): MaybePromise<Read<BlogAuthor>> {
    return ctx.loaders.relation(article, 'author');
  }

  @FieldResolver(() => Product, { nullable: true, description: 'The product the article is about, if any.' })
  product(@Root() article: Read<BlogArticle>, @Ctx() ctx: Context): MaybePromise<Read<Product> | null> {
    return ctx.loaders.relation(article, 'product');
  }

  @FieldResolver(() => Language, { nullable: true })
  language(@Root() article: Read<BlogArticle>, @Ctx() ctx: Context): MaybePromise<Read<Language> | null> {
    return ctx.loaders.relation(article, 'language');
  }

  @FieldResolver(() => BlogArticle, { nullable: true, description: 'The original, when this article is a translation.' })
  translationOf(@Root() article: Read<BlogArticle>, @Ctx() ctx: Context): MaybePromise<Read<BlogArticle> | null> {
    return ctx.loaders.relation(article, 'translationOf');
  }

  @FieldResolver(() => [BlogArticle], { description: 'Translations of this article.' })
  translations(@Root() article: Read<BlogArticle>, @Ctx() ctx: Context): MaybePromise<Read<BlogArticle>[]> {
    return ctx.loaders.relation(article, 'translations');
  }

  @Authorized(Role.EDITOR)
  @FieldResolver(() => BlogViewConnection, {
    nullable: true,
    description: 'Page views of this article, newest first by default (editors only, since they reveal readers: null with an error for others).',
  })
  views(@Root() article: Read<BlogArticle>, @Args(() => BlogViewsArgs) args: BlogViewsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.articleViews, article, args);
  }

  @FieldResolver(() => Int, { description: 'Page views of the original and all its translations together.' })
  async viewCountWithTranslations(@Root() article: Read<BlogArticle>, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.aggregate(connections.articleFamilyViewCount, article)) ?? 0;
  }

  @FieldResolver(() => Int, { description: 'Number of page views of this article (not of its translations).' })
  async viewCount(@Root() article: Read<BlogArticle>, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.aggregate(connections.articleViewCount, article)) ?? 0;
  }
}

@Resolver(() => BlogAuthor)
export class BlogAuthorResolver {
  @Query(() => BlogAuthorConnection, { description: 'Blog authors.' })
  blogAuthors(@Args(() => NamedArgs) args: NamedArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<BlogAuthor>>> {
    return ctx.loaders.rootPage(info, connections.authors, 'BlogAuthor', args);
  }

  @FieldResolver(() => BlogArticleConnection)
  articles(@Root() author: Read<BlogAuthor>, @Args(() => BlogArticlesArgs) args: BlogArticlesArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.authorArticles, author, args);
  }
}

@Resolver(() => Language)
export class LanguageResolver {
  @Query(() => LanguageConnection, { description: 'Languages of the blog.' })
  languages(@Args(() => NamedArgs) args: NamedArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<Language>>> {
    return ctx.loaders.rootPage(info, connections.languages, 'Language', args);
  }

  @FieldResolver(() => BlogArticleConnection)
  articles(@Root() language: Read<Language>, @Args(() => BlogArticlesArgs) args: BlogArticlesArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.languageArticles, language, args);
  }
}

export const blogArticlePlans: FieldPlans = {
  BlogArticle: {
    author: relation('author', 'BlogAuthor'),
    product: relation('product', 'Product'),
    language: relation('language', 'Language'),
    translationOf: relation('translationOf', 'BlogArticle'),
    translations: list('translations', 'BlogArticle'),
    views: nested(connections.articleViews),
    viewCount: { kind: 'aggregate', def: connections.articleViewCount },
    viewCountWithTranslations: { kind: 'aggregate', def: connections.articleFamilyViewCount },
  },
  BlogAuthor: { articles: nested(connections.authorArticles) },
  Language: { articles: nested(connections.languageArticles) },
};
