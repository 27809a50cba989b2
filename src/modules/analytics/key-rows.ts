import type { EntityClass } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { Context } from '../../context.js';
import { keyRowColumn } from '../../loading/eager/statements.js';
import { keyRowReader } from '../../loading/eager/map-rows.js';
import type { KeyColumns } from './report.js';

/** The key fields that name an entity, by dimension: PRODUCT → the `product` field, a Product. */
export type KeyEntities = Partial<Record<string, readonly [field: string, entity: EntityClass<object>]>>;

/**
 * With eager rows, the entities a report's keys name (`key { product { name } }`) come in the
 * report's own statement, one subquery column per such dimension, and prime the request's by-key
 * loader: the sales report costs one statement, not two. Other strategies load them in the key
 * resolvers, one batched statement per entity type.
 */
export function keyRows(ctx: Context, info: GraphQLResolveInfo, rowType: string, keyType: string, groupBy: readonly string[], entities: KeyEntities): KeyColumns | undefined {
  const store = ctx.loaders.rows;
  if (!store) return undefined;
  const tree = parseResolveInfo(info) as ResolveTree;
  const selected = new Set(
    Object.values(tree.fieldsByTypeName[rowType] ?? {})
      .filter((f) => f.name === 'key')
      .flatMap((f) => Object.values(f.fieldsByTypeName[keyType] ?? {}).map((k) => k.name)),
  );
  const wanted = groupBy.flatMap((dim, i) => {
    const target = entities[dim];
    if (!target || !selected.has(target[0])) return [];
    const meta = ctx.em.getMetadata(target[1]);
    return [{ i, entity: target[1], meta, read: keyRowReader(store, meta) }];
  });
  if (!wanted.length) return undefined;
  return {
    columns: (keySql) => wanted.map((w) => keyRowColumn(ctx.em, w.meta, keySql[w.i]!, `k${w.i}_row`)),
    read: (rows) => {
      for (const w of wanted) {
        for (const r of rows) {
          const row = w.read(r[`k${w.i}_row`]);
          if (row) ctx.loaders.primeKey(w.entity, row);
        }
      }
    },
  };
}
