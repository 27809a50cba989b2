import path from 'node:path';
import type { EntityClass, EntityProperty } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Progress } from '../../cli/progress.js';
import { bookEntities } from '../entities.js';
import { dumpTables, toJsonValue } from './dump-format.js';
import { DumpTooLargeError, DumpWriter } from './dump-writer.js';
import { DumpError, importJson } from './json-import.js';
import { withTemporaryDirectory } from './temp-dir.js';

/**
 * The tables of the book's models, the only ones ever read from the book's database. Accounts,
 * the wiki, followers and the staff carry trust (roles, password hashes, linked accounts): a
 * database handed to us must never decide who may sign in, so those start empty whatever it holds.
 */
const BOOK_ENTITIES: ReadonlySet<EntityClass<object>> = new Set(bookEntities);

/**
 * Columns of those tables that are this service's own credentials or bookkeeping, not the book's:
 * a reader token's hash continues a reader, an idempotency key ("<user id>/<key>") answers a
 * signed-in user's retry. Always null after adopting, whatever the source holds.
 */
const NOT_ADOPTED = new Set(['BlogUser.tokenHash', 'Order.idempotencyKey', 'Order.idempotencyFingerprint']);

/**
 * Our table → the names the book's SQLAlchemy code may have given it. Everything else is named as
 * the book names it; the book's final chapter calls the reviews table product_reviews.
 */
const BOOK_NAMES: Record<string, string[]> = { products_reviews: ['products_reviews', 'product_reviews'] };

const HEX_UUID = /^[0-9a-f]{32}$/i;
/** SQLAlchemy's naive DateTime on SQLite: 'YYYY-MM-DD HH:MM:SS[.ffffff]', UTC in the book. */
const NAIVE_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

function isUuid(prop: EntityProperty): boolean {
  const key = prop.targetMeta ? prop.targetMeta.getPrimaryProps()[0]! : prop;
  return key.type === 'uuid';
}

/** A value as SQLAlchemy stored it, as this service's dump carries it. */
function fromBook(prop: EntityProperty, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && isUuid(prop) && HEX_UUID.test(value)) {
    // SQLAlchemy's Uuid on a database without a uuid type: 32 hex digits, no dashes.
    const v = value.toLowerCase();
    return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`;
  }
  if (typeof value === 'string' && NAIVE_DATETIME.test(value)) return toJsonValue(prop, `${value.replace(' ', 'T')}Z`);
  return toJsonValue(prop, value);
}

async function bookTableName(source: EntityManager, ours: string): Promise<string | undefined> {
  for (const name of BOOK_NAMES[ours] ?? [ours]) {
    try {
      await source.getConnection().execute(`select 1 from ${name} where 1 = 0`);
      return name;
    } catch {
      // Not there under this name.
    }
  }
  return undefined;
}

export interface AdoptOutcome {
  rows: Record<string, number>;
  /** The book's tables found (under their book names), and ours the book has no table for. */
  found: string[];
  missing: string[];
  /** Our tables that are never adopted (they start empty), and which of them the source holds too. */
  neverAdopted: string[];
  ignored: string[];
}

export interface AdoptOptions {
  progress: Progress;
  /** The temporary dump may not grow past this many bytes (a view that never ends would fill the disk). */
  maxTempBytes: number;
}

/** The temporary dump's folder, under the system's temporary folder; removed on every exit. */
export const ADOPT_TEMP_PREFIX = 'retrofun-adopt-';

/**
 * Copies a database created by the book's SQLAlchemy code into this service's (migrated, empty)
 * database: every column the two share of the book's tables (BOOK_ENTITIES), converted from
 * SQLAlchemy's storage (hex uuids, naive UTC datetimes) to this service's, through the JSON dump
 * format and its restore, so the copy is one transaction with self-references (translations)
 * resolved whatever the row order. Columns the book lacks (prices, idempotency keys, reader
 * tokens) stay null; tables it lacks stay empty; accounts, wiki and staff are never read.
 */
export async function adoptBookDatabase(source: MikroORM, target: MikroORM, options: AdoptOptions): Promise<AdoptOutcome> {
  const found: string[] = [];
  const missing: string[] = [];
  const neverAdopted: string[] = [];
  const ignored: string[] = [];
  const em = source.em.fork();
  return withTemporaryDirectory(ADOPT_TEMP_PREFIX, async (dir) => {
    const file = path.join(dir, 'book.json');
    const out = await DumpWriter.open(file, { maxBytes: options.maxTempBytes });
    try {
      for (const { meta, columns } of dumpTables(target.em.fork())) {
        const name = await bookTableName(em, meta.tableName);
        if (!BOOK_ENTITIES.has(meta.class)) {
          neverAdopted.push(meta.tableName);
          if (name) ignored.push(name);
          continue;
        }
        if (!name) {
          missing.push(meta.tableName);
          continue;
        }
        found.push(name);
        await out.table(meta.tableName);
        const adopted = columns.filter(({ prop }) => !NOT_ADOPTED.has(`${meta.className}.${prop.name}`));
        for await (const row of em.getConnection().stream(`select * from ${name}`) as AsyncIterable<Record<string, unknown>>) {
          await out.row(Object.fromEntries(adopted.map(({ column, prop }) => [column, fromBook(prop, row[column])])));
        }
      }
      await out.close();
    } catch (error) {
      await out.abort();
      if (error instanceof DumpTooLargeError) {
        throw new DumpError(
          `the book's database yields more than ${Math.round(error.limitBytes / 2 ** 20)} MB of rows (a view that never ends?); nothing was written — raise --max-temp-mb if it is truly that large`,
        );
      }
      throw error;
    }
    if (!found.length) throw new DumpError(`the source database holds none of the book's tables (${[...missing].join(', ')}); nothing was written`);
    return { rows: await importJson(target, file, options.progress), found, missing, neverAdopted, ignored };
  });
}
