import type { GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';
import type { CountPolicy } from '../counting.js';
import type { ResolveTree } from 'graphql-parse-resolve-info';
import { LRUCache } from 'lru-cache';
import type { EmbeddedConnectionSpec, Populate } from './selection.js';

/**
 * A root field's look-ahead plan (lookahead.ts), kept per parsed operation and variable values.
 *
 * Working it out — graphql-parse-resolve-info's tree, the populate paths, the nested connections
 * embedded in the parents' statement (typed values in its Populate), then the row selection and the statement's cache key — was
 * about a tenth of the eager strategy's CPU on the product detail, and it is the same every time
 * a client sends the same operation with the same variables: Apollo hands every such request the
 * same cached document, and each part is a function of the document, the variables and the
 * schema alone (connection filters included: definitions.ts, `filter`). The role does not enter:
 * field rules are checked when fields resolve, as without the cache.
 */
export interface LookaheadPlan {
  /** The fields selected under the root field's type (or its connection's nodes). */
  selected: Record<string, ResolveTree>;
  populate: Populate;
  /** The policy a root page's totalCount is counted under in its statement, when selected. */
  withCount: CountPolicy | undefined;
  /** Values made from the plan alone (row selection, statement key), on first use. */
  memo: Map<string, unknown>;
}

/** Per operation: its root fields' plans by response key, kind and variables. */
const byOperation = new WeakMap<OperationDefinitionNode, LRUCache<string, LookaheadPlan>>();
let made = 0;
/** How many plans this process has worked out (tests: a repeated request makes none). */
export const plansMade = (): number => made;
/** Variable values longer than this as JSON are not worth a key (a plan is remade instead). */
const MAX_VARIABLES_KEY = 4_096;

function variablesKey(info: GraphQLResolveInfo): string | undefined {
  try {
    const key = JSON.stringify(info.variableValues);
    return key.length <= MAX_VARIABLES_KEY ? key : undefined;
  } catch {
    return undefined; // a BigInt or a cycle: not cached
  }
}

/** The plan for this root field: the cached one, or a new one from `make` (then kept, frozen). */
export function cachedPlan(info: GraphQLResolveInfo, kind: string, make: () => Omit<LookaheadPlan, 'memo'>): LookaheadPlan {
  const variables = variablesKey(info);
  const key = variables === undefined ? undefined : `${String(info.path.key)}|${kind}|${variables}`;
  let plans = byOperation.get(info.operation);
  const hit = key === undefined ? undefined : plans?.get(key);
  if (hit) return hit;
  made++;
  const fresh = make();
  // Frozen whether kept or not, so that a request that changed a shared plan fails in every
  // test that reads it, not only on a second request.
  const plan: LookaheadPlan = { selected: deepFreeze(fresh.selected), populate: freezePopulate(fresh.populate), withCount: fresh.withCount, memo: new Map() };
  if (key !== undefined) {
    if (!plans) byOperation.set(info.operation, (plans = new LRUCache<string, LookaheadPlan>({ max: 64 })));
    plans.set(key, plan);
  }
  return plan;
}

function freezePopulate(populate: Populate): Populate {
  deepFreeze(populate.paths);
  for (const { spec } of populate.connections) freezeSpec(spec);
  for (const at of populate.connections) Object.freeze(at);
  Object.freeze(populate.connections);
  return Object.freeze(populate);
}

/** A value made once per plan (the row selection, the statement key's fixed part). */
export function planMemo<T>(plan: LookaheadPlan | undefined, name: string, make: () => T): T {
  if (!plan) return make();
  if (plan.memo.has(name)) return plan.memo.get(name) as T;
  const value = make();
  plan.memo.set(name, value);
  return value;
}

function freezeSpec(spec: EmbeddedConnectionSpec): void {
  // The definition and metadata are the process's own; the rest is this plan's.
  deepFreeze(spec.args);
  deepFreeze(spec.req);
  deepFreeze(spec.q);
  deepFreeze(spec.base);
  deepFreeze(spec.nodePopulate);
  Object.freeze(spec);
}

/** Freezes plain objects and arrays, all the way down; anything else (a Date, a raw SQL fragment) is left as it is. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

/**
 * A copy of plain objects and arrays, all the way down, for MikroORM's query builder: it rewrites
 * the conditions it is given in place (QueryHelper.processParams), and a plan's are frozen and
 * shared. Only statements being compiled and counts pay for it.
 */
export function thaw<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(thaw) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const copy = Object.create(proto as object | null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) copy[k] = thaw(v);
  return copy as T;
}
