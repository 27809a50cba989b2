import type { FilterQuery } from '@mikro-orm/core';
import { compact, contains, type FilterContext } from '../../loading/filters.js';
import { keyOf } from '../../graphql/node.js';
import { OrderDirection, type OrderSpec } from '../../loading/paging/order.js';
import { timeCondition } from '../../graphql/time-range.js';
import type { AggregateDef, ConnectionDef, NestedConnectionDef } from '../../loading/definitions.js';
import { nameFilter, nameOrder } from '../catalog/catalog.connections.js';
import { BlogArticle } from './blog-article.entity.js';
import { BlogAuthor } from './blog-author.entity.js';
import { BlogSession } from './blog-session.entity.js';
import { BlogUser } from './blog-user.entity.js';
import { BlogView } from './blog-view.entity.js';
import { Language } from './language.entity.js';
import type { BlogArticleFilter, BlogViewFilter } from './blog.inputs.js';

const articleOrder: OrderSpec<string> = {
  fields: { TIMESTAMP: { path: 'timestamp', keyset: true }, TITLE: { path: 'title', keyset: true } },
  defaultOrder: [{ field: 'TIMESTAMP', direction: OrderDirection.DESC }],
  tiebreaker: ['id'],
};

function articleFilter(f: BlogArticleFilter, ctx: FilterContext): FilterQuery<BlogArticle> {
  return compact({
    title: f.titleContains != null ? contains(f.titleContains, ctx) : undefined,
    author: f.authorId != null ? keyOf(f.authorId, 'BlogAuthor', 'int', 'filter.authorId') : undefined,
    language: f.languageId != null ? keyOf(f.languageId, 'Language', 'int', 'filter.languageId') : undefined,
    product: f.productId != null ? keyOf(f.productId, 'Product', 'int', 'filter.productId') : undefined,
    timestamp: timeCondition(f.timestamp),
    translationOf: f.isTranslation == null ? undefined : f.isTranslation ? { $ne: null } : null,
    ...missingTranslation(f.missingTranslationInto),
  }) as FilterQuery<BlogArticle>;
}

/** Originals not written in that language and without a translation into it. */
function missingTranslation(languageId: string | null | undefined): Record<string, unknown> {
  if (languageId == null) return {};
  const language = keyOf(languageId, 'Language', 'int', 'filter.missingTranslationInto');
  return {
    $and: [{ translationOf: null }, { $or: [{ language: null }, { language: { $ne: language } }] }, { translations: { $none: { language } } }],
  };
}

const viewOrder: OrderSpec<string> = {
  fields: { TIMESTAMP: { path: 'timestamp', keyset: true } },
  defaultOrder: [{ field: 'TIMESTAMP', direction: OrderDirection.DESC }],
  tiebreaker: ['id'],
};

function viewFilter(f: BlogViewFilter): FilterQuery<BlogView> {
  return compact({ timestamp: timeCondition(f.timestamp) }) as FilterQuery<BlogView>;
}

export const articles: ConnectionDef<BlogArticle> = { entity: BlogArticle, order: articleOrder, filter: articleFilter };
export const authors: ConnectionDef<BlogAuthor> = { entity: BlogAuthor, order: nameOrder, filter: nameFilter<BlogAuthor> };
export const languages: ConnectionDef<Language> = { entity: Language, order: nameOrder, filter: nameFilter<Language> };

const nestedArticles = { ...articles, nodeType: 'BlogArticle' };
export const authorArticles: NestedConnectionDef<BlogArticle> = { ...nestedArticles, name: 'BlogAuthor.articles', partitionBy: 'author' };
export const languageArticles: NestedConnectionDef<BlogArticle> = { ...nestedArticles, name: 'Language.articles', partitionBy: 'language' };
/** Every page view (the root blogViews connection, editors only). */
export const views: ConnectionDef<BlogView> = { entity: BlogView, order: viewOrder, filter: viewFilter };

export const articleViews: NestedConnectionDef<BlogView> = {
  ...views,
  nodeType: 'BlogView',
  name: 'BlogArticle.views',
  partitionBy: 'article',
};

/** Views of an article's family: the original and all its translations, whichever is asked about. */
export const articleFamilyViewCount: AggregateDef = {
  name: 'BlogArticle.viewCountWithTranslations',
  entity: BlogView,
  groupBy: 'article',
  expression: 'count(*)',
  empty: 0,
  custom: {
    from: 'blog_views e join blog_articles a on a.id = e.article_id',
    key: 'coalesce(a.translation_of_id, a.id)',
    parentKey: (article) => (article as BlogArticle).translationOf?.id ?? (article as BlogArticle).id,
  },
};

export const articleViewCount: AggregateDef = { name: 'BlogArticle.viewCount', entity: BlogView, groupBy: 'article', expression: 'count(*)', empty: 0 };

/** Readers and sessions have no natural order of their own: they come in key order, stable for paging. */
const keyOrder: OrderSpec<string> = { fields: {}, defaultOrder: [], tiebreaker: ['id'] };

export const sessionViews: NestedConnectionDef<BlogView> = { ...articleViews, name: 'BlogSession.views', partitionBy: 'session' };
export const userSessions: NestedConnectionDef<BlogSession> = { entity: BlogSession, order: keyOrder, nodeType: 'BlogSession', name: 'BlogUser.sessions', partitionBy: 'user' };
export const customerBlogUsers: NestedConnectionDef<BlogUser> = { entity: BlogUser, order: keyOrder, nodeType: 'BlogUser', name: 'Customer.blogUsers', partitionBy: 'customer' };
