import type { EntityManager } from '@mikro-orm/sql';
import { looseQueryBuilder } from '../../db/loose-query-builder.js';
import { thaw } from './plan-cache.js';
import { jsonItems, mapRows } from './map-rows.js';
import { aggregateOrder, connectionSql, subquery } from './statements.js';
import { resultKeys, rowSelection, type EmbeddedConnection, type EmbeddedConnectionSpec } from './selection.js';
import { layoutOf, type RowStore } from './rows.js';

type Raw = Record<string, unknown>;

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

