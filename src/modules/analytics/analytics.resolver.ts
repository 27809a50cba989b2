import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { KeyEntities } from '../../loading/read-strategy.js';
import { selectedMetrics } from './report.js';
import type { Context } from '../../context.js';
import type { Read } from '../../loading/read.js';
import { BlogArticle } from '../blog/blog-article.entity.js';
import { BlogAuthor } from '../blog/blog-author.entity.js';
import { Language } from '../blog/language.entity.js';
import { Country } from '../catalog/country.entity.js';
import { Manufacturer } from '../catalog/manufacturer.entity.js';
import { Product } from '../catalog/product.entity.js';
import { Customer } from '../sales/customer.entity.js';
import { Role } from '../wiki/user.entity.js';
import * as q from './analytics.queries.js';
import * as t from './analytics.types.js';

const FIRST = { nullable: true, description: 'Rows to return: 100 by default, at most 1000.' } as const;

/** The metrics a report's selection reads (its row type's fields, fragments included). */
function rowFields(info: GraphQLResolveInfo, rowType: string): Set<string> {
  const tree = parseResolveInfo(info) as ResolveTree;
  return selectedMetrics(Object.values(tree.fieldsByTypeName[rowType] ?? {}).map((f) => f.name));
}

/** The key fields naming an entity, per report (read in the report's statement where the strategy can: ReadStrategy.reportKeys). */
const SALES_KEYS: KeyEntities = { PRODUCT: ['product', Product], MANUFACTURER: ['manufacturer', Manufacturer], COUNTRY: ['country', Country], CUSTOMER: ['customer', Customer] };
const REVIEW_KEYS: KeyEntities = { PRODUCT: ['product', Product], MANUFACTURER: ['manufacturer', Manufacturer], CUSTOMER: ['customer', Customer] };
const PAGE_VIEW_KEYS: KeyEntities = {
  ARTICLE: ['article', BlogArticle],
  AUTHOR: ['author', BlogAuthor],
  LANGUAGE: ['language', Language],
  PRODUCT: ['product', Product],
  CUSTOMER: ['customer', Customer],
};
const CATALOG_KEYS: KeyEntities = { MANUFACTURER: ['manufacturer', Manufacturer], COUNTRY: ['country', Country] };

