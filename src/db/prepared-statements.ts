import { createHash } from 'node:crypto';
import { PostgreSqlConnection, type PostgreSqlDriver } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { LRUCache } from 'lru-cache';
import { postgreSqlDriverOn } from '../seams/mikro-orm.js';
import { parsedStatements as parsed } from '../seams/pg.js';

type Raw = Record<string, unknown>;

/**
 * One statement shape as PostgreSQL prepares it: MikroORM's `?` placeholders numbered `$1…$n`, and
 * a name derived from that text, so every process and every connection gives one shape one name.
 */
export interface PreparedShape {
  readonly name: string;
  readonly text: string;
  /** How many `?` the shape binds: the values given must match. */
  readonly arity: number;
}

/**
 * Rewrites each `?` placeholder as MikroORM's `Platform.formatQuery` reads them (`\?` is a literal
 * question mark, kept escaped or, with `unescapeMarks`, written as `?`): `replace(n, at)` gives the text
 * for the n-th placeholder, found at index `at`. Undefined when the text names identifiers by `??`,
 * which only MikroORM can fill in.
 */
function rewritePlaceholders(sql: string, replace: (n: number, at: number) => string, unescapeMarks: boolean): string | undefined {
  let text = '';
  let n = 0;
  let pos = 0;
  for (let idx = sql.indexOf('?'); idx !== -1; idx = sql.indexOf('?', pos)) {
    if (idx > 0 && sql[idx - 1] === '\\') {
      text += unescapeMarks ? `${sql.slice(pos, idx - 1)}?` : sql.slice(pos, idx + 1);
    } else if (sql[idx + 1] === '?') {
      return undefined;
    } else {
      text += sql.slice(pos, idx) + replace(n++, idx);
    }
    pos = idx + 1;
  }
  return text + sql.slice(pos);
}

/** `?` placeholders numbered for PostgreSQL (`$1`, `$2`, …); undefined for a text MikroORM must fill in. */
export function numberPlaceholders(sql: string): { text: string; arity: number } | undefined {
  let arity = 0;
  const text = rewritePlaceholders(sql, () => `$${++arity}`, true);
  return text === undefined ? undefined : { text, arity };
}

/**
 * The statement with its LIMIT and OFFSET values written into the text (non-negative safe
 * integers only), and the values left to bind. PostgreSQL plans a prepared statement afresh for
 * every execution while a custom plan looks cheaper than the generic one, and a generic plan cannot
 * know a bound LIMIT: the orders page kept being planned on each request (no generic plan in
 * `pg_prepared_statements`; docs/benchmarks). With its LIMIT in the text, a page
 * statement without other values has one plan per connection. A page size is then part of the
 * statement's shape, which the per-connection cap already bounds.
 */
export function inlinePaging(sql: string, params: readonly unknown[]): { sql: string; params: readonly unknown[] } {
  let positions = pagingAt.get(sql);
  if (!positions) pagingAt.set(sql, (positions = pagingPlaceholders(sql)));
  if (!positions.length || !positions.every((i) => Number.isSafeInteger(params[i]) && (params[i] as number) >= 0)) return { sql, params };
  const rest: unknown[] = [];
  const text = rewritePlaceholders(
    sql,
    (n) => {
      if (positions.includes(n)) return String(params[n]);
      rest.push(params[n]);
      return '?';
    },
    false,
  )!;
  return { sql: text, params: rest };
}

/** Per statement text, the placeholders (by number) that give a LIMIT or an OFFSET. */
const pagingAt = new LRUCache<string, number[]>({ max: 2_000 });

function pagingPlaceholders(sql: string): number[] {
  const found: number[] = [];
  const text = rewritePlaceholders(
    sql,
    (n, at) => {
      if (/\b(limit|offset)\s+$/i.test(sql.slice(Math.max(0, at - 10), at))) found.push(n);
      return '?';
    },
    false,
  );
  return text === undefined ? [] : found;
}

/** The shape of a compiled `?` statement, or undefined when it cannot be prepared. */
export function shapeOf(sql: string): PreparedShape | undefined {
  const numbered = numberPlaceholders(sql);
  if (!numbered) return undefined;
  return { ...numbered, name: `rf_${createHash('sha1').update(numbered.text).digest('hex').slice(0, 30)}` };
}

