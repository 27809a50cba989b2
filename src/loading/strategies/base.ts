import type { EntityClass } from '@mikro-orm/core';
import { raw, type EntityManager } from '@mikro-orm/sql';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { looseQueryBuilder } from '../../db/loose-query-builder.js';
import { rootConnection } from '../connection-query.js';
import type { AggregateDef, ConnectionArgsInput, ConnectionDef, FieldPlans, NestedConnectionDef } from '../definitions.js';
import { primaryKeyOf } from '../keys.js';
import type { ConnectionShape } from '../paging/page.js';
import { DEFAULT_COUNT_POLICY, type CountPolicy } from '../counting.js';
import type { Loaded, MaybePromise, Read, RelationKey } from '../read.js';
import type { ReadStrategy, ReportKeyColumns, ReportKeysRequest } from '../read-strategy.js';
import type { LoadingStrategy } from '../strategy.js';

type Row = Record<string, unknown>;

// A connection's arguments as part of its loader's name, by arguments object: siblings share one
// (graphql/schema.ts, argumentsOnce), so 75 manufacturers' products pages serialise their arguments once.
const argumentKeys = new WeakMap<ConnectionArgsInput, string>();

function argumentsKey(args: ConnectionArgsInput): string {
  let key = argumentKeys.get(args);
  if (key === undefined) {
    const { first, after, last, before, orderBy, filter } = args;
    argumentKeys.set(args, (key = JSON.stringify([first, after, last, before, orderBy, filter])));
  }
  return key;
}

/** What every strategy shares: the request's unit of work, its field plans, and its DataLoaders by name. */
export abstract class BaseStrategy implements ReadStrategy {
  abstract readonly name: LoadingStrategy;
  private readonly loaders = new Map<string, DataLoader<unknown, unknown, unknown>>();

  constructor(
    protected readonly em: EntityManager,
    readonly plans: FieldPlans,
    /** How totalCount counts when a field does not say (COUNT_MODE, COUNT_CAP): what the eager look-ahead plans for. */
    readonly counts: CountPolicy = DEFAULT_COUNT_POLICY,
  ) {}

  abstract relation<T extends object, K extends RelationKey<T>>(parent: Read<T> | T, prop: K): MaybePromise<Loaded<T[K]>>;
  abstract connection<T extends object>(def: NestedConnectionDef<T>, parent: object, args: ConnectionArgsInput): Promise<ConnectionShape<Read<T>>>;
  abstract aggregate(def: AggregateDef, parent: object): Promise<number | null>;
  abstract byKey<T extends object>(entity: EntityClass<T>, key: unknown): Promise<Read<T> | null>;

  /** Entities, with nothing planned ahead: one statement for the page, one more only if totalCount is read. */
  rootPage<T extends object>(_info: GraphQLResolveInfo, def: ConnectionDef<T>, _nodeType: string, args: ConnectionArgsInput): Promise<ConnectionShape<Read<T>>> {
    return rootConnection(this.em, def, args) as Promise<ConnectionShape<Read<T>>>;
  }

  async rootObject<T extends object>(_info: GraphQLResolveInfo, entity: EntityClass<T>, _typeName: string, where: Record<string, unknown>): Promise<Read<T> | null> {
    return (await this.em.findOne(entity, where as never, { strategy: 'joined' })) as Read<T> | null;
  }

  /** Only the eager strategy reads a report's key entities in the report's statement; the others load them by key. */
  reportKeys(_info: GraphQLResolveInfo, _request: ReportKeysRequest): ReportKeyColumns | undefined {
    return undefined;
  }

  clear(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }

  /** The request's loader of this name, made on first use. Keys are entities (by identity) or primary keys; composite keys compare by value. */
  protected loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V, unknown> {
    let loader = this.loaders.get(name) as DataLoader<K, V, unknown> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, unknown>(batch, { cacheKeyFn: (k) => (Array.isArray(k) ? JSON.stringify(k) : k) });
      this.loaders.set(name, loader as DataLoader<unknown, unknown, unknown>);
    }
    return loader;
  }

  protected connectionKey(def: NestedConnectionDef, args: ConnectionArgsInput): string {
    return `connection:${def.name}:${argumentsKey(args)}`;
  }

  protected aggregateKey(def: AggregateDef, parent: object): unknown {
    return def.custom ? def.custom.parentKey(parent) : primaryKeyOf(parent);
  }

  /** One GROUP BY statement for the parents' keys; parents without rows get the aggregate's empty value. */
  protected async aggregateBatch(def: AggregateDef, keys: readonly unknown[]): Promise<(number | null)[]> {
    if (def.custom) {
      const { from, key } = def.custom;
      const found = await this.em.execute<Row[]>(`select ${key} as k, ${def.expression} as value from ${from} where ${key} in (${keys.map(() => '?').join(', ')}) group by ${key}`, [...keys]);
      const byKey = new Map(found.map((r) => [String(r.k), r.value === null ? null : Number(r.value)]));
      return keys.map((k) => byKey.get(String(k)) ?? def.empty);
    }
    const rows = await looseQueryBuilder(this.em, def.entity, 'e')
      .select([`e.${def.groupBy}`, raw(`${def.expression} as value`)])
      .where({ [def.groupBy]: { $in: [...keys] } })
      .groupBy(`e.${def.groupBy}`)
      .execute<Row[]>('all', false);
    const props = this.em.getMetadata(def.entity).properties as Record<string, { fieldNames: string[] }>;
    const column = props[def.groupBy]!.fieldNames[0]!;
    const values = new Map(rows.map((r) => [String(r[column]), r.value === null ? null : Number(r.value)]));
    return keys.map((k) => values.get(String(k)) ?? def.empty);
  }
}

/** The condition naming one primary key value (an array for a composite key). */
export const keyWhere = (pks: string[]) => (k: unknown) => Object.fromEntries(pks.map((p, i) => [p, pks.length > 1 ? (k as unknown[])[i] : k]));
