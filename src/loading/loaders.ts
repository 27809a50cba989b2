import { Collection, wrap, type EntityClass } from '@mikro-orm/core';
import { primaryKey } from '../seams/mikro-orm.js';
import { raw, type EntityManager } from '@mikro-orm/sql';
import { looseQueryBuilder } from '../db/loose-query-builder.js';
import DataLoader from 'dataloader';
import type { ConnectionShape } from '../graphql/connection.js';
import { valueAt } from '../graphql/cursor.js';
import { toPage } from '../graphql/connection.js';
import { nestedCounts, nestedPages, prepare, primaryKeyOf } from './connection-query.js';
import type { AggregateDef, ConnectionArgsInput, NestedConnectionDef } from './definitions.js';
import { loadRowRelation, rowRelationLoaded } from './row-relations.js';
import { applySelection, queryRows, rowSelection } from './row-queries.js';
import { embeddedPage, isRow, rowKey, rowMeta, rowsSupported, RowStore } from './rows.js';
import type { LoadingStrategy } from './strategy.js';

type Row = Record<string, unknown>;

/** The condition naming one primary key value (an array for a composite key). */
const keyWhere = (pks: string[]) => (k: unknown) => Object.fromEntries(pks.map((p, i) => [p, pks.length > 1 ? (k as unknown[])[i] : k]));

/** A resolver's value: in memory already, or still to be loaded. */
export type MaybePromise<T> = T | Promise<T>;

// A connection's arguments as part of its loader's name, by arguments object: siblings share one
// (schema.ts, argumentsOnce), so 75 manufacturers' products pages serialise their arguments once.
const argumentKeys = new WeakMap<ConnectionArgsInput, string>();

function argumentsKey(args: ConnectionArgsInput): string {
  let key = argumentKeys.get(args);
  if (key === undefined) {
    const { first, after, last, before, orderBy, filter } = args;
    argumentKeys.set(args, (key = JSON.stringify([first, after, last, before, orderBy, filter])));
  }
  return key;
}

/**
 * How a relation already-loaded parents point to is loaded: one statement, re-read even when it was
 * loaded before (refresh), so that a request's statement count never depends on what another
 * branch happened to load first. MikroORM sends the same single statement for `select-in` and
 * `joined` here (the parents are loaded, so there is nothing to join them to), but maps its rows
 * for `joined` at a third to a half less CPU: 50 products' countries 11.0 → 7.8 ms, their
 * manufacturers 6.9 → 4.7 ms, 25 orders' items 9.5 → 8.1 ms (scripts/bench-api/orm-vs-rows.ts's
 * database). Table-per-type hierarchies keep `select-in`: MikroORM 7.2 hydrates a joined
 * subtype with another subtype's columns (README, "Staff").
 */
function reloadOptions(em: EntityManager, parents: object[], prop: string) {
  const props = em.getMetadata(parents[0]!.constructor as EntityClass<object>).properties as Record<string, { targetMeta?: { root: { inheritanceType?: string } } } | undefined>;
  const target = props[prop]?.targetMeta;
  const tpt = target?.root.inheritanceType === 'tpt';
  return { strategy: tpt ? ('select-in' as const) : ('joined' as const), refresh: true };
}

function isLoaded(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (value instanceof Collection) return value.isInitialized(true);
  return wrap(value as object).isInitialized();
}

