import { Collection, wrap, type EntityClass } from '@mikro-orm/core';
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { looseQueryBuilder } from '../../db/loose-query-builder.js';
import { nestedPages } from '../connection-query.js';
import { prepare } from '../page-plan.js';
import type { AggregateDef, ConnectionArgsInput, ConnectionDef, NestedConnectionDef } from '../definitions.js';
import type { Preloading } from '../eager/lookahead.js';
import { queryRows } from '../eager/map-rows.js';
import { reportKeyColumns } from '../eager/report-keys.js';
import { eagerRootObject, eagerRootPage } from '../eager/roots.js';
import { loadRowRelation, rowRelationLoaded } from '../eager/row-relations.js';
import { isRow, rowKey, rowMeta } from '../eager/row-shape.js';
import { embeddedPage, rowsSupported, RowStore } from '../eager/rows.js';
import { pathsOnly, rowSelection, type EmbeddedConnectionSpec } from '../eager/selection.js';
import { applySelection } from '../eager/statements.js';
import { primaryKeyOf, valueAt } from '../keys.js';
import { toPage, type ConnectionShape } from '../paging/page.js';
import { fromCapped, policyKey, type CountPolicy } from '../counting.js';
import type { Loaded, MaybePromise, Read, RelationKey } from '../read.js';
import type { ReportKeyColumns, ReportKeysRequest } from '../read-strategy.js';
import { keyWhere } from './base.js';
import { BatchedStrategy, reloadOptions } from './batched.js';

type Row = Record<string, unknown>;

function isLoaded(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (value instanceof Collection) return value.isInitialized(true);
  return wrap(value as object).isInitialized();
}

/**
 * The root resolver reads the selection set and loads the whole tree up front (eager/lookahead.ts),
 * as read-only rows (eager/rows.ts) in as few statements as the tree allows; field resolvers then
 * find everything in memory and complete without a promise. Entities of inheritance hierarchies,
 * which rows do not stand for, are loaded as entities and batched like the batched strategy's.
 */
export class EagerStrategy extends BatchedStrategy implements Preloading {
  override readonly name = 'eager' as const;
  override readonly rows = new RowStore(this.em);

  override rootPage<T extends object>(info: GraphQLResolveInfo, def: ConnectionDef<T>, nodeType: string, args: ConnectionArgsInput): Promise<ConnectionShape<Read<T>>> {
    return eagerRootPage(this, this.em, info, def, nodeType, args) as Promise<ConnectionShape<Read<T>>>;
  }

  override rootObject<T extends object>(info: GraphQLResolveInfo, entity: EntityClass<T>, typeName: string, where: Record<string, unknown>): Promise<Read<T> | null> {
    return eagerRootObject(this, this.em, info, entity, typeName, where) as Promise<Read<T> | null>;
  }

  override reportKeys(info: GraphQLResolveInfo, request: ReportKeysRequest): ReportKeyColumns | undefined {
    return reportKeyColumns(this.em, this.rows, info, request, (entity) => {
      const loader = this.rowKeyLoader(entity);
      return (row) => loader.prime(rowKey(row), row);
    });
  }

  override clear(): void {
    super.clear();
    this.rows.clear();
  }

  /** What the look-ahead preloaded, synchronously; else one batched statement for all the parents asking. */
  override relation<T extends object, K extends RelationKey<T>>(parent: Read<T> | T, prop: K): MaybePromise<Loaded<T[K]>> {
    const value = (parent as Row)[prop];
    if (isRow(parent)) return (rowRelationLoaded(parent, prop) ? value : this.rowRelation(parent, prop)) as MaybePromise<Loaded<T[K]>>;
    if (isLoaded(value)) return (value instanceof Collection ? value.getItems() : value) as Loaded<T[K]>;
    return this.entityRelation(parent as T, prop);
  }

  private async rowRelation(row: object, prop: string): Promise<unknown> {
    await this.loader<object, null>(`rows:${rowMeta(row).className}.${prop}`, async (parents) => {
      await loadRowRelation(this.em, this.rows, [...parents], prop, []);
      return parents.map(() => null);
    }).load(row);
    return (row as Row)[prop];
  }

  override byKey<T extends object>(entity: EntityClass<T>, key: unknown): Promise<Read<T> | null> {
    if (!rowsSupported(this.em.getMetadata(entity))) return super.byKey(entity, key);
    return this.rowKeyLoader(entity).load(key) as Promise<Read<T> | null>;
  }

