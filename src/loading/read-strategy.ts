import type { EntityClass } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { CountPolicy } from './counting.js';
import type { AggregateDef, ConnectionArgsInput, ConnectionDef, NestedConnectionDef } from './definitions.js';
import type { ConnectionShape } from './paging/page.js';
import type { Loaded, MaybePromise, Read, RelationKey } from './read.js';
import type { LoadingStrategy } from './strategy.js';

/** A report's grouped keys that name entities (`key { product { name } }`), by dimension: PRODUCT → the `product` field, a Product. */
export type KeyEntities = Partial<Record<string, readonly [field: string, entity: EntityClass<object>]>>;

/** Extra select items a report's statement carries for its keys' entities, and how to take them back. */
export interface ReportKeyColumns {
  /** SQL select items, given the SQL of each grouped key in groupBy order. */
  columns(keySql: string[]): string[];
  read(rows: Record<string, unknown>[]): void;
}

/** Where a report's key entities come from: its own statement (`reportKeys`), or `byKey` when they are resolved. */
export interface ReportKeysRequest {
  rowType: string;
  keyType: string;
  groupBy: readonly string[];
  entities: KeyEntities;
}

/**
 * Everything a request reads beyond what its resolvers compute: one implementation per loading
 * strategy (strategies/lazy.ts, batched.ts, eager.ts), chosen once per request (createReadStrategy)
 * and living for that request only (its DataLoaders cache per request: graphql/dataloader's "one
 * loader per request"). Resolvers never ask which strategy runs; every method returns the same
 * shapes under all three (read.ts).
 */
export interface ReadStrategy {
  readonly name: LoadingStrategy;
  /** How totalCount counts when a field names no mode (the operator's COUNT_MODE and COUNT_CAP). */
  readonly counts: CountPolicy;
  /** A root connection field's page, with what the selection needs below its nodes where the strategy plans ahead. */
  rootPage<T extends object>(info: GraphQLResolveInfo, def: ConnectionDef<T>, nodeType: string, args: ConnectionArgsInput): Promise<ConnectionShape<Read<T>>>;
  /** A root field returning one object by primary key, or null when there is none. */
  rootObject<T extends object>(info: GraphQLResolveInfo, entity: EntityClass<T>, typeName: string, where: Record<string, unknown>): Promise<Read<T> | null>;
  /** A relation of a parent: in memory when the strategy has it (then without a promise), else loaded. */
  relation<T extends object, K extends RelationKey<T>>(parent: Read<T> | T, prop: K): MaybePromise<Loaded<T[K]>>;
  /** One parent's page of a nested connection. */
  connection<T extends object>(def: NestedConnectionDef<T>, parent: object, args: ConnectionArgsInput): Promise<ConnectionShape<Read<T>>>;
  /** A per-parent aggregate such as a review count. */
  aggregate(def: AggregateDef, parent: object): Promise<number | null>;
  /** An entity by primary key (node lookups, report keys). */
  byKey<T extends object>(entity: EntityClass<T>, key: unknown): Promise<Read<T> | null>;
  /** What a report's statement should select for its keys' entities, or undefined to leave them to byKey. */
  reportKeys(info: GraphQLResolveInfo, request: ReportKeysRequest): ReportKeyColumns | undefined;
  /** Drops every cached result, e.g. after a write in the same request. */
  clear(): void;
}
