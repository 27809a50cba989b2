import type { Collection } from '@mikro-orm/core';

/** Brands a read value with the entity it was read as, so that `relation()` knows what a property loads. */
declare const readOf: unique symbol;

/** Properties that hold a relation: a collection, or another entity (a `Date` is a value, not a relation). */
type IsRelation<V> = V extends Collection<object> ? true : V extends string | number | boolean | bigint | Date | readonly unknown[] ? false : V extends object ? true : false;

/**
 * What a resolver receives as its parent, under every loading strategy: an entity under lazy and
 * batched, a read-only row under eager (eager/rows.ts). Scalar properties read the same on both;
 * a relation's shape differs (a Collection, an array, undefined until loaded), so it is typed
 * `unknown` here and read only through `ctx.loaders.relation(parent, prop)`, which returns the
 * same shape under all three. Methods are left out: an entity method may touch a relation.
 */
export type Read<T> = {
  readonly [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: true extends IsRelation<NonNullable<T[K]>> ? unknown : T[K];
} & { readonly [readOf]?: T };

/** The relation properties of an entity type. */
export type RelationKey<T> = { [K in keyof T]-?: true extends IsRelation<NonNullable<T[K]>> ? K : never }[keyof T] & string;

/** What a loaded relation is, the same under every strategy: read values, an array of them for a to-many relation, or null. */
export type Loaded<V> = V extends Collection<infer U extends object> ? Read<U>[] : V extends object ? Read<V> : V;

/** A resolver's value: in memory already, or still to be loaded. */
export type MaybePromise<T> = T | Promise<T>;
