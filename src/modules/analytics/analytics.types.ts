import { Max, Min, ValidateNested } from 'class-validator';
import { LaunchYearBounds } from '../catalog/catalog.inputs.js';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { orderInput } from '../../graphql/ordering.js';
import { TimeRange } from '../../graphql/time-range.js';

export enum SalesDimension {
  PRODUCT = 'PRODUCT',
  MANUFACTURER = 'MANUFACTURER',
  COUNTRY = 'COUNTRY',
  CPU = 'CPU',
  CUSTOMER = 'CUSTOMER',
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  DAY = 'DAY',
}
export enum SalesStatsOrderField {
  KEY = 'KEY',
  ORDERS = 'ORDERS',
  UNITS = 'UNITS',
  REVENUE = 'REVENUE',
  AVERAGE_ORDER_VALUE = 'AVERAGE_ORDER_VALUE',
}
export enum ReviewDimension {
  PRODUCT = 'PRODUCT',
  MANUFACTURER = 'MANUFACTURER',
  CUSTOMER = 'CUSTOMER',
  RATING = 'RATING',
  MONTH = 'MONTH',
}
export enum ReviewStatsOrderField {
  KEY = 'KEY',
  COUNT = 'COUNT',
  AVERAGE_RATING = 'AVERAGE_RATING',
}
export enum PageViewDimension {
  ARTICLE = 'ARTICLE',
  AUTHOR = 'AUTHOR',
  LANGUAGE = 'LANGUAGE',
  PRODUCT = 'PRODUCT',
  DAY = 'DAY',
  MONTH = 'MONTH',
  VISITOR_KIND = 'VISITOR_KIND',
  CUSTOMER = 'CUSTOMER',
}
export enum PageViewStatsOrderField {
  KEY = 'KEY',
  VIEWS = 'VIEWS',
  SESSIONS = 'SESSIONS',
  USERS = 'USERS',
}
export enum CatalogDimension {
  MANUFACTURER = 'MANUFACTURER',
  COUNTRY = 'COUNTRY',
  CPU = 'CPU',
  YEAR = 'YEAR',
}
export enum CatalogStatsOrderField {
  KEY = 'KEY',
  PRODUCTS = 'PRODUCTS',
}
export enum VisitorKind {
  CUSTOMER = 'CUSTOMER',
  ANONYMOUS = 'ANONYMOUS',
}

registerEnumType(SalesDimension, { name: 'SalesDimension', description: 'Groups of salesStats; YEAR, MONTH and DAY bucket the order time in UTC.' });
registerEnumType(SalesStatsOrderField, { name: 'SalesStatsOrderField' });
registerEnumType(ReviewDimension, { name: 'ReviewDimension' });
registerEnumType(ReviewStatsOrderField, { name: 'ReviewStatsOrderField' });
registerEnumType(PageViewDimension, { name: 'PageViewDimension', description: 'VISITOR_KIND splits readers who are customers from anonymous ones.' });
registerEnumType(PageViewStatsOrderField, { name: 'PageViewStatsOrderField' });
registerEnumType(CatalogDimension, { name: 'CatalogDimension' });
registerEnumType(CatalogStatsOrderField, { name: 'CatalogStatsOrderField' });
registerEnumType(VisitorKind, { name: 'VisitorKind' });

export const SalesStatsOrder = orderInput(SalesStatsOrderField, 'SalesStatsOrder');
export type SalesStatsOrder = InstanceType<typeof SalesStatsOrder>;
export const ReviewStatsOrder = orderInput(ReviewStatsOrderField, 'ReviewStatsOrder');
export type ReviewStatsOrder = InstanceType<typeof ReviewStatsOrder>;
export const PageViewStatsOrder = orderInput(PageViewStatsOrderField, 'PageViewStatsOrder');
export type PageViewStatsOrder = InstanceType<typeof PageViewStatsOrder>;
export const CatalogStatsOrder = orderInput(CatalogStatsOrderField, 'CatalogStatsOrder');
export type CatalogStatsOrder = InstanceType<typeof CatalogStatsOrder>;

@InputType('SalesStatsFilter', { description: 'All given conditions must hold.' })
export class SalesStatsFilter {
  @Field(() => TimeRange, { nullable: true, description: 'Order time.' })
  @ValidateNested()
  timestamp?: TimeRange | null;

  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ID, { nullable: true }) manufacturerId?: string | null;
  @Field(() => ID, { nullable: true }) countryId?: string | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
}

