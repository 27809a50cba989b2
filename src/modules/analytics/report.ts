import type { EntityManager } from '@mikro-orm/sql';
import { dialectOf } from '../../db/dialect.js';
import type { Dialect } from '../../config.js';
import { badInput } from '../../errors.js';
import { executeSql } from '../../loading/compiled-statements.js';
import type { ReportKeyColumns } from '../../loading/read-strategy.js';

/**
 * A small GROUP BY report engine: a report is a FROM clause, optional joins, dimensions to group
 * by and metrics to aggregate. Every identifier comes from the report's own definition, never
 * from input; values are bound parameters. One statement per report.
 */
export interface Dimension {
  /** SQL of the grouped value (an id, a CPU, a period label). */
  key: (dialect: Dialect) => string;
  /**
   * What KEY sorts on when the key is an id: a column of the row it names (the product's name).
   * It is looked up once per group after grouping, never joined to every line before it.
   */
  label?: { table: string; column: string };
  /** Joins the key needs, by name. */
  joins: string[];
}

export interface ReportSpec<D extends string, M extends string> {
  from: string;
  /** Joins every query of the report needs (its metrics use them). */
  always?: string[];
  /** Join clauses by name, in an order where each only uses earlier ones. */
  joins: Record<string, string>;
  dimensions: Record<D, Dimension>;
  metrics: Record<M, string>;
}

export interface Condition {
  sql: string;
  params: unknown[];
  joins?: string[];
}

export interface ReportOrder<M extends string> {
  field: 'KEY' | M;
  desc: boolean;
}

export const MAX_DIMENSIONS = 3;
export const MAX_ROWS = 1000;
export const DEFAULT_ROWS = 100;

/** A UTC time bucket of a timestamp column: SQLite keeps timestamps as epoch milliseconds. */
export function period(column: string, unit: 'YEAR' | 'MONTH' | 'DAY'): (dialect: Dialect) => string {
  const pg = { YEAR: 'YYYY', MONTH: 'YYYY-MM', DAY: 'YYYY-MM-DD' }[unit];
  const lite = { YEAR: '%Y', MONTH: '%Y-%m', DAY: '%Y-%m-%d' }[unit];
  return (dialect) => (dialect === 'postgresql' ? `to_char(${column} at time zone 'UTC', '${pg}')` : `strftime('${lite}', ${column} / 1000, 'unixepoch')`);
}

/** A timestamp bound as the column stores it. */
export function timeParam(dialect: Dialect, value: Date): unknown {
  return dialect === 'postgresql' ? value : value.getTime();
}

/** Validates the request's shape: 1 to 3 distinct dimensions, 1 to 1000 rows. */
export function checkShape(groupBy: string[], first: number | null | undefined): number {
  if (groupBy.length < 1 || groupBy.length > MAX_DIMENSIONS) throw badInput('groupBy', `Argument "groupBy" takes 1 to ${MAX_DIMENSIONS} dimensions, got ${groupBy.length}`);
  if (new Set(groupBy).size !== groupBy.length) throw badInput('groupBy', 'Argument "groupBy" names a dimension twice');
  const rows = first ?? DEFAULT_ROWS;
  if (rows < 1 || rows > MAX_ROWS) throw badInput('first', `Argument "first" must be from 1 to ${MAX_ROWS}, got ${rows}`);
  return rows;
}

export async function runReport<D extends string, M extends string>(
  em: EntityManager,
  spec: ReportSpec<D, M>,
  groupBy: D[],
  conditions: Condition[],
  order: ReportOrder<M>[],
  limit: number,
  having: Condition[] = [],
  /** Metric aliases the client selected; undefined computes them all. Ordered ones are always computed. */
  selected?: ReadonlySet<string>,
  /** Columns for the entities the grouped keys name, read once the report has run (ReadStrategy.reportKeys). */
  keys?: ReportKeyColumns,
): Promise<Record<string, unknown>[]> {
  const dialect = dialectOf(em);
  const dims = groupBy.map((d, i) => ({ alias: `k${i}`, sql: spec.dimensions[d].key(dialect), label: spec.dimensions[d].label }));
  const needed = new Set([...(spec.always ?? []), ...groupBy.flatMap((d) => spec.dimensions[d].joins), ...conditions.flatMap((c) => c.joins ?? [])]);
  const joins = Object.entries(spec.joins)
    .filter(([name]) => needed.has(name))
    .map(([, clause]) => clause);
  // Only what is read: count(distinct …) costs a sort per group, so a report that does not ask
  // for it does not pay for it.
  const metrics = Object.entries<string>(spec.metrics).filter(([name]) => !selected || selected.has(name) || order.some((o) => o.field === name));
  const grouped = [...dims.map((d) => `${d.sql} as ${d.alias}`), ...metrics.map(([name, sql]) => `${sql} as ${name}`)];
  const where = conditions.length ? `where ${conditions.map((c) => `(${c.sql})`).join(' and ')}` : '';
  const groupsWhere = having.length ? `having ${having.map((c) => `(${c.sql})`).join(' and ')}` : '';
  const inner = `select ${grouped.join(', ')} from ${spec.from} ${joins.join(' ')} ${where} group by ${dims.map((d) => d.sql).join(', ')} ${groupsWhere}`;
  // Labels join the groups, not the lines: the sales report by product joins its products after
  // grouping instead of every order line before it.
  const labelJoins = dims.flatMap((d, i) => (d.label ? [`left join ${d.label.table} l${i} on l${i}.id = g.${d.alias}`] : []));
  const labelOf = (i: number) => (dims[i]!.label ? `l${i}.${dims[i]!.label!.column}` : `g.k${i}`);
  // KEY sorts on the labels in groupBy order; every order ends with all keys, so it is total.
  const keyOrder = (desc: boolean) => dims.map((_, i) => `${labelOf(i)} ${desc ? 'desc' : 'asc'} nulls last`);
  const orderBy = [...order.flatMap((o) => (o.field === 'KEY' ? keyOrder(o.desc) : [`g.${o.field} ${o.desc ? 'desc' : 'asc'}`])), ...keyOrder(false), ...dims.map((d) => `g.${d.alias}`)];
  const select = ['g.*', ...(keys?.columns(dims.map((d) => `g.${d.alias}`)) ?? [])];
  const sql = `select ${select.join(', ')} from (${inner}) g ${labelJoins.join(' ')} order by ${[...new Set(orderBy)].join(', ')} limit ${Number(limit)}`;
  const rows = await executeSql(
    em,
    sql,
    [...conditions, ...having].flatMap((c) => c.params),
  );
  keys?.read(rows);
  return rows;
}

/** The metric aliases a GraphQL selection of a report row asks for (averageOrderValue → average_order_value). */
export function selectedMetrics(fieldNames: Iterable<string>): Set<string> {
  return new Set([...fieldNames].map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
}