/**
 * Everything a request loads beyond its root query, by strategy. Lives for one request:
 * its DataLoaders cache per request only (graphql/dataloader "one loader per request").
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown, unknown>>();
  private readonly inflight = new WeakMap<object, Promise<void>>();
  /** Eager reads rows, not entities (rows.ts); lazy and batched keep MikroORM's entities. */
  readonly rows: RowStore | undefined;

  constructor(
    private readonly em: EntityManager,
    readonly strategy: LoadingStrategy,
  ) {
    this.rows = strategy === 'eager' ? new RowStore(em) : undefined;
  }

  private loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V, unknown> {
    let loader = this.loaders.get(name) as DataLoader<K, V, unknown> | undefined;
    if (!loader) {
      // Keys are entities (by identity) or primary keys; composite keys compare by value.
      loader = new DataLoader<K, V, unknown>(batch, { cacheKeyFn: (k) => (Array.isArray(k) ? JSON.stringify(k) : k) });
      this.loaders.set(name, loader as DataLoader<unknown, unknown, unknown>);
    }
    return loader;
  }

  /** Drops every cached result, e.g. after a write in the same request. */
  clear(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
    this.rows?.clear();
  }

  /**
   * Loads a to-one or to-many relation of an entity and returns its value (entity, null or items):
   * synchronously when the eager look-ahead already has it in memory, so that GraphQL completes
   * the field without a promise (one per product and relation otherwise, most of a big page's
   * execution cost).
   */
  relation<T extends object, V>(entity: T, prop: keyof T & string): MaybePromise<V> {
    if (isRow(entity)) return (rowRelationLoaded(entity, prop) ? (entity as Row)[prop] : this.rowRelation(entity, prop)) as MaybePromise<V>;
    const value = entity[prop] as unknown;
    if (this.strategy === 'eager' && isLoaded(value)) return (value instanceof Collection ? value.getItems() : value) as V;
    return this.entityRelation(entity, prop);
  }

  private async entityRelation<T extends object, V>(entity: T, prop: keyof T & string): Promise<V> {
    const value = entity[prop] as unknown;
    if (this.strategy === 'lazy') {
      if (value !== null && value !== undefined) await this.lazyLoad(value as object);
    } else if (value !== null && value !== undefined) {
      // Batched always asks its loader (one statement per relation per level), even when another
      // branch of the request loaded the rows already: the count must not depend on timing.
      // Eager finds what its look-ahead preloaded (above), and falls back to the loader otherwise.
      // Keyed by the hierarchy's root, so that Engineers and Managers share one batch for
      // the relations they inherit from Employee.
      const name = `relation:${this.em.getMetadata(entity.constructor as EntityClass<T>).root.className}.${prop}`;
      await this.loader<T, null>(name, async (parents) => {
        await this.em.populate(parents as T[], [prop] as never[], reloadOptions(this.em, parents as T[], prop));
        return parents.map(() => null);
      }).load(entity);
    }
    const loaded = entity[prop] as unknown;
    return (loaded instanceof Collection ? loaded.getItems() : loaded) as V;
  }

  /**
   * A relation of a row (eager): what the look-ahead preloaded, else one batched statement for all
   * the rows asking, like the entity loaders.
   */
  private async rowRelation(row: object, prop: string): Promise<unknown> {
    if (!rowRelationLoaded(row, prop)) {
      await this.loader<object, null>(`rows:${rowMeta(row).className}.${prop}`, async (parents) => {
        await loadRowRelation(this.em, this.rows!, [...parents], prop, []);
        return parents.map(() => null);
      }).load(row);
    }
    return (row as Row)[prop];
  }

  /**
   * Lazy loading: one statement per collection and per referenced entity, whether or not another
   * path of the same request happened to load it already. A reference shared by several parents
   * (the identity map gives them the same object) loads once. So the count depends only on the
   * data, never on how the database interleaves replies.
   */
  private lazyLoad(value: object): Promise<void> {
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

  /** Loads a relation for many entities at once (eager look-ahead): one statement, whatever was loaded before. */
  async preloadRelation(entities: object[], prop: string, below: string[] = []): Promise<void> {
    if (this.rows && entities.length && isRow(entities[0])) return loadRowRelation(this.em, this.rows, entities, prop, below);
    const parents = entities.filter((e) => (e as Row)[prop] != null);
    if (!parents.length) return;
    // With to-one relations below (an order's items and their products), one joined statement
    // loads both: no LIMIT here, so the join costs no pagination subquery.
    const paths = [prop, ...below.map((b) => `${prop}.${b}`)];
    await this.em.populate(parents, paths as never[], below.length ? { strategy: 'joined' } : reloadOptions(this.em, parents, prop));
  }

  private connectionKey(def: NestedConnectionDef, args: ConnectionArgsInput): string {
    return `connection:${def.name}:${argumentsKey(args)}`;
  }

  private countLoader(def: NestedConnectionDef, args: ConnectionArgsInput): DataLoader<unknown, number, unknown> {
    const name = `count:${this.connectionKey(def, args)}`;
    return this.loader<unknown, number>(name, async (keys) => {
      const counts = await nestedCounts(this.em, def, [...keys], args);
      return keys.map((k) => counts.get(k) ?? 0);
    });
  }

  private count(def: NestedConnectionDef, args: ConnectionArgsInput): (key: unknown) => Promise<number> {
    if (this.strategy === 'lazy') {
      return async (key) => (await nestedCounts(this.em, def, [key], args)).get(key) ?? 0;
    }
    return (key) => this.countLoader(def, args).load(key);
  }

  private pagesLoader(def: NestedConnectionDef, args: ConnectionArgsInput): DataLoader<unknown, ConnectionShape<object>, unknown> {
    return this.loader<unknown, ConnectionShape<object>>(this.connectionKey(def, args), async (keys) => {
      const pages = await nestedPages(this.em, def, [...keys], args, this.count(def, args), [], this.rows);
      return keys.map((k) => pages.get(k)!);
    });
  }

  /** One parent's page of a nested connection. */
  async connection(def: NestedConnectionDef, parent: object, args: ConnectionArgsInput): Promise<ConnectionShape<object>> {
    const key = primaryKeyOf(parent);
    if (this.strategy === 'lazy') {
      return (await nestedPages(this.em, def, [key], args, this.count(def, args))).get(key)!;
    }
    return this.pagesLoader(def, args).load(key);
  }

  /** Eager look-ahead: loads the pages of all parents now and primes the loader with them. */
  async preloadConnection(def: NestedConnectionDef, parents: object[], args: ConnectionArgsInput, populate: string[]): Promise<object[]> {
    const keys = [...new Set(parents.map(primaryKeyOf))];
    if (!keys.length) return [];
    const pages = await nestedPages(this.em, def, keys, args, this.count(def, args), populate, this.rows);
    const loader = this.pagesLoader(def, args);
    for (const [key, page] of pages) loader.prime(key, page);
    return [...pages.values()].flatMap((p) => p.nodes);
  }

  /**
   * Plans a nested connection into its parents' own statement (eager rows): registers what the
   * statement must select and returns the marker the populate paths carry, or undefined when it
   * cannot be embedded (a link table's connection, an inheritance hierarchy's nodes).
   */
  embedConnection(def: NestedConnectionDef, args: ConnectionArgsInput, nodePopulate: string[], withCount: boolean): string | undefined {
    const meta = this.em.getMetadata(def.entity);
    if (!this.rows || def.via || !rowsSupported(meta)) return undefined;
    const marker = `#c${this.rows.connections.size}`;
    this.rows.connections.set(marker, { def, args, meta, ...prepare(this.em, def, args), nodePopulate, withCount });
    return marker;
  }

  /** The pages an embedded connection brought with its parents, primed into its loader; returns their nodes. */
  primeEmbedded(marker: string, parents: object[]): { nodes: object[]; nodePopulate: string[] } {
    const { def, args, req, q, nodePopulate } = this.rows!.connections.get(marker)!;
    const loader = this.pagesLoader(def, args);
    const count = this.count(def, args);
    const nodes: object[] = [];
    for (const parent of parents) {
      const embedded = embeddedPage(parent, marker);
      if (!embedded) continue;
      const key = primaryKeyOf(parent);
      const { totalCount } = embedded;
      const page = toPage(req, q, embedded.nodes, totalCount === undefined ? () => count(key) : () => Promise.resolve(totalCount));
      loader.clear(key).prime(key, page);
      nodes.push(...page.nodes);
    }
    return { nodes, nodePopulate };
  }

  private async aggregateBatch(def: AggregateDef, keys: readonly unknown[]): Promise<(number | null)[]> {
    if (def.custom) {
      const { from, key } = def.custom;
      const found = await this.em.execute<Row[]>(
        `select ${key} as k, ${def.expression} as value from ${from} where ${key} in (${keys.map(() => '?').join(', ')}) group by ${key}`,
        [...keys],
      );
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

  /** A per-parent aggregate such as a review count. */
  async aggregate(def: AggregateDef, parent: object): Promise<number | null> {
    const key = def.custom ? def.custom.parentKey(parent) : primaryKeyOf(parent);
    if (this.strategy === 'lazy') return (await this.aggregateBatch(def, [key]))[0]!;
    return this.loader<unknown, number | null>(`aggregate:${def.name}`, (keys) => this.aggregateBatch(def, keys)).load(key);
  }

  async preloadAggregate(def: AggregateDef, parents: object[]): Promise<void> {
    const keys = [...new Set(parents.map((p) => (def.custom ? def.custom.parentKey(p) : primaryKeyOf(p))))];
    if (!keys.length) return;
    const values = await this.aggregateBatch(def, keys);
    const loader = this.loader<unknown, number | null>(`aggregate:${def.name}`, (k) => this.aggregateBatch(def, k));
    keys.forEach((k, i) => loader.prime(k, values[i]!));
  }

  /** An entity by primary key (node lookups), batched per entity type outside lazy mode. */
  async byKey<T extends object>(entity: EntityClass<T>, key: unknown): Promise<T | null> {
    const pks = this.em.getMetadata(entity).primaryKeys as string[];
    const where = keyWhere(pks);
    if (this.strategy === 'lazy') return this.em.findOne(entity, where(key) as never);
    const meta = this.em.getMetadata(entity);
    if (this.rows && rowsSupported(meta)) return this.rowKeyLoader(entity).load(key);
    return this.loader<unknown, T | null>(`key:${meta.className}`, async (keys) => {
      const found = await this.em.find(entity, { $or: keys.map(where) } as never);
      const byKey = new Map(found.map((e) => [JSON.stringify(pks.map((p) => valueAt(e, p))), e]));
      return keys.map((k) => byKey.get(JSON.stringify(pks.length > 1 ? k : [k])) ?? null);
    }).load(key);
  }

  /** Rows by primary key (eager), batched per entity type. */
  private rowKeyLoader<T extends object>(entity: EntityClass<T>): DataLoader<unknown, T | null> {
    const meta = this.em.getMetadata(entity);
    const pks = meta.primaryKeys as string[];
    const where = keyWhere(pks);
    const store = this.rows!;
    return this.loader<unknown, T | null>(`rowkey:${meta.className}`, async (keys) => {
      const selection = rowSelection(meta, []);
      const qb = looseQueryBuilder(this.em, entity, 'e');
      applySelection(this.em, qb, meta, selection);
      qb.where({ $or: keys.map(where) });
      const found = await queryRows(store, qb, meta, selection);
      const byKey = new Map(found.map((r) => [JSON.stringify(pks.map((p) => valueAt(r, p))), r]));
      return keys.map((k) => (byKey.get(JSON.stringify(pks.length > 1 ? k : [k])) ?? null) as T | null);
    });
  }

  /** A row another statement brought (a report's key), for byKey to answer without a statement of its own. */
  primeKey(entity: EntityClass<object>, row: object): void {
    if (this.rows) this.rowKeyLoader(entity).prime(rowKey(row), row);
  }
}
