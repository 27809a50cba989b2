import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import { raw, type EntityManager, type RawQueryFragment } from '@mikro-orm/sql';
import { dialectOf } from '../db/dialect.js';
import { looseQueryBuilder, type LooseQueryBuilder } from '../db/loose-query-builder.js';
import { inlineValues, PARTITION_ROW_NUMBER, partitionLimit } from '../seams/mikro-orm.js';
import type { PageQuery, PageRequest } from '../graphql/connection.js';
import { neededColumns, type ColumnNeeds } from './columns.js';
import type { ConnectionArgsInput, NestedConnectionDef } from './definitions.js';
import { cellAt, columnAt, layoutOf, setEmbedded, type Layout, type RawRow, type Reader, type RowStore } from './rows.js';
import { thaw } from './plan-cache.js';

type Raw = Record<string, unknown>;
type Row = Record<string, unknown>;

interface Join {
  alias: string;
  parentAlias: string;
  prop: EntityProperty;
  meta: EntityMetadata;
  formulas: EntityProperty[];
}

/**
 * A to-many relation read in its parent's own statement: a correlated subquery returns the
 * children (with their to-one relations) as one JSON array per parent, the way PostGraphile reads
 * nested lists. No join multiplies the parent rows, so a LIMIT still counts parents, and the
 * relation costs no statement of its own.
 */
interface EmbeddedList {
  parentAlias: string;
  parentMeta: EntityMetadata;
  prop: EntityProperty;
  meta: EntityMetadata;
  /** The result column holding the JSON array. */
  key: string;
  /** The children's columns and to-one joins (aliases prefixed by `key`). */
  selection: RowSelection;
  /** The result keys of the columns each child's JSON array holds, in order. */
  columns: string[];
}

/**
 * A nested connection read in its parent's own statement (`#c…` markers in populate paths, planned
 * by the look-ahead and registered in the request's RowStore): the page of each parent, a window
 * query correlated to the parent row, aggregated to JSON in the page's order.
 */
export interface EmbeddedConnectionSpec {
  def: NestedConnectionDef;
  args: ConnectionArgsInput;
  meta: EntityMetadata;
  /** The page as prepare() planned it, once: its request (cursors, size) and query (conditions, order, limit). */
  req: PageRequest;
  q: PageQuery;
  /** The connection's filter without the page's cursor conditions (what totalCount counts). */
  base: object;
  /** Populate paths below the nodes (to-one relations and lists). */
  nodePopulate: string[];
  /** totalCount is selected: the statement counts each parent's nodes too. */
  withCount: boolean;
}

interface EmbeddedConnection {
  parentAlias: string;
  marker: string;
  key: string;
  spec: EmbeddedConnectionSpec;
  selection: RowSelection;
  /** The result keys of its nodes' JSON arrays, in order (computed once, read per parent row). */
  keys: string[];
}

/**
 * What a row query selects for populate paths in MikroORM's syntax (`manufacturer`,
 * `items.product`, `total` for a lazy formula): explicit column lists, so that a joined table
 * gives exactly the columns its rows are read with, never a lazy one (a password hash is lazy);
 * to-one paths become joins, to-many paths embedded lists.
 */
export interface RowSelection {
  rootAlias: string;
  formulas: EntityProperty[];
  joins: Join[];
  lists: EmbeddedList[];
  connections: EmbeddedConnection[];
  /** The columns each entity's rows are read with (columns.ts); every column when undefined. */
  needs?: ColumnNeeds;
  /** Root properties read whatever the fields: a page's order, which its cursors hold. */
  required?: readonly string[];
}

/** The properties a page's order reads (its first path segments): its cursors hold their values. */
export const orderProperties = (req: PageRequest): string[] => req.order.keys.map((k) => k.path.split('.')[0]!);

const isList = (prop: EntityProperty) => prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY;

export const isConnectionMarker = (segment: string) => segment.startsWith('#c');

