import type { EntityMetadata } from '@mikro-orm/core';
import type { LooseQueryBuilder } from '../../db/loose-query-builder.js';
import { cellAt, columnAt, layoutOf, setEmbedded, type Layout, type RawRow, type Reader, type RowStore } from './rows.js';
import { plainSelection, resultKeys, type EmbeddedConnection, type EmbeddedList, type Join, type RowSelection } from './selection.js';

type Raw = Record<string, unknown>;
type Row = Record<string, unknown>;

/** An embedded JSON array: PostgreSQL's driver parses json, SQLite hands back its text. */
export const jsonItems = (value: unknown): unknown[][] => (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as unknown[][];

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
      setEmbedded(owner, c.spec, c.spec.withCount ? { nodes, totalCount: Number(cellAt(raw, count)) } : { nodes });
    }
  }
  return roots;
}

/** Runs a query builder for rows and maps the result. */
export async function queryRows(store: RowStore, qb: LooseQueryBuilder, meta: EntityMetadata, selection: RowSelection): Promise<object[]> {
  return mapRows(store, meta, selection, await qb.execute<Raw[]>('all', false));
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
