import type { Configuration } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { LRUCache } from 'lru-cache';
import { dialectOf } from '../db/dialect.js';
import type { LooseQueryBuilder } from '../db/loose-query-builder.js';
import { bindable, PreparingPostgreSqlConnection, shapeOf, type PreparedShape } from '../db/prepared-statements.js';

type Raw = Record<string, unknown>;

interface Compiled {
  sql: string;
  params: readonly unknown[];
  /** Its shape as PostgreSQL prepares it; undefined on SQLite or when its values must be inlined. */
  shape?: PreparedShape;
}

/**
 * Row statements compiled once per shape and values (src/loading/row-queries.ts). Building one
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

/**
 * Runs a read built by `build`, from the compiled text when the same key ran before. It takes the
 * connection MikroORM's query builder would: the request's transaction when there is one, else
 * a read connection (a replica when one serves reads).
 */
export async function executeRows(em: EntityManager, key: string | undefined, build: () => LooseQueryBuilder): Promise<Raw[]> {
  let cache = caches.get(em.config);
  if (!cache) caches.set(em.config, (cache = new LRUCache<string, Compiled>({ max: 2_000 })));
  let compiled = key === undefined ? undefined : cache.get(key);
  if (!compiled) {
    const qb = build();
    const sql = qb.getQuery();
    const params = qb.getParams();
    compiled = { sql, params, shape: dialectOf(em) === 'postgresql' && bindable(params) ? shapeOf(sql) : undefined };
    if (key !== undefined) cache.set(key, compiled);
  }
  return run(em, compiled);
}

/** Shapes of statements written as text (reports), by their text (used only on PostgreSQL). */
const shapes = new LRUCache<string, { shape?: PreparedShape }>({ max: 500 });

/** Runs a read written as text with `?` placeholders, prepared like the compiled ones. */
export async function executeSql(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Raw[]> {
  let known = shapes.get(sql);
  if (!known) shapes.set(sql, (known = { shape: shapeOf(sql) }));
  return run(em, { sql, params, shape: known.shape && bindable(params) ? known.shape : undefined });
}

async function run(em: EntityManager, compiled: Compiled): Promise<Raw[]> {
  const ctx = em.getTransactionContext();
  const type = ctx || !em.config.get('preferReadReplicas') ? 'write' : 'read';
  const connection = em.getDriver().getConnection(type);
  // Outside a transaction a statement may take any pooled connection, so it may be a prepared one.
  if (!ctx && compiled.shape && connection instanceof PreparingPostgreSqlConnection) {
    return connection.executePrepared(compiled.sql, compiled.params, compiled.shape);
  }
  return connection.execute<Raw[]>(compiled.sql, [...compiled.params], 'all', ctx);
}

/** How many compiled statements one ORM configuration holds (tests, /metrics-style diagnostics). */
export const compiledStatementCount = (config: Configuration): number => caches.get(config)?.size ?? 0;
