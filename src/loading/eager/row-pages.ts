import type { EntityManager } from '@mikro-orm/sql';
import { looseQueryBuilder } from '../../db/loose-query-builder.js';
import { estimateBeyondCap, rootCount } from '../count-query.js';
import { fromCapped, policyKey, type CountPolicy } from '../counting.js';
import { executeRows, statementKey } from '../compiled-statements.js';
import type { ConnectionArgsInput, ConnectionDef } from '../definitions.js';
import { prepare } from '../page-plan.js';
import { deferredWhere } from '../deep-page.js';
import { toPage, type ConnectionShape } from '../paging/page.js';
import { deepFreeze, planMemo, thaw, type LookaheadPlan } from './plan-cache.js';
import { jsonItems, mapRows } from './map-rows.js';
import { aggregateOrder, applySelection, connectionSql, countColumn, subquery } from './statements.js';
import { orderProperties, pathsOnly, populateKey, resultKeys, rowSelection, type EmbeddedConnection, type EmbeddedConnectionSpec, type Populate } from './selection.js';
import { layoutOf, type RowStore } from './rows.js';

type Raw = Record<string, unknown>;

/**
 * Pages of a nested connection for many parents in one statement, each read as an embedded
 * connection's is (connectionSql: ORDER BY … LIMIT per parent, by index), selected from the
 * parents' own table by key: what nestedPages sends for a row store, instead of a window that
 * numbers every child row of every parent. Rows of each parent in page order, by parent key as
 * SQL returns it; undefined when the page's order is not the nodes' own columns (the window then).
 */
export async function pagesByParent(em: EntityManager, store: RowStore, spec: EmbeddedConnectionSpec, parentKeys: readonly unknown[]): Promise<Map<unknown, object[]> | undefined> {
  const fk = spec.meta.properties[spec.def.partitionBy]!;
  const parent = fk.targetMeta!;
  const parentKey = parent.primaryKeys[0]!;
  if (parent.primaryKeys.length !== 1 || fk.referencedColumnNames.length !== 1 || fk.referencedColumnNames[0] !== parent.properties[parentKey]!.fieldNames[0]) return undefined;
  const selection = rowSelection(spec.meta, pathsOnly(spec.nodePopulate), { rootAlias: 'c0_x' });
  const keys = resultKeys(spec.meta, selection);
  if (!aggregateOrder(spec.meta, thaw(spec.q.orderBy) as Record<string, unknown>[], keys)) return undefined;
  const c: EmbeddedConnection = { parentAlias: 'p', key: 'c0', spec, selection, keys };
  const raws = await looseQueryBuilder(em, parent.class, 'p')
    .select([parentKey, subquery(em, connectionSql(em, c), c.key)])
    .where({ [parentKey]: { $in: parentKeys } })
    .execute<Raw[]>('all', false);
  const layout = layoutOf(keys);
  const pages = new Map<unknown, object[]>();
  for (const raw of raws) pages.set(raw[parent.properties[parentKey]!.fieldNames[0]!], mapRows(store, spec.meta, selection, jsonItems(raw[c.key]), layout));
  return pages;
}

/** How a root page is read as rows: the request's store, what the look-ahead populates, whether totalCount rides along, and its cached plan. */
export interface RowPageOptions {
  store: RowStore;
  populate: Populate;
  /** The policy totalCount is counted under in the page's statement, when it is selected. */
  withCount: CountPolicy | undefined;
  plan?: LookaheadPlan;
}

/** The result column of a page's embedded total. */
const TOTAL = '__total';

/**
 * A root connection read as rows: one statement for the page, with the relations and nested
 * connections the look-ahead planned, and with `withCount` its totalCount as a scalar subquery.
 * The page, selection and key are made once per look-ahead plan (plan-cache.ts).
 */
export async function rowRootPage<T extends object>(
  em: EntityManager,
  def: ConnectionDef<T>,
  args: ConnectionArgsInput,
  { store, populate, withCount, plan }: RowPageOptions,
): Promise<ConnectionShape<T>> {
  const meta = em.getMetadata(def.entity);
  const { req, q, base } = planMemo(plan, 'page', () => deepFreeze(prepare(em, def, args)));
  const where = { $and: [base, ...q.where] };
  const selection = planMemo(plan, 'selection', () => rowSelection(meta, populate, { needs: store.needs, required: orderProperties(req) }));
  const key = planMemo(plan, 'key', () => statementKey(['root', meta.className, populateKey(populate), store.needs?.key, where, q.orderBy, q.limit, q.offset, withCount]));
  const raws = await executeRows(em, key, () => {
    const qb = looseQueryBuilder(em, def.entity, 'e');
    applySelection(em, qb, meta, selection);
    // totalCount rides along as a scalar subquery (read off the first row; an empty page counts on its own).
    if (withCount) qb.addSelect(countColumn(em, meta, thaw(base), TOTAL, withCount));
    // A deep page-number page skips in a subquery (deep-page.ts); this statement reads its rows only.
    const deferred = deferredWhere(em, meta, req, q, where);
    return qb
      .where(thaw(deferred ?? where))
      .orderBy(thaw(q.orderBy))
      .limit(q.limit)
      .offset(deferred ? undefined : q.offset);
  });
  const rows = mapRows(store, meta, selection, raws) as T[];
  let counted: number | undefined;
  if (withCount && raws.length) counted = Number(raws[0]![TOTAL]);
  // An empty first page (no cursor, no offset) is a total of none.
  else if (withCount && q.limit > 0 && !q.offset && !req.after && !req.before && !req.offset) counted = 0;
  const count = (policy: CountPolicy) => rootCount(em, def.entity, thaw(base), policy);
  if (!withCount || counted === undefined) return toPage(req, q, rows, count);
  // The statement counted under withCount (in estimated mode beyond the cap, the planner is asked now).
  const known = fromCapped(counted, withCount);
  return toPage(req, q, rows, (policy) => (policyKey(policy) === policyKey(withCount) ? estimateBeyondCap(em, def.entity, thaw(base), policy, known) : count(policy)));
}
