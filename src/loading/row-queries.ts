import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { LooseQueryBuilder } from '../db/loose-query-builder.js';
import { rowColumns, type RowStore } from './rows.js';

type Raw = Record<string, unknown>;
type Row = Record<string, unknown>;

interface Join {
  path: string;
  alias: string;
  parentAlias: string;
  prop: EntityProperty;
  meta: EntityMetadata;
  list: boolean;
  formulas: EntityProperty[];
}

/**
 * The joins and computed columns that populate paths ask for, in MikroORM's populate syntax
 * (`manufacturer`, `items.product`, `total` for a lazy formula), with explicit column lists:
 * a joined table gives exactly the columns its rows are read with, never a lazy one (a password
 * hash is lazy).
 */
export interface RowSelection {
  formulas: EntityProperty[];
  joins: Join[];
}

export function rowSelection(meta: EntityMetadata, paths: string[], rootAlias = 'e'): RowSelection {
  const selection: RowSelection = { formulas: [], joins: [] };
  const byPath = new Map<string, Join>();
  for (const path of [...paths].sort((a, b) => a.split('.').length - b.split('.').length)) {
    const parts = path.split('.');
    const parentPath = parts.slice(0, -1).join('.');
    const parent = parentPath ? byPath.get(parentPath) : undefined;
    if (parentPath && !parent) continue;
    const parentMeta = parent ? parent.meta : meta;
    const prop = parentMeta.properties[parts[parts.length - 1]!];
    if (!prop) throw new Error(`${parentMeta.className} has no property ${path}`);
    if (prop.formula) {
      (parent ? parent.formulas : selection.formulas).push(prop);
      continue;
    }
    if (prop.kind === ReferenceKind.SCALAR || byPath.has(path)) continue;
    const join: Join = {
      path,
      alias: `j${selection.joins.length}`,
      parentAlias: parent ? parent.alias : rootAlias,
      prop,
      meta: prop.targetMeta!,
      list: prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY,
      formulas: [],
    };
    byPath.set(path, join);
    selection.joins.push(join);
  }
  return selection;
}

/** Selects the root's columns and adds the joins (each with its columns) to a query builder. */
export function applySelection(qb: LooseQueryBuilder, meta: EntityMetadata, selection: RowSelection): void {
  qb.select([...rowColumns(meta), ...selection.formulas.map((p) => p.name)]);
  for (const join of selection.joins) {
    qb.leftJoinAndSelect(`${join.parentAlias}.${join.prop.name}`, join.alias, {}, [...rowColumns(join.meta), ...join.formulas.map((p) => p.name)]);
  }
}

/** The collections' own order (`orderBy` of a to-many relation), for joined lists. */
export function joinedListOrder(selection: RowSelection): Record<string, string>[] {
  return selection.joins.flatMap((j) => {
    if (!j.list) return [];
    const order = Object.entries((j.prop.orderBy ?? {}) as Record<string, string>).map(([k, dir]) => ({ [`${j.alias}.${k}`]: dir }));
    return [...order, ...j.meta.primaryKeys.map((pk) => ({ [`${j.alias}.${pk}`]: 'asc' }))];
  });
}

/**
 * Maps raw result rows to row objects, filling the joined relations: a to-one relation gets the
 * target's row (or null), a to-many one the array of the distinct rows found, in result order.
 * Returns the root rows in result order, each once.
 */
export function mapRows(store: RowStore, meta: EntityMetadata, selection: RowSelection, raws: Raw[]): object[] {
  const roots: object[] = [];
  const seenRoots = new Set<object>();
  const lists = new Map<object, Map<string, Set<object>>>();
  for (const raw of raws) {
    const root = store.fromColumns(meta, raw, '', selection.formulas);
    if (!root) continue;
    if (!seenRoots.has(root)) {
      seenRoots.add(root);
      roots.push(root);
    }
    const at = new Map<string, object | null>([['e', root]]);
    for (const join of selection.joins) {
      const parent = at.get(join.parentAlias) as Row | null | undefined;
      if (!parent) {
        at.set(join.alias, null);
        continue;
      }
      const child = store.fromColumns(join.meta, raw, `${join.alias}__`, join.formulas);
      at.set(join.alias, child);
      if (!join.list) {
        parent[join.prop.name] = child;
        continue;
      }
      // A list is rebuilt by the query that reads it (the loaders re-read relations).
      let props = lists.get(parent);
      if (!props) lists.set(parent, (props = new Map()));
      let items = props.get(join.prop.name);
      if (!items) {
        props.set(join.prop.name, (items = new Set()));
        parent[join.prop.name] = [];
      }
      if (child && !items.has(child)) {
        items.add(child);
        (parent[join.prop.name] as object[]).push(child);
      }
    }
  }
  return roots;
}

/** Runs a query builder for rows and maps the result. */
export async function queryRows(store: RowStore, qb: LooseQueryBuilder, meta: EntityMetadata, selection: RowSelection): Promise<object[]> {
  const raws = await qb.execute<Raw[]>('all', false);
  return mapRows(store, meta, selection, raws);
}