  /** Rows by primary key, batched per entity type. */
  private rowKeyLoader<T extends object>(entity: EntityClass<T>): DataLoader<unknown, T | null> {
    const meta = this.em.getMetadata(entity);
    const pks = meta.primaryKeys as string[];
    const where = keyWhere(pks);
    return this.loader<unknown, T | null>(`rowkey:${meta.className}`, async (keys) => {
      const selection = rowSelection(meta, pathsOnly([]));
      const qb = looseQueryBuilder(this.em, entity, 'e');
      applySelection(this.em, qb, meta, selection);
      qb.where({ $or: keys.map(where) });
      const found = await queryRows(this.rows, qb, meta, selection);
      const byKey = new Map(found.map((r) => [JSON.stringify(pks.map((p) => valueAt(r, p))), r]));
      return keys.map((k) => (byKey.get(JSON.stringify(pks.length > 1 ? k : [k])) ?? null) as T | null);
    });
  }

  /** Loads a relation for many parents at once: one statement, whatever was loaded before. */
  async preloadRelation(parents: object[], prop: string, below: string[] = []): Promise<void> {
    if (parents.length && isRow(parents[0])) return loadRowRelation(this.em, this.rows, parents, prop, below);
    const withValue = parents.filter((e) => (e as Row)[prop] != null);
    if (!withValue.length) return;
    // With to-one relations below (an order's items and their products), one joined statement
    // loads both: no LIMIT here, so the join costs no pagination subquery.
    const paths = [prop, ...below.map((b) => `${prop}.${b}`)];
    await this.em.populate(withValue, paths as never[], below.length ? { strategy: 'joined' } : reloadOptions(this.em, withValue, prop));
  }

  /** Loads the pages of all parents now and primes the connection's loader with them; returns their nodes. */
  async preloadConnection(def: NestedConnectionDef, parents: object[], args: ConnectionArgsInput, populate: string[]): Promise<object[]> {
    const keys = [...new Set(parents.map(primaryKeyOf))];
    if (!keys.length) return [];
    const pages = await nestedPages(this.em, def, keys, args, { count: this.count(def, args), populate, store: this.rows });
    const loader = this.pagesLoader(def, args);
    for (const [key, page] of pages) loader.prime(key, page);
    return [...pages.values()].flatMap((p) => p.nodes);
  }

  /**
   * Plans a nested connection into its parents' own statement: what the statement must select, or
   * undefined when it cannot be embedded (a link table's connection, an inheritance hierarchy's nodes).
   */
  embedConnection(def: NestedConnectionDef, args: ConnectionArgsInput, nodePopulate: string[], withCount: CountPolicy | undefined): EmbeddedConnectionSpec | undefined {
    const meta = this.em.getMetadata(def.entity);
    if (def.via || !rowsSupported(meta)) return undefined;
    return { def, args, meta, ...prepare(this.em, def, args), nodePopulate, withCount };
  }

  /** The pages an embedded connection brought with its parents, primed into its loader; returns their nodes. */
  primeEmbedded(spec: EmbeddedConnectionSpec, parents: object[]): object[] {
    const { def, args, req, q } = spec;
    const loader = this.pagesLoader(def, args);
    const count = this.count(def, args);
    const nodes: object[] = [];
    for (const parent of parents) {
      const embedded = embeddedPage(parent, spec);
      if (!embedded) continue;
      const key = primaryKeyOf(parent);
      const { totalCount } = embedded;
      const known = totalCount === undefined || !spec.withCount ? undefined : { policy: spec.withCount, count: fromCapped(totalCount, spec.withCount) };
      const page = toPage(req, q, embedded.nodes, (policy) => (known && policyKey(policy) === policyKey(known.policy) ? Promise.resolve(known.count) : count(key, policy)));
      loader.clear(key).prime(key, page);
      nodes.push(...page.nodes);
    }
    return nodes;
  }

  async preloadAggregate(def: AggregateDef, parents: object[]): Promise<void> {
    const keys = [...new Set(parents.map((p) => this.aggregateKey(def, p)))];
    if (!keys.length) return;
    const values = await this.aggregateBatch(def, keys);
    const loader = this.aggregateLoader(def);
    for (const [i, k] of keys.entries()) loader.prime(k, values[i]!);
  }
}