/** The registered marker of a populate segment `#c3:reviews` (the connection #c3, selected as `reviews`). */
export const markerOf = (segment: string) => segment.slice(0, segment.indexOf(':'));

/** Populate paths without embedded-connection markers, for MikroORM's own populate (entities). */
export const entityPaths = (paths: readonly string[]) => paths.filter((p) => !p.split('.').some(isConnectionMarker));

/**
 * The populate paths of a row statement with each embedded connection's marker replaced by what
 * its subquery depends on: a statement key part (compiled-statements.ts), as markers are numbered
 * per request.
 */
export function populateKey(paths: readonly string[], store: RowStore | undefined): unknown[] {
  return paths.map((path) => {
    if (!path.includes('#c')) return path;
    return path.split('.').map((segment) => {
      const spec = isConnectionMarker(segment) ? store?.connections.get(markerOf(segment)) : undefined;
      if (!spec) return segment;
      const { def, meta, q, base, nodePopulate, withCount } = spec;
      return { entity: meta.className, partitionBy: def.partitionBy, base, where: q.where, orderBy: q.orderBy, limit: q.limit, offset: q.offset, nodePopulate, withCount };
    });
  });
}

export function rowSelection(meta: EntityMetadata, paths: readonly string[], rootAlias = 'e', store?: RowStore, needs?: ColumnNeeds, required?: readonly string[]): RowSelection {
  const selection: RowSelection = { rootAlias, formulas: [], joins: [], lists: [], connections: [], needs, required };
  const joinAt = new Map<string, Join>();
  const listPaths: string[] = [];
  const prefix = rootAlias === 'e' ? '' : `${rootAlias}_`;
  for (const path of [...paths].sort((a, b) => a.split('.').length - b.split('.').length)) {
    if (listPaths.some((l) => path.startsWith(`${l}.`))) continue;
    const parts = path.split('.');
    const parentPath = parts.slice(0, -1).join('.');
    const parent = parentPath ? joinAt.get(parentPath) : undefined;
    if (parentPath && !parent) continue;
    const parentMeta = parent ? parent.meta : meta;
    const last = parts[parts.length - 1]!;
    if (isConnectionMarker(last)) {
      const marker = markerOf(last);
      const spec = store?.connections.get(marker);
      if (!spec) continue;
      const key = `${prefix}c${selection.connections.length}`;
      const nodes = rowSelection(spec.meta, spec.nodePopulate, `${key}_x`, undefined, needs, orderProperties(spec.req));
      selection.connections.push({ parentAlias: parent ? parent.alias : rootAlias, marker, key, spec, selection: nodes, keys: resultKeys(spec.meta, nodes) });
      continue;
    }
    const prop = parentMeta.properties[last];
    if (!prop) throw new Error(`${parentMeta.className} has no property ${path}`);
    if (prop.formula) {
      (parent ? parent.formulas : selection.formulas).push(prop);
      continue;
    }
    if (prop.kind === ReferenceKind.SCALAR || joinAt.has(path) || listPaths.includes(path)) continue;
    const parentAlias = parent ? parent.alias : rootAlias;
    if (isList(prop)) {
      listPaths.push(path);
      const key = `${prefix}l${selection.lists.length}`;
      const below = paths.filter((p) => p.startsWith(`${path}.`)).map((p) => p.slice(path.length + 1));
      const children = rowSelection(prop.targetMeta!, below, `${key}_x`, undefined, needs);
      const columns = resultColumns(prop.targetMeta!, children).map((c) => c.key);
      selection.lists.push({ parentAlias, parentMeta, prop, meta: prop.targetMeta!, key, selection: children, columns });
      continue;
    }
    const join: Join = { alias: `${prefix}j${selection.joins.length}`, parentAlias, prop, meta: prop.targetMeta!, formulas: [] };
    joinAt.set(path, join);
    selection.joins.push(join);
  }
  return selection;
}

