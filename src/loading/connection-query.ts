import type { FilterQuery } from '@mikro-orm/core';
import { partitionLimit } from '../seams/mikro-orm.js';
import { raw, type EntityManager } from '@mikro-orm/sql';
import { looseQueryBuilder } from '../db/loose-query-builder.js';
import { toPage, type ConnectionShape } from './paging/page.js';
import { deferredWhere } from './deep-page.js';
import { valueAt } from './keys.js';
import { thaw } from './eager/plan-cache.js';
import type { ConnectionArgsInput, ConnectionDef, NestedConnectionDef } from './definitions.js';
import { pathsOnly, rowSelection } from './eager/selection.js';
import { baseWhere, prepare } from './page-plan.js';
import { queryRows } from './eager/map-rows.js';
import { applySelection } from './eager/statements.js';
import { pagesByParent } from './eager/row-pages.js';
import { rowsSupported, type RowStore } from './eager/rows.js';

type Where = Record<string, unknown>;

/**
 * A root connection read as entities: one statement for the page (the relation paths in
 * `populate` joined into it), one more only if totalCount is selected.
 */
export async function rootConnection<T extends object>(em: EntityManager, def: ConnectionDef<T>, args: ConnectionArgsInput, populate: readonly string[] = []): Promise<ConnectionShape<T>> {
  const { req, q, base } = prepare(em, def, args);
  const where = { $and: [base, ...q.where] };
  // A deep page-number page skips in a subquery (deep-page.ts); the outer statement reads its rows only.
  const deferred = deferredWhere(em, em.getMetadata(def.entity), req, q, where);
  const rows = (await em.find(def.entity, (deferred ?? where) as FilterQuery<NoInfer<T>>, {
    orderBy: q.orderBy,
    limit: q.limit,
    offset: deferred ? undefined : q.offset,
    populate: populate as never[],
    strategy: 'joined',
  })) as T[];
  return toPage(req, q, rows, () => em.count(def.entity, thaw(base) as FilterQuery<NoInfer<T>>));
}

/** How nestedPages reads: each parent's totalCount (counted only when selected), its nodes' to-one relation paths, and a row store to read rows (eager). */
export interface NestedPagesOptions {
  count: (parentKey: unknown) => Promise<number>;
  populate?: readonly string[];
  store?: RowStore;
}

const nestUnder = (prefix: string | undefined, where: Where): Where => (prefix ? { [prefix]: where } : where);

/**
 * Pages of a nested connection for many parents in one statement. As rows (a row store), each
 * parent's page is an ORDER BY … LIMIT subquery on the parents' table (pagesByParent); as
 * entities, through a link entity, or ordered by another entity's column, ROW_NUMBER() OVER
 * (PARTITION BY <parent column> ORDER BY ...) keeps the first rows of each parent.
 * `populate` lists to-one relation paths of the nodes, joined into the same statement.
 */
export async function nestedPages(
  em: EntityManager,
  def: NestedConnectionDef,
  parentKeys: unknown[],
  args: ConnectionArgsInput,
  { count, populate = [], store }: NestedPagesOptions,
): Promise<Map<unknown, ConnectionShape<object>>> {
  const { req, q, base } = prepare(em, def, args);
  const entity = queriedEntity(em, def);
  const meta = em.getMetadata(entity);
  const asRows = store && rowsSupported(meta) && rowsSupported(em.getMetadata(def.entity));
  const toPages = (groups: Map<unknown, object[]>) => {
    const pages = new Map<unknown, ConnectionShape<object>>();
    for (const [key, items] of groups)
      pages.set(
        key,
        toPage(req, q, items, () => count(key)),
      );
    return pages;
  };
  if (asRows && !def.via) {
    const spec = { def, args, meta, req, q, base, nodePopulate: populate, withCount: false };
    const byParent = await pagesByParent(em, store, spec, parentKeys);
    if (byParent) {
      const groups = new Map<unknown, object[]>(parentKeys.map((k) => [k, []]));
      for (const [key, items] of byParent) groups.set(groups.has(key) ? key : normalizeKey(parentKeys, key), items);
      return toPages(groups);
    }
  }
  const qb = looseQueryBuilder(em, entity, 'e');
  const paths = def.via ? [def.via, ...populate.map((p) => `${def.via}.${p}`)] : populate;
  const selection = rowSelection(meta, pathsOnly(paths));
  if (asRows) applySelection(em, qb, meta, selection);
  else {
    qb.select('*');
    for (const join of selection.joins) qb.leftJoinAndSelect(`${join.parentAlias}.${join.prop.name}`, join.alias);
  }
  const conditions = [base, ...q.where].map((w) => nestUnder(def.via, w));
  qb.where({ $and: [{ [def.partitionBy]: { $in: parentKeys } }, ...conditions] });
  qb.orderBy(q.orderBy.map((o) => nestUnder(def.via, o)));
  partitionLimit(qb, { partitionBy: def.partitionBy, limit: q.limit, offset: q.offset });
  const rows = asRows ? await queryRows(store, qb, meta, selection) : await qb.getResultList();
  const groups = new Map<unknown, object[]>(parentKeys.map((k) => [k, []]));
  for (const row of rows) {
    const key = valueAt(row, def.partitionBy);
    (groups.get(key) ?? groups.get(normalizeKey(parentKeys, key)))?.push(def.via ? (row as Record<string, object>)[def.via]! : row);
  }
  return toPages(groups);
}

/** The entity a nested connection queries: the nodes', or for `via` the link entity that owns `partitionBy`. */
function queriedEntity(em: EntityManager, def: NestedConnectionDef) {
  if (!def.via) return def.entity;
  const meta = em.getMetadata(def.entity);
  const link = [...em.getMetadata().getAll().values()].find((m) => m.properties[def.partitionBy] && m.properties[def.via!]?.targetMeta?.class === meta.class);
  if (!link) throw new Error(`no link entity with ${def.partitionBy} and ${def.via} for ${meta.className}`);
  return link.class;
}

/** totalCount of a nested connection for many parents: one GROUP BY statement. */
export async function nestedCounts(em: EntityManager, def: NestedConnectionDef, parentKeys: unknown[], args: ConnectionArgsInput): Promise<Map<unknown, number>> {
  const base = baseWhere(em, def, args);
  const entity = queriedEntity(em, def);
  const rows = await looseQueryBuilder(em, entity, 'e')
    .select([`e.${def.partitionBy}`, raw('count(*) as total')])
    .where({ $and: [{ [def.partitionBy]: { $in: parentKeys } }, nestUnder(def.via, base)] })
    .groupBy(`e.${def.partitionBy}`)
    .execute<Record<string, unknown>[]>('all', false);
  const column = em.getMetadata(entity).properties[def.partitionBy]!.fieldNames[0]!;
  const counts = new Map<unknown, number>(parentKeys.map((k) => [k, 0]));
  for (const row of rows) counts.set(normalizeKey(parentKeys, row[column]), Number(row.total));
  return counts;
}

/** Matches a key read back from SQL to the requested key (drivers may return numbers as strings). */
function normalizeKey(keys: unknown[], value: unknown): unknown {
  return keys.find((k) => String(k) === String(value)) ?? value;
}
