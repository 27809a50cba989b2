import type { EntityClass } from '@mikro-orm/core';
import { raw, type EntityManager } from '@mikro-orm/sql';
import { dialectOf } from '../db/dialect.js';
import { looseQueryBuilder, type LooseQueryBuilder } from '../db/loose-query-builder.js';
import { inlineValues } from '../seams/mikro-orm.js';
import { executeSql } from './compiled-statements.js';
import { cappedLimit, fromCapped, isBounded, type Count, type CountPolicy } from './counting.js';

/** SQL text with `?` placeholders and their values. */
export interface Sql {
  sql: string;
  params: readonly unknown[];
}

const quote = (em: EntityManager, id: string) => em.getPlatform().quoteIdentifier(id);

/**
 * `select count(*) from (<rows>) as c` over the rows `rows` selects: with a bounded policy the
 * rows are limited to cap + 1 first, so the database stops reading there (an index or a table
 * scan ends at the LIMIT); exact policies count them all. One statement either way.
 */
export function countSql(em: EntityManager, rows: LooseQueryBuilder, policy: CountPolicy): Sql {
  if (isBounded(policy)) rows.limit(cappedLimit(policy));
  return { sql: `select count(*) from (${rows.getQuery()}) as ${quote(em, 'c')}`, params: rows.getParams() };
}

/** The rows of `entity` matching `where`, as a count reads them (one constant column). */
export const countedRows = (em: EntityManager, entity: EntityClass<object>, where: object, alias = 'cnt'): LooseQueryBuilder => looseQueryBuilder(em, entity, alias).select(raw('1')).where(where);

/**
 * totalCount of a root connection in its own statement: today's `count(*)` when exact, else
 * bounded by the cap; in estimated mode beyond the cap, a second statement asks the planner.
 */
export async function rootCount(em: EntityManager, entity: EntityClass<object>, where: object, policy: CountPolicy): Promise<Count> {
  if (!isBounded(policy)) return { value: await em.count(entity, where as never), exact: true };
  const { sql, params } = countSql(em, countedRows(em, entity, where), policy);
  const [row] = await executeSql(em, sql, params);
  return estimateBeyondCap(em, entity, where, policy, fromCapped(Number(Object.values(row ?? {})[0] ?? 0), policy));
}

/**
 * In estimated mode, a bounded count that went past the cap becomes PostgreSQL's planner
 * estimate of the same rows (EXPLAIN, which reads statistics, not rows), never below the cap it
 * is known to exceed; flagged inexact. SQLite has no estimate: the capped answer stands. Any
 * other count is returned as it is.
 */
export async function estimateBeyondCap(em: EntityManager, entity: EntityClass<object>, where: object, policy: CountPolicy, count: Count): Promise<Count> {
  if (count.exact || policy.mode !== 'estimated' || dialectOf(em) !== 'postgresql') return count;
  const rows = countedRows(em, entity, where);
  // Values inlined: the planner estimates for these values, as a custom plan would.
  const [row] = await executeSql(em, `explain (format json) ${inlineValues(em, rows.getQuery(), rows.getParams())}`, []);
  const estimate = plannedRows(row?.['QUERY PLAN']);
  return { value: Math.max(policy.cap, estimate ?? 0), exact: false };
}

/** The top node's `Plan Rows` of an `EXPLAIN (FORMAT JSON)` answer (text or parsed JSON). */
function plannedRows(plan: unknown): number | undefined {
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan?: { 'Plan Rows'?: unknown } }[] | undefined;
  const rows = parsed?.[0]?.Plan?.['Plan Rows'];
  return typeof rows === 'number' && Number.isFinite(rows) ? Math.round(rows) : undefined;
}
