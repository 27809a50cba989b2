import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { looseQueryBuilder, type LooseQueryBuilder } from '../db/loose-query-builder.js';
import { thaw } from './eager/plan-cache.js';
import type { PageQuery, PageRequest } from './paging/page.js';

type Where = Record<string, unknown>;

/** The inner query's alias: apart from the outer statement's (`e`) and its joins'. */
const SKIP_ALIAS = 'skip';

/**
 * Whether a page-number page (`offset` > 0) of `meta` is read by a deferred join: true when the
 * entity has a one-column key and every sort key is one of its own stored columns, so that the
 * skipped rows can be read from an index on (sort keys…, key) alone. An order on a related
 * entity's column or on a computed one (orders by CUSTOMER or TOTAL) keeps the plain OFFSET, which
 * reads every skipped row: MAX_OFFSET bounds it (docs/api.md, "Page numbers").
 */
export function deferrable(meta: EntityMetadata, req: PageRequest): boolean {
  if (!req.offset || meta.primaryKeys.length !== 1) return false;
  return req.order.keys.every(({ path }) => {
    const prop = meta.properties[path];
    return prop !== undefined && prop.kind === ReferenceKind.SCALAR && !prop.formula && prop.persist !== false && prop.fieldNames?.length === 1;
  });
}

/**
 * A deep page's rows as a deferred join: `key in (select key from t where … order by … limit n
 * offset N)`. The skip runs in the subquery, which reads only the sort keys and the key — an
 * index-only scan where an index on them exists (ix_orders_timestamp_id, ix_blog_views_timestamp_id)
 * — and the outer statement reads full rows, joins and embedded relations for the n rows kept. Same
 * rows, order, cursors and page info as the plain OFFSET, in the same one statement. Undefined when
 * the page is not deferrable; the outer statement then reads `where` with q's own offset.
 */
export function deferredWhere(em: EntityManager, meta: EntityMetadata, req: PageRequest, q: PageQuery, where: Where): Where | undefined {
  if (!deferrable(meta, req)) return undefined;
  const key = meta.primaryKeys[0]!;
  const inner: LooseQueryBuilder = looseQueryBuilder(em, meta.class, SKIP_ALIAS).select([key]).where(thaw(where)).orderBy(thaw(q.orderBy)).limit(q.limit).offset(q.offset);
  return { [key]: { $in: inner } };
}
