import { Collection, type EntityClass } from '@mikro-orm/core';
import { primaryKey } from '../../seams/mikro-orm.js';
import { nestedCounts, nestedPages } from '../connection-query.js';
import type { AggregateDef, ConnectionArgsInput, NestedConnectionDef } from '../definitions.js';
import { primaryKeyOf } from '../keys.js';
import type { ConnectionShape } from '../paging/page.js';
import type { CountPolicy } from '../counting.js';
import type { Loaded, Read, RelationKey } from '../read.js';
import { BaseStrategy, keyWhere } from './base.js';

/**
 * Each relation loads for its own parent when it is resolved: the N+1 baseline, on purpose, to
 * compare with batched and eager. One statement per collection and per referenced entity, whether
 * or not another path of the same request loaded it already; a reference shared by several
 * parents (the identity map gives them one object) loads once. So the count depends only on the
 * data, never on how the database interleaves replies.
 */
export class LazyStrategy extends BaseStrategy {
  readonly name = 'lazy' as const;
  private readonly inflight = new WeakMap<object, Promise<void>>();

  async relation<T extends object, K extends RelationKey<T>>(parent: Read<T> | T, prop: K): Promise<Loaded<T[K]>> {
    const value = (parent as Record<string, unknown>)[prop];
    if (value !== null && value !== undefined) await this.load(value as object);
    const loaded = (parent as Record<string, unknown>)[prop];
    return (loaded instanceof Collection ? loaded.getItems() : loaded) as Loaded<T[K]>;
  }

  private load(value: object): Promise<void> {
    let pending = this.inflight.get(value);
    if (!pending) {
      pending =
        value instanceof Collection
          ? value.init().then(() => undefined)
          : this.em.findOne(value.constructor as EntityClass<object>, primaryKey(value) as never, { refresh: true }).then(() => undefined);
      this.inflight.set(value, pending);
    }
    return pending;
  }

  async connection<T extends object>(def: NestedConnectionDef<T>, parent: object, args: ConnectionArgsInput): Promise<ConnectionShape<Read<T>>> {
    const key = primaryKeyOf(parent);
    const count = async (k: unknown, policy: CountPolicy) => (await nestedCounts(this.em, def, [k], args, policy)).get(k) ?? { value: 0, exact: true };
    return (await nestedPages(this.em, def, [key], args, { count })).get(key)! as ConnectionShape<Read<T>>;
  }

  async aggregate(def: AggregateDef, parent: object): Promise<number | null> {
    return (await this.aggregateBatch(def, [this.aggregateKey(def, parent)]))[0]!;
  }

  byKey<T extends object>(entity: EntityClass<T>, key: unknown): Promise<Read<T> | null> {
    const where = keyWhere(this.em.getMetadata(entity).primaryKeys as string[]);
    return this.em.findOne(entity, where(key) as never) as Promise<Read<T> | null>;
  }
}
