import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { PageQuery, PageRequest } from '../paging/page.js';
import { neededColumns, type ColumnNeeds } from './columns.js';
import type { ConnectionArgsInput, NestedConnectionDef } from '../definitions.js';
import type { RowStore } from './rows.js';


export interface Join {
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
export interface EmbeddedList {
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

export interface EmbeddedConnection {
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


export const quote = (em: EntityManager, id: string) => em.getPlatform().quoteIdentifier(id);
export const keyFields = (meta: EntityMetadata) => meta.primaryKeys.flatMap((pk) => meta.properties[pk]!.fieldNames);

/** The flat column names of a selection's result (`id`, `j0__name`, …), in the order an embedded list selects them. */
export function resultColumns(meta: EntityMetadata, selection: RowSelection): { alias: string; field: string; key: string }[] {
  const own = (m: EntityMetadata, alias: string, prefix: string, required?: readonly string[]) =>
    neededColumns(m, selection.needs, required).flatMap((name) => m.properties[name]!.fieldNames.map((field) => ({ alias, field, key: prefix + field })));
  return [...own(meta, selection.rootAlias, '', selection.required), ...selection.joins.flatMap((j) => own(j.meta, j.alias, `${j.alias}__`))];
}

/** The result keys of a selection: its columns, its joins' columns and its embedded lists. */
export function resultKeys(meta: EntityMetadata, selection: RowSelection): string[] {
  return [...resultColumns(meta, selection).map((c) => c.key), ...selection.lists.map((l) => l.key)];
}


export const plainSelection = (rootAlias: string): RowSelection => ({ rootAlias, formulas: [], joins: [], lists: [], connections: [] });

