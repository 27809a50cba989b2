import type { EntityClass } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { rootConnection } from '../loading/connection-query.js';
import type { ConnectionArgsInput, ConnectionDef, FieldPlan, NestedConnectionDef } from '../loading/definitions.js';
import { looseQueryBuilder } from '../db/loose-query-builder.js';
import { objectLookahead, rootLookahead } from '../loading/eager/lookahead.js';
import { executeRows, statementKey } from '../loading/compiled-statements.js';
import { planMemo } from '../loading/eager/plan-cache.js';
import { applySelection } from '../loading/eager/statements.js';
import { entityPaths, populateKey, rowSelection } from '../loading/eager/selection.js';
import { mapRows } from '../loading/eager/map-rows.js';
import { rowsSupported } from '../loading/eager/rows.js';
import type { ConnectionShape } from '../loading/paging/page.js';

/**
 * A root connection field: look-ahead (eager), the page query, then preloading below it. `args`
 * must come from the field's own arguments alone (no viewer, no clock): the eager strategy keeps
 * the page it prepares from them with the look-ahead plan, per operation and variables (plan-cache.ts).
 */
export async function rootPage<T extends object>(
  ctx: Context,
  info: GraphQLResolveInfo,
  def: ConnectionDef<T>,
  nodeType: string,
  args: ConnectionArgsInput,
): Promise<ConnectionShape<T>> {
  const look = rootLookahead(ctx, info, `${nodeType}Connection`, nodeType);
  const page = await rootConnection(ctx.em, def, args, look.populate, ctx.loaders.rows, look.withCount, look.plan);
  await look.preload(page.nodes);
  return page;
}

/** A root field returning one object by primary key, or null when there is none. */
export async function rootObject<T extends object>(
  ctx: Context,
  info: GraphQLResolveInfo,
  entity: EntityClass<T>,
  typeName: string,
  where: Record<string, unknown>,
): Promise<T | null> {
  const look = objectLookahead(ctx, info, typeName);
  const meta = ctx.em.getMetadata(entity);
  let found: T | null;
  if (ctx.loaders.rows && rowsSupported(meta)) {
    // One statement: to-one relations joined, to-many ones embedded (row-queries.ts).
    const store = ctx.loaders.rows;
    // Made once per look-ahead plan (plan-cache.ts); the key's last part is the object's own key.
    const selection = planMemo(look.plan, 'selection', () => rowSelection(meta, look.populate, 'e', store, store.needs));
    const shape = planMemo(look.plan, 'key', () => statementKey(['object', meta.className, populateKey(look.populate, store), store.needs?.key]));
    const key = shape === undefined ? undefined : statementKey([shape, where]);
    const raws = await executeRows(ctx.em, key, () => {
      const qb = looseQueryBuilder(ctx.em, entity, 'e');
      applySelection(ctx.em, qb, meta, selection);
      return qb.where(where);
    });
    found = (mapRows(store, meta, selection, raws)[0] ?? null) as T | null;
  } else {
    found = (await ctx.em.findOne(entity, where as never, { populate: entityPaths(look.populate) as never[], strategy: 'joined' })) as T | null;
  }
  if (found) await look.preload([found]);
  return found;
}

export const relation = (prop: string, targetType: string): FieldPlan => ({ kind: 'relation', prop, targetType, list: false });
export const list = (prop: string, targetType: string): FieldPlan => ({ kind: 'relation', prop, targetType, list: true });
export const nested = (def: NestedConnectionDef): FieldPlan => ({ kind: 'connection', def });
