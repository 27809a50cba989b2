import type { FilterQuery } from '@mikro-orm/core';
import { partitionLimit, primaryKey } from '../seams/mikro-orm.js';
import { raw, type EntityManager } from '@mikro-orm/sql';
import { dialectOf } from '../db/dialect.js';
import { looseQueryBuilder } from '../db/loose-query-builder.js';
import { pageQuery, pageRequest, toPage, type ConnectionShape, type PageQuery, type PageRequest } from '../graphql/connection.js';
import { valueAt } from '../graphql/cursor.js';
import { resolveOrder } from '../graphql/ordering.js';
import { checkCursorKinds } from './cursor-types.js';
import { deepFreeze, planMemo, thaw, type LookaheadPlan } from './plan-cache.js';
import type { ConnectionArgsInput, ConnectionDef, NestedConnectionDef } from './definitions.js';
import { executeRows, statementKey } from './compiled-statements.js';
import { applySelection, countColumn, entityPaths, mapRows, orderProperties, pagesByParent, populateKey, queryRows, rowSelection } from './row-queries.js';
import { isRow, rowKey, rowsSupported, type RowStore } from './rows.js';

type Where = Record<string, unknown>;

function baseWhere(em: EntityManager, def: ConnectionDef, args: ConnectionArgsInput): Where {
  if (!def.filter || !args.filter) return {};
  return def.filter(args.filter as never, { dialect: dialectOf(em) }) as Where;
}

export function prepare(em: EntityManager, def: ConnectionDef, args: ConnectionArgsInput): { req: PageRequest; q: PageQuery; base: Where } {
  const req = pageRequest(args, resolveOrder(def.order, args.orderBy));
  checkCursorKinds(em, def.entity, req);
  return { req, q: pageQuery(req), base: baseWhere(em, def, args) };
}

/**
 * A root connection: one statement for the page, one more only if totalCount is selected. With a
 * row store (the eager strategy) its nodes are read-only rows instead of entities (rows.ts), and
 * with `withCount` the page's own statement counts too.
 */
export async function rootConnection<T extends object>(
  em: EntityManager,
  def: ConnectionDef<T>,
  args: ConnectionArgsInput,
  populate: readonly string[] = [],
  store?: RowStore,
  withCount = false,
  plan?: LookaheadPlan,
): Promise<ConnectionShape<T>> {
  const meta = em.getMetadata(def.entity);
  const rowStore = store && rowsSupported(meta) ? store : undefined;
  // On the row path, the page, selection and key are made once per look-ahead plan (plan-cache.ts).
  const { req, q, base } = rowStore ? planMemo(plan, 'page', () => deepFreeze(prepare(em, def, args))) : prepare(em, def, args);
  const where = { $and: [base, ...q.where] } as FilterQuery<NoInfer<T>>;
  let rows: T[];
  let counted: number | undefined;
  if (rowStore) {
    const selection = planMemo(plan, 'selection', () => rowSelection(meta, populate, 'e', rowStore, rowStore.needs, orderProperties(req)));
    const key = planMemo(plan, 'key', () =>
      statementKey(['root', meta.className, populateKey(populate, rowStore), rowStore.needs?.key, where, q.orderBy, q.limit, q.offset, withCount]),
    );
    const raws = await executeRows(em, key, () => {
      const qb = looseQueryBuilder(em, def.entity, 'e');
      applySelection(em, qb, meta, selection);
      // totalCount rides along as a scalar subquery (read off the first row; an empty page counts on its own).
      if (withCount) qb.addSelect(countColumn(em, meta, thaw(base), TOTAL));
      return qb.where(thaw(where)).orderBy(thaw(q.orderBy)).limit(q.limit).offset(q.offset);
    });
    rows = mapRows(rowStore, meta, selection, raws) as T[];
    if (withCount && raws.length) counted = Number(raws[0]![TOTAL]);
    // An empty first page (no cursor, no offset) is a total of none.
    else if (withCount && q.limit > 0 && !q.offset && !req.after && !req.before && !req.offset) counted = 0;
  } else {
    rows = (await em.find(def.entity, where, {
      orderBy: q.orderBy,
      limit: q.limit,
      offset: q.offset,
      populate: entityPaths(populate) as never[],
      strategy: 'joined',
    })) as T[];
  }
  return toPage(req, q, rows, counted === undefined ? () => em.count(def.entity, thaw(base) as FilterQuery<NoInfer<T>>) : () => Promise.resolve(counted));
}

/** The result column of a page's embedded total. */
const TOTAL = '__total';

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
  count: (parentKey: unknown) => Promise<number>,
  populate: string[] = [],
  store?: RowStore,
): Promise<Map<unknown, ConnectionShape<object>>> {
  const { req, q, base } = prepare(em, def, args);
  const entity = queriedEntity(em, def);
  const meta = em.getMetadata(entity);
  const asRows = store && rowsSupported(meta) && rowsSupported(em.getMetadata(def.entity));
  const toPages = (groups: Map<unknown, object[]>) => {
    const pages = new Map<unknown, ConnectionShape<object>>();
    for (const [key, items] of groups) pages.set(key, toPage(req, q, items, () => count(key)));
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
  const selection = rowSelection(meta, paths);
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
  const link = [...em.getMetadata().getAll().values()].find(
    (m) => m.properties[def.partitionBy] && m.properties[def.via!]?.targetMeta?.class === meta.class,
  );
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

export function primaryKeyOf(entity: object): unknown {
  return isRow(entity) ? rowKey(entity) : primaryKey(entity);
}
