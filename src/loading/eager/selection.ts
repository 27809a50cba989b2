import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { CountPolicy } from '../counting.js';
import type { EntityManager } from '@mikro-orm/sql';
import type { PageQuery, PageRequest } from '../paging/page.js';
import { neededColumns, type ColumnNeeds } from './columns.js';
import type { ConnectionArgsInput, NestedConnectionDef } from '../definitions.js';

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
 * A nested connection read in its parent's own statement (planned by the look-ahead, carried in a
 * Populate): the page of each parent, a query correlated to the parent row, aggregated to JSON in
 * the page's order.
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
  nodePopulate: readonly string[];
  /** totalCount is selected: the statement counts each parent's nodes too, under this policy (bounded ones count at most cap + 1). */
  withCount: CountPolicy | undefined;
}

export interface EmbeddedConnection {
  parentAlias: string;
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

/**
 * What a row statement reads beyond its entity's own columns: relation paths in MikroORM's syntax
 * (`manufacturer`, `items.product`, `total` for a lazy formula) and nested connections read in the
 * same statement, each at a to-one path below the root ('' for the root itself).
 */
export interface Populate {
  readonly paths: readonly string[];
  readonly connections: readonly EmbeddedAt[];
}

/** A nested connection embedded in its parents' statement, selected under `alias` at `path`. */
export interface EmbeddedAt {
  readonly path: string;
  readonly alias: string;
  readonly spec: EmbeddedConnectionSpec;
}

/** Relation paths only. */
export const pathsOnly = (paths: readonly string[]): Populate => ({ paths, connections: [] });

/** What lies below the to-one relation `prop`, relative to it. */
export function populateBelow(populate: Populate, prop: string): Populate {
  const inside = (path: string) => path.startsWith(`${prop}.`);
  return {
    paths: populate.paths.filter(inside).map((p) => p.slice(prop.length + 1)),
    connections: populate.connections.filter((c) => inside(`${c.path}.`) && c.path !== '').map((c) => ({ ...c, path: c.path === prop ? '' : c.path.slice(prop.length + 1) })),
  };
}

/** What a row statement's key holds of its populate: the paths, and what each embedded connection's subquery depends on (compiled-statements.ts). */
export function populateKey({ paths, connections }: Populate): unknown[] {
  return [
    paths,
    connections.map(({ path, spec: { def, meta, q, base, nodePopulate, withCount } }) => ({
      path,
      entity: meta.className,
      partitionBy: def.partitionBy,
      base,
      where: q.where,
      orderBy: q.orderBy,
      limit: q.limit,
      offset: q.offset,
      nodePopulate,
      withCount,
    })),
  ];
}

/** How rowSelection names and reads: the root's alias, the columns the operation uses, the root properties its order needs. */
export interface SelectionOptions {
  rootAlias?: string;
  needs?: ColumnNeeds;
  required?: readonly string[];
}

export function rowSelection(meta: EntityMetadata, populate: Populate, { rootAlias = 'e', needs, required }: SelectionOptions = {}): RowSelection {
  const { paths } = populate;
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
      const children = rowSelection(prop.targetMeta!, pathsOnly(below), { rootAlias: `${key}_x`, needs });
      const columns = resultColumns(prop.targetMeta!, children).map((c) => c.key);
      selection.lists.push({ parentAlias, parentMeta, prop, meta: prop.targetMeta!, key, selection: children, columns });
      continue;
    }
    const join: Join = { alias: `${prefix}j${selection.joins.length}`, parentAlias, prop, meta: prop.targetMeta!, formulas: [] };
    joinAt.set(path, join);
    selection.joins.push(join);
  }
  // Root connections first, then those under to-one relations, level by level (a stable order: the statement's column names follow it).
  const depth = (c: EmbeddedAt) => (c.path ? c.path.split('.').length : 0);
  for (const { path, spec } of [...populate.connections].sort((a, b) => depth(a) - depth(b))) {
    const parent = path ? joinAt.get(path) : undefined;
    if (path && !parent) continue;
    const key = `${prefix}c${selection.connections.length}`;
    const nodes = rowSelection(spec.meta, pathsOnly(spec.nodePopulate), { rootAlias: `${key}_x`, needs, required: orderProperties(spec.req) });
    selection.connections.push({ parentAlias: parent ? parent.alias : rootAlias, key, spec, selection: nodes, keys: resultKeys(spec.meta, nodes) });
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