/** Selects the root's columns and adds the joins (each with its columns) and embedded lists to a query builder. */
export function applySelection(em: EntityManager, qb: LooseQueryBuilder, meta: EntityMetadata, selection: RowSelection): void {
  const lists = selection.lists.map((l) => raw(`(${listSql(em, l)}) as ${quote(em, l.key)}`));
  const connections = selection.connections.flatMap((c) => [
    subquery(em, connectionSql(em, c), c.key),
    ...(c.spec.withCount ? [subquery(em, correlatedCountSql(em, c), `${c.key}_n`)] : []),
  ]);
  qb.select([...neededColumns(meta, selection.needs, selection.required), ...selection.formulas.map((p) => p.name), ...lists, ...connections]);
  for (const join of selection.joins) {
    qb.leftJoinAndSelect(`${join.parentAlias}.${join.prop.name}`, join.alias, {}, [...neededColumns(join.meta, selection.needs), ...join.formulas.map((p) => p.name)]);
  }
}

const quote = (em: EntityManager, id: string) => em.getPlatform().quoteIdentifier(id);
const keyFields = (meta: EntityMetadata) => meta.primaryKeys.flatMap((pk) => meta.properties[pk]!.fieldNames);

/** The flat column names of a selection's result (`id`, `j0__name`, …), in the order an embedded list selects them. */
function resultColumns(meta: EntityMetadata, selection: RowSelection): { alias: string; field: string; key: string }[] {
  const own = (m: EntityMetadata, alias: string, prefix: string, required?: readonly string[]) =>
    neededColumns(m, selection.needs, required).flatMap((name) => m.properties[name]!.fieldNames.map((field) => ({ alias, field, key: prefix + field })));
  return [...own(meta, selection.rootAlias, '', selection.required), ...selection.joins.flatMap((j) => own(j.meta, j.alias, `${j.alias}__`))];
}

/** The result keys of a selection: its columns, its joins' columns and its embedded lists. */
function resultKeys(meta: EntityMetadata, selection: RowSelection): string[] {
  return [...resultColumns(meta, selection).map((c) => c.key), ...selection.lists.map((l) => l.key)];
}

/**
 * SQL of an embedded connection, correlated to one parent row: its nodes in the page's order,
 * LIMIT first + 1 (OFFSET for positional pages), aggregated to JSON in that order. Reading one
 * parent's page with ORDER BY … LIMIT lets the database stop after first + 1 rows of an index in
 * that order (page views: ix_blog_views_article_id_timestamp_id), joining only those rows; a
 * window (ROW_NUMBER() OVER (PARTITION BY …)) numbered, joined and sorted every child row first
 * (docs/cost-model-2026-12-07.md, "2026-12-07, later"). An order on a related entity's column or
 * a formula cannot be named in the aggregate's terms: such a page keeps the window.
 */
function connectionSql(em: EntityManager, c: EmbeddedConnection): Sql {
  const q = (id: string) => quote(em, id);
  const { spec, selection } = c;
  const x = selection.rootAlias;
  const inner = looseQueryBuilder(em, spec.meta.class, x);
  applySelection(em, inner, spec.meta, selection);
  inner.where(thaw({ $and: [spec.base, ...spec.q.where] })).andWhere(correlation(em, c, x)).orderBy(thaw(spec.q.orderBy));
  const order = aggregateOrder(spec.meta, thaw(spec.q.orderBy) as Record<string, unknown>[], c.keys);
  if (order) inner.limit(spec.q.limit).offset(spec.q.offset || undefined);
  else partitionLimit(inner, { partitionBy: spec.def.partitionBy, limit: spec.q.limit, offset: spec.q.offset });
  const orderSql = order ? order.map(([key, dir]) => `${q('sub')}.${q(key)} ${dir}`).join(', ') : `${q('sub')}.${q(PARTITION_ROW_NUMBER)}`;
  const columns = resultKeys(spec.meta, selection).map((k) => `${q('sub')}.${q(k)}`).join(', ');
  const aggregate =
    dialectOf(em) === 'postgresql'
      ? `coalesce(json_agg(json_build_array(${columns}) order by ${orderSql}), '[]'::json)`
      : `json_group_array(json_array(${columns}) order by ${orderSql})`;
  return { sql: `select ${aggregate} from (${inner.getQuery()}) as ${q('sub')}`, params: inner.getParams() };
}

