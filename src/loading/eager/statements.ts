import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { raw, type EntityManager, type RawQueryFragment } from '@mikro-orm/sql';
import { dialectOf } from '../../db/dialect.js';
import { inlineValues, PARTITION_ROW_NUMBER, partitionLimit } from '../../seams/mikro-orm.js';
import { looseQueryBuilder, type LooseQueryBuilder } from '../../db/loose-query-builder.js';
import { neededColumns } from './columns.js';
import { countedRows, countSql, type Sql } from '../count-query.js';
import type { CountPolicy } from '../counting.js';
import { thaw } from './plan-cache.js';
import { keyFields, quote, resultColumns, resultKeys, plainSelection, type EmbeddedConnection, type EmbeddedList, type RowSelection } from './selection.js';

/** SQL of the eager strategy's row statements: selections applied to query builders, embedded lists and connections as correlated JSON subqueries. */

/** Selects the root's columns and adds the joins (each with its columns) and embedded lists to a query builder. */
export function applySelection(em: EntityManager, qb: LooseQueryBuilder, meta: EntityMetadata, selection: RowSelection): void {
  const lists = selection.lists.map((l) => raw(`(${listSql(em, l)}) as ${quote(em, l.key)}`));
  const connections = selection.connections.flatMap((c) => [
    subquery(em, connectionSql(em, c), c.key),
    ...(c.spec.withCount ? [subquery(em, correlatedCountSql(em, c, c.spec.withCount), `${c.key}_n`)] : []),
  ]);
  qb.select([...neededColumns(meta, selection.needs, selection.required), ...selection.formulas.map((p) => p.name), ...lists, ...connections]);
  for (const join of selection.joins) {
    qb.leftJoinAndSelect(`${join.parentAlias}.${join.prop.name}`, join.alias, {}, [...neededColumns(join.meta, selection.needs), ...join.formulas.map((p) => p.name)]);
  }
}

/**
 * SQL of an embedded connection, correlated to one parent row: its nodes in the page's order,
 * LIMIT first + 1 (OFFSET for positional pages), aggregated to JSON in that order. Reading one
 * parent's page with ORDER BY … LIMIT lets the database stop after first + 1 rows of an index in
 * that order (page views: ix_blog_views_article_id_timestamp_id), joining only those rows; a
 * window (ROW_NUMBER() OVER (PARTITION BY …)) numbered, joined and sorted every child row first
 * (docs/benchmarks/cost-model-2026-12-07.md, "2026-12-07, later"). An order on a related entity's column or
 * a formula cannot be named in the aggregate's terms: such a page keeps the window.
 */
export function connectionSql(em: EntityManager, c: EmbeddedConnection): Sql {
  const q = (id: string) => quote(em, id);
  const { spec, selection } = c;
  const x = selection.rootAlias;
  const inner = looseQueryBuilder(em, spec.meta.class, x);
  applySelection(em, inner, spec.meta, selection);
  inner
    .where(thaw({ $and: [spec.base, ...spec.q.where] }))
    .andWhere(correlation(em, c, x))
    .orderBy(thaw(spec.q.orderBy));
  const order = aggregateOrder(spec.meta, thaw(spec.q.orderBy) as Record<string, unknown>[], c.keys);
  if (order) inner.limit(spec.q.limit).offset(spec.q.offset || undefined);
  else partitionLimit(inner, { partitionBy: spec.def.partitionBy, limit: spec.q.limit, offset: spec.q.offset });
  const orderSql = order ? order.map(([key, dir]) => `${q('sub')}.${q(key)} ${dir}`).join(', ') : `${q('sub')}.${q(PARTITION_ROW_NUMBER)}`;
  const columns = resultKeys(spec.meta, selection)
    .map((k) => `${q('sub')}.${q(k)}`)
    .join(', ');
  const aggregate =
    dialectOf(em) === 'postgresql' ? `coalesce(json_agg(json_build_array(${columns}) order by ${orderSql}), '[]'::json)` : `json_group_array(json_array(${columns}) order by ${orderSql})`;
  return { sql: `select ${aggregate} from (${inner.getQuery()}) as ${q('sub')}`, params: inner.getParams() };
}

/**
 * A page's order as [result column, direction] pairs of the subquery's own columns, or undefined
 * when a key is not one of them (a path into a relation, a formula): the aggregate re-sorts the
 * page by the same columns, as a subquery's row order does not carry into its outer query.
 */
export function aggregateOrder(meta: EntityMetadata, orderBy: Record<string, unknown>[], keys: readonly string[]): [string, string][] | undefined {
  const order: [string, string][] = [];
  for (const entry of orderBy) {
    const [name, dir, ...more] = Object.entries(entry).flat();
    const prop = typeof name === 'string' ? meta.properties[name] : undefined;
    if (more.length || typeof dir !== 'string' || !prop || prop.formula || prop.fieldNames?.length !== 1) return undefined;
    const field = prop.fieldNames[0]!;
    if (!keys.includes(field)) return undefined;
    order.push([field, dir]);
  }
  return order;
}

/** `child.fk = parent.key`: ties a subquery on the connection's nodes (alias `alias`) to the parent row. */
function correlation(em: EntityManager, c: EmbeddedConnection, alias: string): string {
  const q = (id: string) => quote(em, id);
  const fk = c.spec.meta.properties[c.spec.def.partitionBy]!;
  return fk.fieldNames.map((f, i) => `${q(alias)}.${q(f)} = ${q(c.parentAlias)}.${q(fk.referencedColumnNames[i]!)}`).join(' and ');
}

/**
 * An embedded connection's totalCount: the parent's nodes under the filter, cursor aside, counted
 * by an index lookup per parent row, which a bounded policy stops after cap + 1 rows (countSql).
 */
