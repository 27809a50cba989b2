import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntityProperty } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Progress } from '../../cli/progress.js';
import { dumpTables, toJsonValue } from './dump-format.js';
import { DumpWriter } from './dump-writer.js';
import { importJson } from './json-import.js';

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
}

/**
 * Copies a database created by the book's SQLAlchemy code into this service's (migrated, empty)
 * database: every column the two share, converted from SQLAlchemy's storage (hex uuids, naive
 * UTC datetimes) to this service's, through the JSON dump format and its restore, so the copy is
 * one transaction with self-references (translations) resolved whatever the row order. Columns
 * the book lacks (prices, idempotency keys, reader tokens) stay null; tables it lacks stay empty.
 */
export async function adoptBookDatabase(source: MikroORM, target: MikroORM, progress: Progress): Promise<AdoptOutcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-adopt-'));
  const file = path.join(dir, 'book.json');
  const found: string[] = [];
  const missing: string[] = [];
  try {
    const out = await DumpWriter.open(file);
    const em = source.em.fork();
    for (const { meta, columns } of dumpTables(target.em.fork())) {
      const name = await bookTableName(em, meta.tableName);
      if (!name) {
        missing.push(meta.tableName);
        continue;
      }
      found.push(name);
      await out.table(meta.tableName);
      for await (const row of em.getConnection().stream(`select * from ${name}`) as AsyncIterable<Record<string, unknown>>) {
        await out.row(Object.fromEntries(columns.map(({ column, prop }) => [column, fromBook(prop, row[column])])));
      }
    }
    await out.close();
    return { rows: await importJson(target, file, progress), found, missing };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
