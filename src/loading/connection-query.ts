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
import { applySelection, subquery } from './eager/statements.js';
import { pagesByParent } from './eager/row-pages.js';
import { rowsSupported, type RowStore } from './eager/rows.js';
import { countedRows, countSql, rootCount } from './count-query.js';
import { isBounded, fromCapped, type Count, type CountPolicy } from './counting.js';

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
  return toPage(req, q, rows, (policy) => rootCount(em, def.entity, thaw(base), policy));
}

/** How nestedPages reads: each parent's totalCount (counted only when selected), its nodes' to-one relation paths, and a row store to read rows (eager). */
export interface NestedPagesOptions {
  count: (parentKey: unknown, policy: CountPolicy) => Promise<Count>;
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
        toPage(req, q, items, (policy) => count(key, policy)),
      );
    return pages;
  };
  if (asRows && !def.via) {
    const spec = { def, args, meta, req, q, base, nodePopulate: populate, withCount: undefined };
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

/**
 * totalCount of a nested connection for many parents, in one statement. Exact: one GROUP BY.
 * Bounded (capped, and estimated, which counts nested connections capped: the planner has no
 * per-parent estimate worth the name): for each parent, selected from the parents' table by key,
 * a count of at most cap + 1 of its rows (an index lookup per parent that stops at the LIMIT),
 * as connectionSql reads each parent's page. Parents keyed by more than one column are counted
 * exactly.
 */
export async function nestedCounts(em: EntityManager, def: NestedConnectionDef, parentKeys: unknown[], args: ConnectionArgsInput, policy: CountPolicy): Promise<Map<unknown, Count>> {
  const base = baseWhere(em, def, args);
  const entity = queriedEntity(em, def);
  const fk = em.getMetadata(entity).properties[def.partitionBy]!;
  const parent = fk.targetMeta!;
  const counts = new Map<unknown, Count>(parentKeys.map((k) => [k, { value: 0, exact: true }]));
  if (isBounded(policy) && parent.primaryKeys.length === 1 && fk.fieldNames.length === 1) {
    const parentKey = parent.primaryKeys[0]!;
    const q = (id: string) => em.getPlatform().quoteIdentifier(id);
    const rows = countedRows(em, entity, nestUnder(def.via, base), 'e').andWhere(`${q('e')}.${q(fk.fieldNames[0]!)} = ${q('p')}.${q(fk.referencedColumnNames[0]!)}`);
    const raws = await looseQueryBuilder(em, parent.class, 'p')
      .select([parentKey, subquery(em, countSql(em, rows, policy), 'total')])
      .where({ [parentKey]: { $in: parentKeys } })
      .execute<Record<string, unknown>[]>('all', false);
    const column = parent.properties[parentKey]!.fieldNames[0]!;
    for (const row of raws) counts.set(normalizeKey(parentKeys, row[column]), fromCapped(Number(row.total), policy));
    return counts;
  }
  const rows = await looseQueryBuilder(em, entity, 'e')
    .select([`e.${def.partitionBy}`, raw('count(*) as total')])
    .where({ $and: [{ [def.partitionBy]: { $in: parentKeys } }, nestUnder(def.via, base)] })
    .groupBy(`e.${def.partitionBy}`)
    .execute<Record<string, unknown>[]>('all', false);
  const column = fk.fieldNames[0]!;
  for (const row of rows) counts.set(normalizeKey(parentKeys, row[column]), { value: Number(row.total), exact: true });
  return counts;
}

/** Matches a key read back from SQL to the requested key (drivers may return numbers as strings). */
function normalizeKey(keys: unknown[], value: unknown): unknown {
  return keys.find((k) => String(k) === String(value)) ?? value;
}
