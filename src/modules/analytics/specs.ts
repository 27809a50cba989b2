import type { ReportSpec } from './report.js';
import { period } from './report.js';

// The rows a key names, for KEY order (report.ts looks them up after grouping).
const products = { table: 'products', column: 'name' };
const manufacturers = { table: 'manufacturers', column: 'name' };
const countries = { table: 'countries', column: 'name' };
const customers = { table: 'customers', column: 'name' };

/** Order lines with their order, product, manufacturer, countries and customer. */
export const salesSpec: ReportSpec<'PRODUCT' | 'MANUFACTURER' | 'COUNTRY' | 'CPU' | 'CUSTOMER' | 'YEAR' | 'MONTH' | 'DAY', 'orders' | 'units' | 'revenue' | 'average_order_value'> = {
  from: 'orders_items oi',
  joins: {
    o: 'join orders o on o.id = oi.order_id',
    p: 'join products p on p.id = oi.product_id',
    m: 'join manufacturers m on m.id = p.manufacturer_id',
    // A product made in two countries counts fully in each: per-country figures may add up to more than the total.
    pc: 'join products_countries pc on pc.product_id = oi.product_id',
    c: 'join countries c on c.id = pc.country_id',
    cu: 'join customers cu on cu.id = o.customer_id',
  },
  dimensions: {
    PRODUCT: { key: () => 'oi.product_id', label: products, joins: [] },
    MANUFACTURER: { key: () => 'p.manufacturer_id', label: manufacturers, joins: ['p'] },
    COUNTRY: { key: () => 'pc.country_id', label: countries, joins: ['pc'] },
    CPU: { key: () => 'p.cpu', joins: ['p'] },
    CUSTOMER: { key: () => 'o.customer_id', label: customers, joins: ['o'] },
    YEAR: { key: period('o."timestamp"', 'YEAR'), joins: ['o'] },
    MONTH: { key: period('o."timestamp"', 'MONTH'), joins: ['o'] },
    DAY: { key: period('o."timestamp"', 'DAY'), joins: ['o'] },
  },
  metrics: {
    orders: 'count(distinct oi.order_id)',
    units: 'sum(oi.quantity)',
    revenue: 'sum(oi.line_total)',
    // * 1.0: SQLite would otherwise divide integers.
    average_order_value: 'sum(oi.line_total) * 1.0 / count(distinct oi.order_id)',
  },
};

export const reviewSpec: ReportSpec<'PRODUCT' | 'MANUFACTURER' | 'CUSTOMER' | 'RATING' | 'MONTH', 'count' | 'average_rating' | 'min_rating' | 'max_rating'> = {
  from: 'products_reviews r',
  joins: {
    p: 'join products p on p.id = r.product_id',
    m: 'join manufacturers m on m.id = p.manufacturer_id',
    cu: 'join customers cu on cu.id = r.customer_id',
  },
  dimensions: {
    PRODUCT: { key: () => 'r.product_id', label: products, joins: [] },
    MANUFACTURER: { key: () => 'p.manufacturer_id', label: manufacturers, joins: ['p'] },
    CUSTOMER: { key: () => 'r.customer_id', label: customers, joins: [] },
    RATING: { key: () => 'r.rating', joins: [] },
    MONTH: { key: period('r."timestamp"', 'MONTH'), joins: [] },
  },
  metrics: {
    count: 'count(*)',
    average_rating: 'avg(r.rating)',
    min_rating: 'min(r.rating)',
    max_rating: 'max(r.rating)',
  },
};

export const pageViewSpec: ReportSpec<'ARTICLE' | 'AUTHOR' | 'LANGUAGE' | 'PRODUCT' | 'DAY' | 'MONTH' | 'VISITOR_KIND' | 'CUSTOMER', 'views' | 'sessions' | 'users'> = {
  from: 'blog_views v',
  always: ['s'],
  joins: {
    s: 'join blog_sessions s on s.id = v.session_id',
    u: 'join blog_users u on u.id = s.user_id',
    a: 'join blog_articles a on a.id = v.article_id',
    au: 'join blog_authors au on au.id = a.author_id',
    l: 'left join languages l on l.id = a.language_id',
    p: 'left join products p on p.id = a.product_id',
    cu: 'left join customers cu on cu.id = u.customer_id',
  },
  dimensions: {
    CUSTOMER: { key: () => 'u.customer_id', label: customers, joins: ['u'] },
    ARTICLE: { key: () => 'v.article_id', label: { table: 'blog_articles', column: 'title' }, joins: [] },
    AUTHOR: { key: () => 'a.author_id', label: { table: 'blog_authors', column: 'name' }, joins: ['a'] },
    LANGUAGE: { key: () => 'a.language_id', label: { table: 'languages', column: 'name' }, joins: ['a'] },
    PRODUCT: { key: () => 'a.product_id', label: products, joins: ['a'] },
    DAY: { key: period('v."timestamp"', 'DAY'), joins: [] },
    MONTH: { key: period('v."timestamp"', 'MONTH'), joins: [] },
    VISITOR_KIND: { key: () => "case when u.customer_id is null then 'ANONYMOUS' else 'CUSTOMER' end", joins: ['u'] },
  },
  metrics: {
    views: 'count(*)',
    sessions: 'count(distinct v.session_id)',
    users: 'count(distinct s.user_id)',
  },
};

export const catalogSpec: ReportSpec<'MANUFACTURER' | 'COUNTRY' | 'CPU' | 'YEAR', 'products' | 'first_year' | 'last_year'> = {
  from: 'products p',
  joins: {
    m: 'join manufacturers m on m.id = p.manufacturer_id',
    pc: 'join products_countries pc on pc.product_id = p.id',
    c: 'join countries c on c.id = pc.country_id',
  },
  dimensions: {
    MANUFACTURER: { key: () => 'p.manufacturer_id', label: manufacturers, joins: [] },
    COUNTRY: { key: () => 'pc.country_id', label: countries, joins: ['pc'] },
    CPU: { key: () => 'p.cpu', joins: [] },
    YEAR: { key: () => 'p.year', joins: [] },
  },
  metrics: {
    products: 'count(distinct p.id)',
    first_year: 'min(p.year)',
    last_year: 'max(p.year)',
  },
};
