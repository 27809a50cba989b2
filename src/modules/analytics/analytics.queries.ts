import type { EntityManager } from '@mikro-orm/sql';
import { keyOf } from '../../graphql/node.js';
import { OrderDirection } from '../../loading/paging/order.js';
import type { TimeRange } from '../../graphql/time-range.js';
import type * as t from './analytics.types.js';
import { dialectOf } from '../../db/dialect.js';
import type { ReportKeyColumns } from '../../loading/read-strategy.js';
import { checkShape, runReport, timeParam, type Condition, type ReportOrder } from './report.js';
import { catalogSpec, pageViewSpec, reviewSpec, salesSpec } from './specs.js';

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const money = (v: unknown) => Math.round(num(v) * 100) / 100;

function timeConditions(em: EntityManager, column: string, range: TimeRange | null | undefined, joins: string[]): Condition[] {
  const dialect = dialectOf(em);
  const out: Condition[] = [];
  if (range?.from) out.push({ sql: `${column} >= ?`, params: [timeParam(dialect, range.from)], joins });
  if (range?.to) out.push({ sql: `${column} < ?`, params: [timeParam(dialect, range.to)], joins });
  return out;
}

function idCondition(sql: string, id: string | null | undefined, type: string, kind: 'int' | 'uuid', argument: string, joins: string[] = []): Condition[] {
  return id == null ? [] : [{ sql, params: [keyOf(id, type, kind, argument)], joins }];
}

/** GraphQL order fields (REVENUE) to report metric aliases (revenue). */
function orderOf<M extends string>(order: { field: string; direction: OrderDirection }[] | null | undefined, fallback: ReportOrder<M>[]): ReportOrder<M>[] {
  if (!order?.length) return fallback;
  return order.map((o) => ({ field: (o.field === 'KEY' ? 'KEY' : o.field.toLowerCase()) as 'KEY' | M, desc: o.direction === OrderDirection.DESC }));
}

/** Copies the grouped values of a row onto a key object, by dimension. */
function keyFrom<K extends object>(row: Row, groupBy: string[], assign: Record<string, (key: K, value: unknown) => void>, key: K): K {
  for (let i = 0; i < groupBy.length; i++) assign[groupBy[i]!]!(key, row[`k${i}`] ?? null);
  return key;
}

const asInt = (v: unknown) => (v === null ? undefined : Number(v));
const asStr = (v: unknown) => (v === null ? null : String(v));

export async function salesStats(
  em: EntityManager,
  groupBy: t.SalesDimension[],
  filter: t.SalesStatsFilter | null | undefined,
  orderBy: t.SalesStatsOrder[] | null | undefined,
  first: number | null | undefined,
  selected?: ReadonlySet<string>,
  keys?: ReportKeyColumns,
): Promise<t.SalesStatsRow[]> {
  const limit = checkShape(groupBy, first);
  const f = filter ?? {};
  const conditions = [
    ...timeConditions(em, 'o."timestamp"', f.timestamp, ['o']),
    ...idCondition('oi.product_id = ?', f.productId, 'Product', 'int', 'filter.productId'),
    ...idCondition('p.manufacturer_id = ?', f.manufacturerId, 'Manufacturer', 'int', 'filter.manufacturerId', ['p']),
    ...idCondition('exists (select 1 from products_countries f where f.product_id = oi.product_id and f.country_id = ?)', f.countryId, 'Country', 'int', 'filter.countryId'),
    ...idCondition('o.customer_id = ?', f.customerId, 'Customer', 'uuid', 'filter.customerId', ['o']),
  ];
  const rows = await runReport(em, salesSpec, groupBy, conditions, orderOf(orderBy, [{ field: 'revenue', desc: true }]), limit, [], selected, keys);
  const assign: Record<string, (k: t.SalesStatsKey, v: unknown) => void> = {
    PRODUCT: (k, v) => (k.productId = asInt(v)),
    MANUFACTURER: (k, v) => (k.manufacturerId = asInt(v)),
    COUNTRY: (k, v) => (k.countryId = asInt(v)),
    CUSTOMER: (k, v) => (k.customerId = v === null ? undefined : String(v)),
    CPU: (k, v) => (k.cpu = asStr(v)),
    YEAR: (k, v) => (k.period = asStr(v)),
    MONTH: (k, v) => (k.period = asStr(v)),
    DAY: (k, v) => (k.period = asStr(v)),
  };
  return rows.map((r) => ({
    key: keyFrom(r, groupBy, assign, {}),
    orders: num(r.orders),
    units: num(r.units),
    revenue: money(r.revenue),
    averageOrderValue: money(r.average_order_value),
  }));
}

