import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { FilterContext } from './filters.js';
import type { OrderInput, OrderSpec } from './paging/order.js';

/** A paginated list of one entity, filtered by a GraphQL filter input. */
export interface ConnectionDef<T extends object = object> {
  entity: EntityClass<T>;
  order: OrderSpec<string>;
  /**
   * Converts the GraphQL filter input (validated) into a MikroORM condition. A function of the
   * input alone (no clock, no viewer): the eager look-ahead keeps the result per operation and
   * variables (plan-cache.ts).
   */
  filter?: (input: never, ctx: FilterContext) => FilterQuery<T>;
}

/**
 * A connection under a parent (e.g. Product.reviews): rows of `entity` whose `partitionBy`
 * property references the parent. With `via`, rows of a link entity are read and their
 * `via` property is the node (Country.products reads products_countries).
 */
export interface NestedConnectionDef<T extends object = object> extends ConnectionDef<T> {
  name: string;
  partitionBy: string;
  via?: string;
  /** GraphQL type name of the nodes, for look-ahead. */
  nodeType: string;
}

/** A per-parent aggregate (e.g. Product.reviewCount), computed by one GROUP BY for all parents. */
export interface AggregateDef {
  name: string;
  entity: EntityClass<object>;
  groupBy: string;
  /** SQL aggregate over the entity's alias `e`, e.g. `avg(e.rating)`. */
  expression: string;
  /** Value for parents without rows (0 for counts, null for averages). */
  empty: number | null;
  /**
   * For aggregates over something other than the entity's own rows: the FROM clause (alias `e`
   * for the counted rows), the SQL of the group key, and how a parent maps to that key.
   */
  custom?: { from: string; key: string; parentKey: (parent: object) => unknown };
}

export interface ConnectionArgsInput {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  /** Positional paging (root connections that offer it): skip this many items. */
  offset?: number | null;
  orderBy?: OrderInput<string>[] | null;
  filter?: unknown;
}

/** What a GraphQL field of an object type loads, so that eager look-ahead can plan it. */
export type FieldPlan =
  /** `joinable: false`: never joined into the parents' query, always preloaded by its own statement. */
  | { kind: 'relation'; prop: string; targetType: string; list: boolean; joinable?: boolean }
  | { kind: 'connection'; def: NestedConnectionDef }
  | { kind: 'aggregate'; def: AggregateDef }
  /** A lazy computed column: selected with its parents when they are queried, `fallback` otherwise. */
  | { kind: 'column'; prop: string; fallback: AggregateDef };

export type FieldPlans = Record<string, Record<string, FieldPlan>>;

/** A field that reads a to-one relation. */
export const relation = (prop: string, targetType: string): FieldPlan => ({ kind: 'relation', prop, targetType, list: false });
/** A field that reads a to-many relation as a plain list. */
export const list = (prop: string, targetType: string): FieldPlan => ({ kind: 'relation', prop, targetType, list: true });
/** A field that reads a nested connection. */
export const nested = (def: NestedConnectionDef): FieldPlan => ({ kind: 'connection', def });
