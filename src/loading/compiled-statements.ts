import type { Configuration } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { LRUCache } from 'lru-cache';
import type { LooseQueryBuilder } from '../db/loose-query-builder.js';
import { bindable, inlinePaging, PreparingPostgreSqlConnection, shapeOf, type PreparedShape } from '../db/prepared-statements.js';

type Raw = Record<string, unknown>;

interface Compiled {
  sql: string;
  params: readonly unknown[];
}

/**
 * Row statements compiled once per shape and values (src/loading/eager/statements.ts). Building one
 * through MikroORM's query builder — joins, criteria, ordering, embedded subqueries, the final
 * text — was about a tenth of the eager strategy's CPU per request, and the same page of the
 * catalogue is asked for again and again. Per ORM configuration, so that two databases in one
 * process (tests, the replica's primary) never share a text.
 */
const caches = new WeakMap<Configuration, LRUCache<string, Compiled>>();

/** A cache key for JSON-like values, or undefined when a value is anything else (then it is not cached). */
export function statementKey(parts: unknown[]): string | undefined {
  let plain = true;
  const key = JSON.stringify(parts, function (this: Record<string, unknown>, k: string, v: unknown) {
    const original = this[k];
    if (original instanceof Date) return { $date: original.getTime() };
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') plain = false;
    // The value before toJSON: a raw SQL fragment serialises as its text without its parameters.
    const value = k === '' ? v : original;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return v;
    const proto = Object.getPrototypeOf(value) as unknown;
    if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(value).length) plain = false;
    return v;
  });
  return plain ? key : undefined;
}

/** Where a read may run. */
export interface ReadOptions {
  /**
   * Read the primary even where a replica serves reads: for a value that must be current, such as
   * the account a role check trusts (a replica may not have replayed its demotion yet).
   */
  primary?: boolean;
}

/**
 * Runs a read built by `build`, from the compiled text when the same key ran before. It takes the
 * connection MikroORM's query builder would: the request's transaction when there is one, else
 * a read connection (a replica when one serves reads, unless `options.primary`).
 */
export async function executeRows(em: EntityManager, key: string | undefined, build: () => LooseQueryBuilder, options: ReadOptions = {}): Promise<Raw[]> {
  let cache = caches.get(em.config);
  if (!cache) caches.set(em.config, (cache = new LRUCache<string, Compiled>({ max: 2_000 })));
  let compiled = key === undefined ? undefined : cache.get(key);
  if (!compiled) {
    const qb = build();
    compiled = { sql: qb.getQuery(), params: qb.getParams() };
    if (key !== undefined) cache.set(key, compiled);
  }
  return executeSql(em, compiled.sql, compiled.params, options);
}

/** Prepared shapes by statement text: a text is numbered and named once (the name is a hash of it). */
const shapes = new LRUCache<string, { shape?: PreparedShape }>({ max: 2_000 });

/**
 * Runs a read written with `?` placeholders (a compiled row statement, a report) on the connection
 * MikroORM's query builder would take; on PostgreSQL outside a transaction, where a statement may
 * take any pooled connection, as a named prepared statement when its values can be bound.
 */
export async function executeSql(em: EntityManager, sql: string, params: readonly unknown[], options: ReadOptions = {}): Promise<Raw[]> {
  const ctx = em.getTransactionContext();
  const type = ctx || options.primary || !em.config.get('preferReadReplicas') ? 'write' : 'read';
  const connection = em.getDriver().getConnection(type);
  if (!ctx && connection instanceof PreparingPostgreSqlConnection && bindable(params)) {
    const paged = inlinePaging(sql, params);
    let known = shapes.get(paged.sql);
    if (!known) shapes.set(paged.sql, (known = { shape: shapeOf(paged.sql) }));
    if (known.shape) return connection.executePrepared(paged.sql, paged.params, known.shape);
  }
  return connection.execute<Raw[]>(sql, [...params], 'all', ctx);
}

/** How many compiled statements one ORM configuration holds (tests, /metrics-style diagnostics). */
export const compiledStatementCount = (config: Configuration): number => caches.get(config)?.size ?? 0;