export async function reviewStats(
  em: EntityManager,
  groupBy: t.ReviewDimension[],
  filter: t.ReviewStatsFilter | null | undefined,
  orderBy: t.ReviewStatsOrder[] | null | undefined,
  first: number | null | undefined,
  having?: t.ReviewStatsHaving | null,
  selected?: ReadonlySet<string>,
  keys?: ReportKeyColumns,
): Promise<t.ReviewStatsRow[]> {
  const limit = checkShape(groupBy, first);
  const f = filter ?? {};
  const conditions = [
    ...timeConditions(em, 'r."timestamp"', f.timestamp, []),
    ...idCondition('r.product_id = ?', f.productId, 'Product', 'int', 'filter.productId'),
    ...idCondition('p.manufacturer_id = ?', f.manufacturerId, 'Manufacturer', 'int', 'filter.manufacturerId', ['p']),
    ...idCondition('r.customer_id = ?', f.customerId, 'Customer', 'uuid', 'filter.customerId'),
    ...(f.minRating != null ? [{ sql: 'r.rating >= ?', params: [f.minRating] }] : []),
    ...(f.maxRating != null ? [{ sql: 'r.rating <= ?', params: [f.maxRating] }] : []),
  ];
  const groups = having?.minCount != null ? [{ sql: 'count(*) >= ?', params: [having.minCount] }] : [];
  const rows = await runReport(em, reviewSpec, groupBy, conditions, orderOf(orderBy, [{ field: 'count', desc: true }]), limit, groups, selected, keys);
  const assign: Record<string, (k: t.ReviewStatsKey, v: unknown) => void> = {
    PRODUCT: (k, v) => (k.productId = asInt(v)),
    MANUFACTURER: (k, v) => (k.manufacturerId = asInt(v)),
    CUSTOMER: (k, v) => (k.customerId = v === null ? undefined : String(v)),
    RATING: (k, v) => (k.rating = v === null ? null : Number(v)),
    MONTH: (k, v) => (k.period = asStr(v)),
  };
  return rows.map((r) => ({
    key: keyFrom(r, groupBy, assign, {}),
    count: num(r.count),
    averageRating: money(r.average_rating),
    minRating: num(r.min_rating),
    maxRating: num(r.max_rating),
  }));
}

export async function pageViewStats(
  em: EntityManager,
  groupBy: t.PageViewDimension[],
  filter: t.PageViewStatsFilter | null | undefined,
  orderBy: t.PageViewStatsOrder[] | null | undefined,
  first: number | null | undefined,
  keys?: ReportKeyColumns,
): Promise<t.PageViewStatsRow[]> {
  const limit = checkShape(groupBy, first);
  const f = filter ?? {};
  const conditions = [
    ...timeConditions(em, 'v."timestamp"', f.timestamp, []),
    ...idCondition('v.article_id = ?', f.articleId, 'BlogArticle', 'int', 'filter.articleId'),
    ...idCondition('a.author_id = ?', f.authorId, 'BlogAuthor', 'int', 'filter.authorId', ['a']),
    ...idCondition('a.language_id = ?', f.languageId, 'Language', 'int', 'filter.languageId', ['a']),
    ...idCondition('a.product_id = ?', f.productId, 'Product', 'int', 'filter.productId', ['a']),
  ];
  const rows = await runReport(em, pageViewSpec, groupBy, conditions, orderOf(orderBy, [{ field: 'views', desc: true }]), limit, [], undefined, keys);
  const assign: Record<string, (k: t.PageViewStatsKey, v: unknown) => void> = {
    ARTICLE: (k, v) => (k.articleId = asInt(v)),
    AUTHOR: (k, v) => (k.authorId = asInt(v)),
    LANGUAGE: (k, v) => (k.languageId = v === null ? null : Number(v)),
    PRODUCT: (k, v) => (k.productId = v === null ? null : Number(v)),
    DAY: (k, v) => (k.period = asStr(v)),
    MONTH: (k, v) => (k.period = asStr(v)),
    VISITOR_KIND: (k, v) => (k.visitorKind = v as t.VisitorKind),
    CUSTOMER: (k, v) => (k.customerId = v === null ? null : String(v)),
  };
  return rows.map((r) => ({ key: keyFrom(r, groupBy, assign, {}), views: num(r.views), sessions: num(r.sessions), users: num(r.users) }));
}

export async function catalogStats(
  em: EntityManager,
  groupBy: t.CatalogDimension[],
  orderBy: t.CatalogStatsOrder[] | null | undefined,
  first: number | null | undefined,
  filter?: t.CatalogStatsFilter | null,
  keys?: ReportKeyColumns,
): Promise<t.CatalogStatsRow[]> {
  const limit = checkShape(groupBy, first);
  const f = filter ?? {};
  const conditions = [
    ...idCondition('p.manufacturer_id = ?', f.manufacturerId, 'Manufacturer', 'int', 'filter.manufacturerId'),
    // A subquery, not the COUNTRY join: filtering by a country must not multiply the products counted.
    ...idCondition('exists (select 1 from products_countries fc where fc.product_id = p.id and fc.country_id = ?)', f.countryId, 'Country', 'int', 'filter.countryId'),
    ...(f.cpu != null ? [{ sql: 'p.cpu = ?', params: [f.cpu] }] : []),
    ...(f.yearFrom != null ? [{ sql: 'p.year >= ?', params: [f.yearFrom] }] : []),
    ...(f.yearTo != null ? [{ sql: 'p.year <= ?', params: [f.yearTo] }] : []),
  ];
  const rows = await runReport(em, catalogSpec, groupBy, conditions, orderOf<'products' | 'first_year' | 'last_year'>(orderBy, [{ field: 'KEY', desc: false }]), limit, [], undefined, keys);
  const assign: Record<string, (k: t.CatalogStatsKey, v: unknown) => void> = {
    MANUFACTURER: (k, v) => (k.manufacturerId = asInt(v)),
    COUNTRY: (k, v) => (k.countryId = asInt(v)),
    CPU: (k, v) => (k.cpu = asStr(v)),
    YEAR: (k, v) => (k.year = v === null ? null : Number(v)),
  };
  return rows.map((r) => ({ key: keyFrom(r, groupBy, assign, {}), products: num(r.products), firstYear: num(r.first_year), lastYear: num(r.last_year) }));
}