@InputType('ReviewStatsFilter', { description: 'All given conditions must hold.' })
export class ReviewStatsFilter {
  @Field(() => TimeRange, { nullable: true })
  @ValidateNested()
  timestamp?: TimeRange | null;

  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ID, { nullable: true }) manufacturerId?: string | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  @Max(5)
  minRating?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  @Max(5)
  maxRating?: number | null;
}

@InputType('PageViewStatsFilter', { description: 'All given conditions must hold.' })
export class PageViewStatsFilter {
  @Field(() => TimeRange, { nullable: true, description: 'View time.' })
  @ValidateNested()
  timestamp?: TimeRange | null;

  @Field(() => ID, { nullable: true }) articleId?: string | null;
  @Field(() => ID, { nullable: true }) authorId?: string | null;
  @Field(() => ID, { nullable: true }) languageId?: string | null;
  @Field(() => ID, { nullable: true }) productId?: string | null;
}

/** The grouped parts of a row; only the dimensions grouped by are set. Entities resolve batched. */
@ObjectType('SalesStatsKey')
export class SalesStatsKey {
  productId?: number;
  manufacturerId?: number;
  countryId?: number;
  customerId?: string;

  @Field(() => String, { nullable: true, description: 'Null also for products without a known CPU.' })
  cpu?: string | null;

  @Field(() => String, { nullable: true, description: '2022, 2022-01 or 2022-01-15 (UTC).' })
  period?: string | null;
}

@ObjectType('SalesStatsRow')
export class SalesStatsRow {
  @Field(() => SalesStatsKey) key!: SalesStatsKey;
  @Field(() => Int, { description: 'Distinct orders.' }) orders!: number;
  @Field(() => Int, { description: 'Sum of quantities.' }) units!: number;
  @Field(() => Float, { description: 'Sum of quantity × unit price.' }) revenue!: number;
  @Field(() => Float, { description: 'Revenue per distinct order.' }) averageOrderValue!: number;
}

@ObjectType('ReviewStatsKey')
export class ReviewStatsKey {
  productId?: number;
  manufacturerId?: number;
  customerId?: string;
  @Field(() => Int, { nullable: true }) rating?: number | null;
  @Field(() => String, { nullable: true, description: '2022-01 (UTC).' }) period?: string | null;
}

@ObjectType('ReviewStatsRow')
export class ReviewStatsRow {
  @Field(() => ReviewStatsKey) key!: ReviewStatsKey;
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: 'Two decimals.' }) averageRating!: number;
  @Field(() => Int) minRating!: number;
  @Field(() => Int) maxRating!: number;
}

@ObjectType('PageViewStatsKey')
export class PageViewStatsKey {
  articleId?: number;
  authorId?: number;
  languageId?: number | null;
  productId?: number | null;
  customerId?: string | null;
  @Field(() => String, { nullable: true, description: '2022-01 or 2022-01-15 (UTC).' }) period?: string | null;
  @Field(() => VisitorKind, { nullable: true }) visitorKind?: VisitorKind | null;
}

@ObjectType('PageViewStatsRow')
export class PageViewStatsRow {
  @Field(() => PageViewStatsKey) key!: PageViewStatsKey;
  @Field(() => Int) views!: number;
  @Field(() => Int, { description: 'Distinct sessions.' }) sessions!: number;
  @Field(() => Int, { description: 'Distinct readers.' }) users!: number;
}

@ObjectType('CatalogStatsKey')
export class CatalogStatsKey {
  manufacturerId?: number;
  countryId?: number;
  @Field(() => String, { nullable: true }) cpu?: string | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
}

@ObjectType('CatalogStatsRow')
export class CatalogStatsRow {
  @Field(() => CatalogStatsKey) key!: CatalogStatsKey;
  @Field(() => Int) products!: number;
  @Field(() => Int) firstYear!: number;
  @Field(() => Int) lastYear!: number;
}

@InputType('ReviewStatsHaving', { description: 'Conditions on whole groups of reviewStats (SQL HAVING).' })
export class ReviewStatsHaving {
  @Field(() => Int, { nullable: true, description: 'Only groups of at least this many reviews, e.g. products with enough reviews to trust their average.' })
  @Min(1)
  minCount?: number | null;
}

@InputType('CatalogStatsFilter', { description: 'All given conditions must hold: which products to count.' })
export class CatalogStatsFilter extends LaunchYearBounds {
  @Field(() => ID, { nullable: true, description: 'Global id of the manufacturer.' }) manufacturerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Global id of a country the products were made in.' }) countryId?: string | null;
  @Field(() => String, { nullable: true, description: 'Exact CPU, e.g. "Z80".' }) cpu?: string | null;
}
