import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { getNamedType, isAbstractType, type GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import { looseQueryBuilder } from '../../db/loose-query-builder.js';
import { executeRows, statementKey } from '../compiled-statements.js';
import { rootConnection } from '../connection-query.js';
import type { ConnectionArgsInput, ConnectionDef } from '../definitions.js';
import type { ConnectionShape } from '../paging/page.js';
import { nodeFields, objectLookahead, preload, rootLookahead, type Preloading } from './lookahead.js';
import { populatePaths } from './populate.js';
import { rowRootPage } from './row-pages.js';
import { mapRows } from './map-rows.js';
import { planMemo } from './plan-cache.js';
import { rowsSupported } from './rows.js';
import { pathsOnly, populateKey, rowSelection } from './selection.js';
import { applySelection } from './statements.js';

/**
 * A root connection read eagerly: the look-ahead's plan, the page's one statement (to-one
 * relations joined, to-many ones and nested connections embedded), then preloading below it. `args`
 * must come from the field's own arguments alone (no viewer, no clock): the plan keeps the page it
 * prepares from them, per operation and variables (plan-cache.ts).
 */
export async function eagerRootPage<T extends object>(
  eager: Preloading,
  em: EntityManager,
  info: GraphQLResolveInfo,
  def: ConnectionDef<T>,
  nodeType: string,
  args: ConnectionArgsInput,
): Promise<ConnectionShape<T>> {
  if (!rowsSupported(em.getMetadata(def.entity))) return hierarchyPage(eager, em, info, def, nodeType, args);
  const look = rootLookahead(eager, info, `${nodeType}Connection`, nodeType);
  const page = await rowRootPage(em, def, args, { store: eager.rows, populate: look.populate, withCount: look.withCount, plan: look.plan });
  await look.preload(page.nodes);
  return page;
}

/**
 * A page of an inheritance hierarchy (staff), as entities: the interface's own relations join
 * into the page query; each concrete type's fields (certifications, reports) are preloaded for
 * the nodes of that type.
 */
async function hierarchyPage<T extends object>(
  eager: Preloading,
  em: EntityManager,
  info: GraphQLResolveInfo,
  def: ConnectionDef<T>,
  nodeType: string,
  args: ConnectionArgsInput,
): Promise<ConnectionShape<T>> {
  const connectionType = `${nodeType}Connection`;
  const tree = parseResolveInfo(info) as ResolveTree;
  const common = nodeFields(tree, connectionType, nodeType);
  const populate = populatePaths(eager.plans, nodeType, common);
  const page = await rootConnection(em, def, args, populate);
  await preload(eager, nodeType, page.nodes, common, pathsOnly(populate));
  const type = getNamedType(info.schema.getType(nodeType) ?? undefined);
  const subtypes = type && isAbstractType(type) ? info.schema.getPossibleTypes(type).map((t) => t.name) : [];
  const inherited = eager.plans[nodeType] ?? {};
  for (const subtype of subtypes) {
    const nodes = page.nodes.filter((n) => n.constructor.name === subtype);
    // Only the subtype's own fields: the inherited ones were loaded for all nodes together.
    const own = Object.fromEntries(Object.entries(nodeFields(tree, connectionType, subtype)).filter(([, f]) => !(f.name in inherited)));
    await preload(eager, subtype, nodes, own, pathsOnly(populate));
  }
  return page;
}

/** A root field returning one object by primary key, read eagerly: one statement for the object and what lies below it. */
export async function eagerRootObject<T extends object>(
  eager: Preloading,
  em: EntityManager,
  info: GraphQLResolveInfo,
  entity: EntityClass<T>,
  typeName: string,
  where: Record<string, unknown>,
): Promise<T | null> {
  const look = objectLookahead(eager, info, typeName);
  const meta = em.getMetadata(entity);
  let found: T | null;
  if (rowsSupported(meta)) {
    const store = eager.rows;
    // Made once per look-ahead plan (plan-cache.ts); the key's last part is the object's own key.
    const selection = planMemo(look.plan, 'selection', () => rowSelection(meta, look.populate, { needs: store.needs }));
    const shape = planMemo(look.plan, 'key', () => statementKey(['object', meta.className, populateKey(look.populate), store.needs?.key]));
    const key = shape === undefined ? undefined : statementKey([shape, where]);
    const raws = await executeRows(em, key, () => {
      const qb = looseQueryBuilder(em, entity, 'e');
      applySelection(em, qb, meta, selection);
      return qb.where(where);
    });
    found = (mapRows(store, meta, selection, raws)[0] ?? null) as T | null;
  } else {
    found = (await em.findOne(entity, where as never, { populate: [...look.populate.paths] as never[], strategy: 'joined' })) as T | null;
  }
  if (found) await look.preload([found]);
  return found;
}