/**
 * Values PostgreSQL reads the same whether inlined by MikroORM or bound as text: strings, finite
 * numbers, booleans and null. Anything else (dates, whose text form depends on the process's time
 * zone, arrays, JSON) keeps MikroORM's own inlining.
 */
export const bindable = (values: readonly unknown[]): boolean => values.every((v) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)));

/**
 * A PostgreSQL connection that can run a statement as a named prepared statement, so that
 * PostgreSQL parses and plans a shape once per server connection instead of on every request
 * (planning was about half of the product detail's time per statement; docs/benchmarks).
 *
 * Each server connection keeps what it prepared until it closes, so each holds at most `cap` shapes:
 * the least recently used one is deallocated to make room. A client that sends a new shape on
 * every request costs the deallocation, never the server's memory. `cap` 0 turns preparing off
 * (PgBouncer before 1.21 in transaction mode hands each statement to any server connection).
 */
export class PreparingPostgreSqlConnection extends PostgreSqlConnection {
  cap = 0;
  /** Per pooled client: its prepared names, least recently used first. */
  private readonly prepared = new WeakMap<pg.PoolClient, Map<string, true>>();

  /**
   * Runs a read as a named statement, counted and logged like every other statement (the ORM's
   * `onQuery` hook sees the `?` text); falls back to `execute` when preparing is off.
   */
  async executePrepared(sql: string, params: readonly unknown[], shape: PreparedShape): Promise<Raw[]> {
    if (this.cap <= 0 || shape.arity !== params.length) return this.execute<Raw[]>(sql, [...params], 'all');
    await this.ensureConnection();
    const values = [...params];
    const query = this.config.get('onQuery')(sql, values);
    // A hook that rewrites the text (a comment, say) gets its text run, unnamed: it was counted once already.
    const rewritten = query === sql ? undefined : (numberPlaceholders(query) ?? { text: this.platform.formatQuery(query, values), arity: 0 });
    const logged = this.config.getLogger().isEnabled('query-params') ? this.platform.formatQuery(query, values) : query;
    return this.executeQuery(
      logged,
      async () => {
        const pool = (await this.getNativeClient()) as pg.Pool;
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          if (rewritten) return (await client.query<Raw>({ text: rewritten.text, values: rewritten.arity ? values : [] })).rows;
          await this.makeRoom(client, shape.name);
          try {
            return (await client.query<Raw>({ name: shape.name, text: shape.text, values })).rows;
          } catch (error) {
            // A statement that failed may not be prepared on the server: forget it here too.
            if (!parsed(client)[shape.name]) this.prepared.get(client)?.delete(shape.name);
            throw error;
          }
        } catch (error) {
          // A connection the server dropped is not handed out again (pg-pool's own rule).
          if ((error as { code?: unknown }).code === undefined) broken = error as Error;
          throw error;
        } finally {
          client.release(broken);
        }
      },
      { query, params: values },
    );
  }

  /** Marks `name` as used on `client`, deallocating its least recently used shape when it is full. */
  private async makeRoom(client: pg.PoolClient, name: string): Promise<void> {
    let names = this.prepared.get(client);
    if (!names) this.prepared.set(client, (names = new Map()));
    if (names.delete(name)) {
      names.set(name, true);
      return;
    }
    while (names.size >= this.cap) {
      const oldest = names.keys().next().value!;
      names.delete(oldest);
      const statements = parsed(client);
      if (statements[oldest] === undefined) continue;
      await client.query(`deallocate ${oldest}`);
      // pg remembers what it parsed on this connection, and would skip parsing the name next time.
      delete statements[oldest];
    }
    names.set(name, true);
  }
}

/** Shapes each server connection keeps prepared unless DATABASE_PREPARED_STATEMENTS says otherwise. */
export const DEFAULT_PREPARED_STATEMENTS = 100;

/** A connection class whose connections keep up to `cap` shapes each prepared. */
export function preparingConnection(cap = DEFAULT_PREPARED_STATEMENTS): typeof PreparingPostgreSqlConnection {
  return class CappedPreparingConnection extends PreparingPostgreSqlConnection {
    override cap = cap;
  };
}

/** A driver whose connections keep up to `cap` shapes each prepared (DATABASE_PREPARED_STATEMENTS; default 100). */
export function preparingDriver(cap = DEFAULT_PREPARED_STATEMENTS): typeof PostgreSqlDriver {
  return postgreSqlDriverOn(preparingConnection(cap));
}