/**
 * A page's order as [result column, direction] pairs of the subquery's own columns, or undefined
 * when a key is not one of them (a path into a relation, a formula): the aggregate re-sorts the
 * page by the same columns, as a subquery's row order does not carry into its outer query.
 */
function aggregateOrder(meta: EntityMetadata, orderBy: Record<string, unknown>[], keys: readonly string[]): [string, string][] | undefined {
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

/**
 * Pages of a nested connection for many parents in one statement, each read as an embedded
 * connection's is (connectionSql: ORDER BY … LIMIT per parent, by index), selected from the
 * parents' own table by key: what nestedPages sends for a row store, instead of a window that
 * numbers every child row of every parent. Rows of each parent in page order, by parent key as
 * SQL returns it; undefined when the page's order is not the nodes' own columns (the window then).
 */
export async function pagesByParent(
  em: EntityManager,
  store: RowStore,
  spec: EmbeddedConnectionSpec,
  parentKeys: readonly unknown[],
): Promise<Map<unknown, object[]> | undefined> {
  const fk = spec.meta.properties[spec.def.partitionBy]!;
  const parent = fk.targetMeta!;
  const parentKey = parent.primaryKeys[0]!;
  if (parent.primaryKeys.length !== 1 || fk.referencedColumnNames.length !== 1 || fk.referencedColumnNames[0] !== parent.properties[parentKey]!.fieldNames[0]) return undefined;
  const selection = rowSelection(spec.meta, spec.nodePopulate, 'c0_x');
  const keys = resultKeys(spec.meta, selection);
  if (!aggregateOrder(spec.meta, thaw(spec.q.orderBy) as Record<string, unknown>[], keys)) return undefined;
  const c: EmbeddedConnection = { parentAlias: 'p', marker: '', key: 'c0', spec, selection, keys };
  const raws = await looseQueryBuilder(em, parent.class, 'p')
    .select([parentKey, subquery(em, connectionSql(em, c), c.key)])
    .where({ [parentKey]: { $in: parentKeys } })
    .execute<Raw[]>('all', false);
  const layout = layoutOf(keys);
  const pages = new Map<unknown, object[]>();
  for (const raw of raws) pages.set(raw[parent.properties[parentKey]!.fieldNames[0]!], mapRows(store, spec.meta, selection, jsonItems(raw[c.key]), layout));
  return pages;
}

/** `child.fk = parent.key`: ties a subquery on the connection's nodes (alias `alias`) to the parent row. */
function correlation(em: EntityManager, c: EmbeddedConnection, alias: string): string {
  const q = (id: string) => quote(em, id);
  const fk = c.spec.meta.properties[c.spec.def.partitionBy]!;
  return fk.fieldNames.map((f, i) => `${q(alias)}.${q(f)} = ${q(c.parentAlias)}.${q(fk.referencedColumnNames[i]!)}`).join(' and ');
}

/** An embedded connection's totalCount: the parent's nodes under the filter, cursor aside, counted by an index lookup per parent row. */
function correlatedCountSql(em: EntityManager, c: EmbeddedConnection): Sql {
  const alias = `${c.key}_k`;
  return sqlOf(looseQueryBuilder(em, c.spec.meta.class, alias).select(raw('count(*)')).where(thaw(c.spec.base)).andWhere(correlation(em, c, alias)));
}

/**
 * A root connection's totalCount as a scalar subquery of the page's own statement: uncorrelated,
 * so both databases evaluate it once per statement, and the page costs one statement, not two.
 */
export function countColumn(em: EntityManager, meta: EntityMetadata, where: object, as: string): RawQueryFragment {
  return subquery(em, sqlOf(looseQueryBuilder(em, meta.class, 'cnt').select(raw('count(*)')).where(where)), as);
}

interface Sql {
  sql: string;
  params: readonly unknown[];
}

const sqlOf = (qb: LooseQueryBuilder): Sql => ({ sql: qb.getQuery(), params: qb.getParams() });

const subquery = (em: EntityManager, query: Sql, as: string): RawQueryFragment => raw(`(${inlineValues(em, query.sql, query.params)}) as ${quote(em, as)}`);

/**
 * A join to the one row of `table` that `on` names by its key, inside an embedded list. PostgreSQL
 * would otherwise plan it, once per parent row, as a hash join over a sequential scan of the
 * whole table (its cost model prices a key lookup in a 150-row table above scanning it): for the
 * orders page, each order's items → products, 0.067 against 0.025 ms per order. A LATERAL
 * subquery with OFFSET 0 is not flattened, so it is read by key. SQLite has no LATERAL and looks
 * rows up by key anyway.
 */
function byKey(em: EntityManager, join: 'join' | 'left join', table: string, alias: string, on: string): string {
  const q = (id: string) => quote(em, id);
  return dialectOf(em) === 'postgresql'
    ? `${join} lateral (select * from ${q(table)} as ${q(alias)} where ${on} offset 0) as ${q(alias)} on true`
    : `${join} ${q(table)} as ${q(alias)} on ${on}`;
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
  const columns = resultColumns(target, selection).map((c) => `${q(c.alias)}.${q(c.field)}`).join(', ');
  // The relation's own order, then the key; a key column it already orders by (order items by
  // product) is not sorted on twice. Column → direction, the first mention winning.
  const order = new Map<string, string>();
  for (const [name, dir] of Object.entries((prop.orderBy ?? {}) as Record<string, string>)) {
    for (const f of target.properties[name]!.fieldNames) if (!order.has(f)) order.set(f, String(dir).toLowerCase().startsWith('desc') ? 'desc' : 'asc');
  }
  for (const f of keyFields(target)) if (!order.has(f)) order.set(f, 'asc');
  const orderSql = [...order].map(([f, dir]) => `${q(x)}.${q(f)} ${dir}`).join(', ');
  const aggregate =
    dialectOf(em) === 'postgresql'
      ? `coalesce(json_agg(json_build_array(${columns}) order by ${orderSql}), '[]'::json)`
      : `json_group_array(json_array(${columns}) order by ${orderSql})`;
  return `select ${aggregate} from ${from} where ${where}`;
}

/**
 * A subquery column holding the row of `meta` whose key the outer statement computes (`keySql`, a
 * report's grouped product id), as one JSON array of its columns; read back with readKeyRow.
 */
export function keyRowColumn(em: EntityManager, meta: EntityMetadata, keySql: string, as: string): string {
  const q = (id: string) => quote(em, id);
  const x = `${as}_x`;
  const columns = resultColumns(meta, plainSelection(x)).map((c) => `${q(x)}.${q(c.field)}`).join(', ');
  const array = dialectOf(em) === 'postgresql' ? `json_build_array(${columns})` : `json_array(${columns})`;
  return `(select ${array} from ${q(meta.tableName)} as ${q(x)} where ${q(x)}.${q(keyFields(meta)[0]!)} = ${keySql}) as ${q(as)}`;
}

/** Reads the rows keyRowColumn brings (null when the key names none); its column keys computed once. */
export function keyRowReader(store: RowStore, meta: EntityMetadata): (value: unknown) => object | null {
  const selection = plainSelection('e');
  const layout = layoutOf(resultKeys(meta, selection));
  return (value) => {
    if (value === null || value === undefined) return null;
    const item = (typeof value === 'string' ? JSON.parse(value) : value) as unknown[];
    return mapRows(store, meta, selection, [item], layout)[0] ?? null;
  };
}

const plainSelection = (rootAlias: string): RowSelection => ({ rootAlias, formulas: [], joins: [], lists: [], connections: [] });

/** An embedded JSON array: PostgreSQL's driver parses json, SQLite hands back its text. */
const jsonItems = (value: unknown): unknown[][] => (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as unknown[][];

/**
 * How mapRows reads one selection's result rows: readers, each relation's parent and the columns
 * of embedded lists, worked out once per selection (a list's selection is mapped once per parent
 * row, with the layout its parent's plan made).
 */
interface RowPlan {
  layout: Layout | undefined;
  root: Reader;
  /** Each relation's parent as an index into the row's objects: 0 the root, i + 1 the i-th join. */
  joins: { join: Join; parent: number; reader: Reader }[];
  lists: { list: EmbeddedList; parent: number; column: string | number; layout: Layout }[];
  connections: { c: EmbeddedConnection; parent: number; column: string | number; count: string | number; layout: Layout }[];
}

const plans = new WeakMap<RowSelection, RowPlan>();

function planOf(store: RowStore, meta: EntityMetadata, selection: RowSelection, layout: Layout | undefined): RowPlan {
  const known = plans.get(selection);
  if (known && known.layout === layout) return known;
  const aliases = [selection.rootAlias, ...selection.joins.map((j) => j.alias)];
  const plan: RowPlan = {
    layout,
    root: store.reader(meta, '', selection.formulas, layout),
    joins: selection.joins.map((join) => ({ join, parent: aliases.indexOf(join.parentAlias), reader: store.reader(join.meta, `${join.alias}__`, join.formulas, layout) })),
    lists: selection.lists.map((list) => ({ list, parent: aliases.indexOf(list.parentAlias), column: columnAt(layout, list.key), layout: layoutOf(list.columns) })),
    connections: selection.connections.map((c) => ({ c, parent: aliases.indexOf(c.parentAlias), column: columnAt(layout, c.key), count: columnAt(layout, `${c.key}_n`), layout: layoutOf(c.keys) })),
  };
  plans.set(selection, plan);
  return plan;
}

/**
 * Maps raw result rows to row objects, filling the joined relations: a to-one relation gets the
 * target's row (or null), an embedded list the array of its rows, in the relation's order.
 * Returns the root rows in result order, each once. `layout` when the rows are embedded JSON
 * arrays (read by position).
 */
export function mapRows(store: RowStore, meta: EntityMetadata, selection: RowSelection, raws: readonly RawRow[], layout?: Layout): object[] {
  const roots: object[] = [];
  const seen = new Set<object>();
  const { root: rootReader, joins, lists, connections } = planOf(store, meta, selection, layout);
  const nested = joins.length || lists.length || connections.length;
  const at: (object | null)[] = [];
  for (const raw of raws) {
    const root = store.fromReader(meta, rootReader, raw);
    if (!root) continue;
    if (!seen.has(root)) {
      seen.add(root);
      roots.push(root);
    }
    if (!nested) continue;
    at[0] = root;
    for (let i = 0; i < joins.length; i++) {
      const { join, parent, reader } = joins[i]!;
      const owner = at[parent] as Row | null | undefined;
      const child = owner ? store.fromReader(join.meta, reader, raw) : null;
      at[i + 1] = child;
      if (owner) owner[join.prop.name] = child;
    }
    for (const { list, parent, column, layout: items } of lists) {
      const owner = at[parent] as Row | null | undefined;
      if (owner) owner[list.prop.name] = mapRows(store, list.meta, list.selection, jsonItems(cellAt(raw, column)), items);
    }
    for (const { c, parent, column, count, layout: items } of connections) {
      const owner = at[parent];
      if (!owner) continue;
      const nodes = mapRows(store, c.spec.meta, c.selection, jsonItems(cellAt(raw, column)), items);
      setEmbedded(owner, c.marker, c.spec.withCount ? { nodes, totalCount: Number(cellAt(raw, count)) } : { nodes });
    }
  }
  return roots;
}

/** Runs a query builder for rows and maps the result. */
export async function queryRows(store: RowStore, qb: LooseQueryBuilder, meta: EntityMetadata, selection: RowSelection): Promise<object[]> {
  return mapRows(store, meta, selection, await qb.execute<Raw[]>('all', false));
}

