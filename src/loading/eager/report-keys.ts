import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { ReportKeyColumns, ReportKeysRequest } from '../read-strategy.js';
import { keyRowReader } from './map-rows.js';
import type { RowStore } from './rows.js';
import { keyRowColumn } from './statements.js';

/**
 * The entities a report's keys name (`key { product { name } }`) in the report's own statement,
 * one subquery column per such dimension, primed into the by-key loader (`primerFor`): the sales
 * report costs one statement, not two.
 */
export function reportKeyColumns(
  em: EntityManager,
  store: RowStore,
  info: GraphQLResolveInfo,
  { rowType, keyType, groupBy, entities }: ReportKeysRequest,
  primerFor: (entity: EntityClass<object>) => (row: object) => void,
): ReportKeyColumns | undefined {
  const tree = parseResolveInfo(info) as ResolveTree;
  const selected = new Set(
    Object.values(tree.fieldsByTypeName[rowType] ?? {})
      .filter((f) => f.name === 'key')
      .flatMap((f) => Object.values(f.fieldsByTypeName[keyType] ?? {}).map((k) => k.name)),
  );
  const wanted = groupBy.flatMap((dim, i) => {
    const target = entities[dim];
    if (!target || !selected.has(target[0])) return [];
    const meta = em.getMetadata(target[1]);
    return [{ i, meta, read: keyRowReader(store, meta), prime: primerFor(target[1]) }];
  });
  if (!wanted.length) return undefined;
  return {
    columns: (keySql) => wanted.map((w) => keyRowColumn(em, w.meta, keySql[w.i]!, `k${w.i}_row`)),
    read: (rows) => {
      for (const w of wanted) {
        for (const r of rows) {
          const row = w.read(r[`k${w.i}_row`]);
          if (row) w.prime(row);
        }
      }
    },
  };
}