function correlatedCountSql(em: EntityManager, c: EmbeddedConnection, policy: CountPolicy): Sql {
  const alias = `${c.key}_k`;
  return countSql(em, countedRows(em, c.spec.meta.class, thaw(c.spec.base), alias).andWhere(correlation(em, c, alias)), policy);
}

/**
 * A root connection's totalCount as a scalar subquery of the page's own statement: uncorrelated,
 * so both databases evaluate it once per statement, and the page costs one statement, not two.
 * Bounded policies count at most cap + 1 rows (countSql).
 */
export function countColumn(em: EntityManager, meta: EntityMetadata, where: object, as: string, policy: CountPolicy): RawQueryFragment {
  return subquery(em, countSql(em, countedRows(em, meta.class, where), policy), as);
}

export const subquery = (em: EntityManager, query: Sql, as: string): RawQueryFragment => raw(`(${inlineValues(em, query.sql, query.params)}) as ${quote(em, as)}`);

/**
 * A join to the one row of `table` that `on` names by its key, inside an embedded list. PostgreSQL
 * would otherwise plan it, once per parent row, as a hash join over a sequential scan of the
 * whole table (its cost model prices a key lookup in a small table above scanning it; see
 * docs/benchmarks). A LATERAL
 * subquery with OFFSET 0 is not flattened, so it is read by key. SQLite has no LATERAL and looks
 * rows up by key anyway.
 */
function byKey(em: EntityManager, join: 'join' | 'left join', table: string, alias: string, on: string): string {
  const q = (id: string) => quote(em, id);
  return dialectOf(em) === 'postgresql' ? `${join} lateral (select * from ${q(table)} as ${q(alias)} where ${on} offset 0) as ${q(alias)} on true` : `${join} ${q(table)} as ${q(alias)} on ${on}`;
}

/** SQL of an embedded list: the children of one parent row as a JSON array of column arrays, in the relation's order. */
function listSql(em: EntityManager, list: EmbeddedList): string {
  const q = (id: string) => quote(em, id);
  const { meta: target, prop, selection, parentMeta } = list;
  const x = selection.rootAlias;
  let from: string;
  let where: string;
  if (prop.kind === ReferenceKind.MANY_TO_MANY) {
    // Through the pivot table: its columns that point to the parent and to the child.
    const owner = prop.owner ? prop : target.properties[prop.mappedBy]!;
    const [parentCols, childCols] = prop.owner ? [owner.joinColumns, owner.inverseJoinColumns] : [owner.inverseJoinColumns, owner.joinColumns];
    const pivot = `${x}_p`;
    const [targetPk, parentPk] = [keyFields(target), keyFields(parentMeta)];
    from = `${q(owner.pivotTable)} as ${q(pivot)} ${byKey(em, 'join', target.tableName, x, childCols.map((c, i) => `${q(x)}.${q(targetPk[i]!)} = ${q(pivot)}.${q(c)}`).join(' and '))}`;
    where = parentCols.map((c, i) => `${q(pivot)}.${q(c)} = ${q(list.parentAlias)}.${q(parentPk[i]!)}`).join(' and ');
  } else {
    const fk = target.properties[prop.mappedBy]!;
    from = `${q(target.tableName)} as ${q(x)}`;
    where = fk.fieldNames.map((c, i) => `${q(x)}.${q(c)} = ${q(list.parentAlias)}.${q(fk.referencedColumnNames[i]!)}`).join(' and ');
  }
  for (const join of selection.joins) {
    const joinedPk = keyFields(join.meta);
    from += ` ${byKey(em, 'left join', join.meta.tableName, join.alias, join.prop.fieldNames.map((c, i) => `${q(join.alias)}.${q(joinedPk[i]!)} = ${q(join.parentAlias)}.${q(c)}`).join(' and '))}`;
  }
  const columns = resultColumns(target, selection)
    .map((c) => `${q(c.alias)}.${q(c.field)}`)
    .join(', ');
  // The relation's own order, then the key; a key column it already orders by (order items by
  // product) is not sorted on twice. Column → direction, the first mention winning.
  const order = new Map<string, string>();
  for (const [name, dir] of Object.entries((prop.orderBy ?? {}) as Record<string, string>)) {
    for (const f of target.properties[name]!.fieldNames) if (!order.has(f)) order.set(f, String(dir).toLowerCase().startsWith('desc') ? 'desc' : 'asc');
  }
  for (const f of keyFields(target)) if (!order.has(f)) order.set(f, 'asc');
  const orderSql = [...order].map(([f, dir]) => `${q(x)}.${q(f)} ${dir}`).join(', ');
  const aggregate =
    dialectOf(em) === 'postgresql' ? `coalesce(json_agg(json_build_array(${columns}) order by ${orderSql}), '[]'::json)` : `json_group_array(json_array(${columns}) order by ${orderSql})`;
  return `select ${aggregate} from ${from} where ${where}`;
}

/**
 * A subquery column holding the row of `meta` whose key the outer statement computes (`keySql`, a
 * report's grouped product id), as one JSON array of its columns; read back with readKeyRow.
 */
export function keyRowColumn(em: EntityManager, meta: EntityMetadata, keySql: string, as: string): string {
  const q = (id: string) => quote(em, id);
  const x = `${as}_x`;
  const columns = resultColumns(meta, plainSelection(x))
    .map((c) => `${q(x)}.${q(c.field)}`)
    .join(', ');
  const array = dialectOf(em) === 'postgresql' ? `json_build_array(${columns})` : `json_array(${columns})`;
  return `(select ${array} from ${q(meta.tableName)} as ${q(x)} where ${q(x)}.${q(keyFields(meta)[0]!)} = ${keySql}) as ${q(as)}`;
}
