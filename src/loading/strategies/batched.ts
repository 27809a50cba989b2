import { Collection, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type DataLoader from 'dataloader';
import { nestedCounts, nestedPages } from '../connection-query.js';
import type { AggregateDef, ConnectionArgsInput, NestedConnectionDef } from '../definitions.js';
import type { RowStore } from '../eager/rows.js';
import { primaryKeyOf, valueAt } from '../keys.js';
import type { ConnectionShape } from '../paging/page.js';
import { policyKey, type Count, type CountPolicy } from '../counting.js';
import type { Loaded, MaybePromise, Read, RelationKey } from '../read.js';
import { BaseStrategy, keyWhere } from './base.js';

/**
 * How a relation already-loaded parents point to is loaded: one statement, re-read even when it was
 * loaded before (refresh), so that a request's statement count never depends on what another
 * branch happened to load first. MikroORM sends the same single statement for `select-in` and
 * `joined` here, but maps `joined` rows at a third to a half less CPU (docs/loading.md).
 * Table-per-type hierarchies keep `select-in`: MikroORM 7.2 hydrates a joined subtype with
 * another subtype's columns (docs/api.md, "Staff").
 */
export function reloadOptions(em: EntityManager, parents: object[], prop: string) {
  const props = em.getMetadata(parents[0]!.constructor as EntityClass<object>).properties as Record<string, { targetMeta?: { root: { inheritanceType?: string } } } | undefined>;
  const tpt = props[prop]?.targetMeta?.root.inheritanceType === 'tpt';
  return { strategy: tpt ? ('select-in' as const) : ('joined' as const), refresh: true };
}

/**
 * One DataLoader per relation, connection and aggregate per request: one statement per relation per
 * level, whatever the number of parents. Always asks its loader, even when another branch of the
 * request loaded the rows already: the count must not depend on timing.
 */
export class BatchedStrategy extends BaseStrategy {
  readonly name: 'batched' | 'eager' = 'batched';
  /** Where a connection's nodes are read as rows (the eager strategy); entities otherwise. */
  protected readonly rows: RowStore | undefined = undefined;

  relation<T extends object, K extends RelationKey<T>>(parent: Read<T> | T, prop: K): MaybePromise<Loaded<T[K]>> {
    return this.entityRelation(parent as T, prop);
  }

  /** Keyed by the hierarchy's root, so that Engineers and Managers share one batch for the relations they inherit from Employee. */
  protected async entityRelation<T extends object, K extends RelationKey<T>>(entity: T, prop: K): Promise<Loaded<T[K]>> {
    if (entity[prop] !== null && entity[prop] !== undefined) {
      const name = `relation:${this.em.getMetadata(entity.constructor as EntityClass<T>).root.className}.${prop}`;
      await this.loader<T, null>(name, async (parents) => {
        await this.em.populate(parents as T[], [prop] as never[], reloadOptions(this.em, parents as T[], prop));
        return parents.map(() => null);
      }).load(entity);
    }
    const loaded = entity[prop] as unknown;
    return (loaded instanceof Collection ? loaded.getItems() : loaded) as Loaded<T[K]>;
  }

  protected countLoader(def: NestedConnectionDef, args: ConnectionArgsInput, policy: CountPolicy): DataLoader<unknown, Count, unknown> {
    return this.loader<unknown, Count>(`count:${policyKey(policy)}:${this.connectionKey(def, args)}`, async (keys) => {
      const counts = await nestedCounts(this.em, def, [...keys], args, policy);
      return keys.map((k) => counts.get(k) ?? { value: 0, exact: true });
    });
  }

  protected count(def: NestedConnectionDef, args: ConnectionArgsInput): (key: unknown, policy: CountPolicy) => Promise<Count> {
    return (key, policy) => this.countLoader(def, args, policy).load(key);
  }

  protected pagesLoader(def: NestedConnectionDef, args: ConnectionArgsInput): DataLoader<unknown, ConnectionShape<object>, unknown> {
    return this.loader<unknown, ConnectionShape<object>>(this.connectionKey(def, args), async (keys) => {
      const pages = await nestedPages(this.em, def, [...keys], args, { count: this.count(def, args), store: this.rows });
      return keys.map((k) => pages.get(k)!);
    });
  }

  connection<T extends object>(def: NestedConnectionDef<T>, parent: object, args: ConnectionArgsInput): Promise<ConnectionShape<Read<T>>> {
    return this.pagesLoader(def, args).load(primaryKeyOf(parent)) as Promise<ConnectionShape<Read<T>>>;
  }

  protected aggregateLoader(def: AggregateDef): DataLoader<unknown, number | null, unknown> {
    return this.loader<unknown, number | null>(`aggregate:${def.name}`, (keys) => this.aggregateBatch(def, keys));
  }

  aggregate(def: AggregateDef, parent: object): Promise<number | null> {
    return this.aggregateLoader(def).load(this.aggregateKey(def, parent));
  }

  byKey<T extends object>(entity: EntityClass<T>, key: unknown): Promise<Read<T> | null> {
    const meta = this.em.getMetadata(entity);
    const pks = meta.primaryKeys as string[];
    const where = keyWhere(pks);
    return this.loader<unknown, Read<T> | null>(`key:${meta.className}`, async (keys) => {
      const found = await this.em.find(entity, { $or: keys.map(where) } as never);
      const byKey = new Map(found.map((e) => [JSON.stringify(pks.map((p) => valueAt(e, p))), e]));
      return keys.map((k) => (byKey.get(JSON.stringify(pks.length > 1 ? k : [k])) ?? null) as Read<T> | null);
    }).load(key);
  }
}