/** Typed GROUP BY reports: one SQL statement each, plus one batched load per entity type in the keys. */
@Resolver()
export class AnalyticsResolver {
  @Authorized(Role.EDITOR)
  @Query(() => [t.SalesStatsRow], { nullable: true, description: 'Sales grouped by up to 3 dimensions (editors only: null with an error for others). Default order: REVENUE DESC.' })
  salesStats(
    @Arg('groupBy', () => [t.SalesDimension]) groupBy: t.SalesDimension[],
    @Arg('filter', () => t.SalesStatsFilter, { nullable: true }) filter: t.SalesStatsFilter | null,
    @Arg('orderBy', () => [t.SalesStatsOrder], { nullable: true }) orderBy: t.SalesStatsOrder[] | null,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<t.SalesStatsRow[]> {
    return q.salesStats(
      ctx.em,
      groupBy,
      filter,
      orderBy,
      first,
      rowFields(info, 'SalesStatsRow'),
      ctx.loaders.reportKeys(info, { rowType: 'SalesStatsRow', keyType: 'SalesStatsKey', groupBy, entities: SALES_KEYS }),
    );
  }

  @Query(() => [t.ReviewStatsRow], { description: 'Reviews grouped by up to 3 dimensions. Default order: COUNT DESC.' })
  reviewStats(
    @Arg('groupBy', () => [t.ReviewDimension]) groupBy: t.ReviewDimension[],
    @Arg('filter', () => t.ReviewStatsFilter, { nullable: true }) filter: t.ReviewStatsFilter | null,
    @Arg('orderBy', () => [t.ReviewStatsOrder], { nullable: true }) orderBy: t.ReviewStatsOrder[] | null,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Arg('having', () => t.ReviewStatsHaving, { nullable: true, description: 'Conditions on whole groups, e.g. { minCount: 3 }.' }) having: t.ReviewStatsHaving | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<t.ReviewStatsRow[]> {
    return q.reviewStats(
      ctx.em,
      groupBy,
      filter,
      orderBy,
      first,
      having,
      rowFields(info, 'ReviewStatsRow'),
      ctx.loaders.reportKeys(info, { rowType: 'ReviewStatsRow', keyType: 'ReviewStatsKey', groupBy, entities: REVIEW_KEYS }),
    );
  }

  @Authorized(Role.EDITOR)
  @Query(() => [t.PageViewStatsRow], { nullable: true, description: 'Blog page views grouped by up to 3 dimensions (editors only: null with an error for others). Default order: VIEWS DESC.' })
  pageViewStats(
    @Arg('groupBy', () => [t.PageViewDimension]) groupBy: t.PageViewDimension[],
    @Arg('filter', () => t.PageViewStatsFilter, { nullable: true }) filter: t.PageViewStatsFilter | null,
    @Arg('orderBy', () => [t.PageViewStatsOrder], { nullable: true }) orderBy: t.PageViewStatsOrder[] | null,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<t.PageViewStatsRow[]> {
    return q.pageViewStats(ctx.em, groupBy, filter, orderBy, first, ctx.loaders.reportKeys(info, { rowType: 'PageViewStatsRow', keyType: 'PageViewStatsKey', groupBy, entities: PAGE_VIEW_KEYS }));
  }

  @Query(() => [t.CatalogStatsRow], { description: 'Products grouped by manufacturer, country, CPU or year. Default order: KEY.' })
  catalogStats(
    @Arg('groupBy', () => [t.CatalogDimension]) groupBy: t.CatalogDimension[],
    @Arg('filter', () => t.CatalogStatsFilter, { nullable: true }) filter: t.CatalogStatsFilter | null,
    @Arg('orderBy', () => [t.CatalogStatsOrder], { nullable: true }) orderBy: t.CatalogStatsOrder[] | null,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<t.CatalogStatsRow[]> {
    return q.catalogStats(ctx.em, groupBy, orderBy, first, filter, ctx.loaders.reportKeys(info, { rowType: 'CatalogStatsRow', keyType: 'CatalogStatsKey', groupBy, entities: CATALOG_KEYS }));
  }
}

const load = <T extends object>(ctx: Context, entity: new () => T, id: unknown): Promise<Read<T> | null> | null => (id === undefined || id === null ? null : ctx.loaders.byKey<T>(entity, id));

@Resolver(() => t.SalesStatsKey)
export class SalesStatsKeyResolver {
  @FieldResolver(() => Product, { nullable: true }) product(@Root() k: t.SalesStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Product, k.productId);
  }
  @FieldResolver(() => Manufacturer, { nullable: true }) manufacturer(@Root() k: t.SalesStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Manufacturer, k.manufacturerId);
  }
  @FieldResolver(() => Country, { nullable: true }) country(@Root() k: t.SalesStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Country, k.countryId);
  }
  @FieldResolver(() => Customer, { nullable: true }) customer(@Root() k: t.SalesStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Customer, k.customerId);
  }
}

@Resolver(() => t.ReviewStatsKey)
export class ReviewStatsKeyResolver {
  @FieldResolver(() => Product, { nullable: true }) product(@Root() k: t.ReviewStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Product, k.productId);
  }
  @FieldResolver(() => Manufacturer, { nullable: true }) manufacturer(@Root() k: t.ReviewStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Manufacturer, k.manufacturerId);
  }
  @FieldResolver(() => Customer, { nullable: true }) customer(@Root() k: t.ReviewStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Customer, k.customerId);
  }
}

@Resolver(() => t.PageViewStatsKey)
export class PageViewStatsKeyResolver {
  @FieldResolver(() => BlogArticle, { nullable: true }) article(@Root() k: t.PageViewStatsKey, @Ctx() ctx: Context) {
    return load(ctx, BlogArticle, k.articleId);
  }
  @FieldResolver(() => BlogAuthor, { nullable: true }) author(@Root() k: t.PageViewStatsKey, @Ctx() ctx: Context) {
    return load(ctx, BlogAuthor, k.authorId);
  }
  @FieldResolver(() => Language, { nullable: true }) language(@Root() k: t.PageViewStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Language, k.languageId);
  }
  @FieldResolver(() => Product, { nullable: true }) product(@Root() k: t.PageViewStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Product, k.productId);
  }
  @FieldResolver(() => Customer, { nullable: true }) customer(@Root() k: t.PageViewStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Customer, k.customerId);
  }
}

@Resolver(() => t.CatalogStatsKey)
export class CatalogStatsKeyResolver {
  @FieldResolver(() => Manufacturer, { nullable: true }) manufacturer(@Root() k: t.CatalogStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Manufacturer, k.manufacturerId);
  }
  @FieldResolver(() => Country, { nullable: true }) country(@Root() k: t.CatalogStatsKey, @Ctx() ctx: Context) {
    return load(ctx, Country, k.countryId);
  }
}

export const AnalyticsResolvers = [AnalyticsResolver, SalesStatsKeyResolver, ReviewStatsKeyResolver, PageViewStatsKeyResolver, CatalogStatsKeyResolver] as const;
