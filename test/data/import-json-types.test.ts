import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.js';
import { entities } from '../../src/modules/entities.js';
import { DumpError, importJson } from '../../src/modules/data/json-import.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';
import { runEntry } from '../support/process.js';

const HASH = bcrypt.hashSync('secret-password', 4);
const maker = { id: 1, name: 'Acme' };
const product = { id: 1, name: 'Box', manufacturer_id: 1, year: 1984, cpu: 'Z80', price: 99.5 };
const user = { id: 1, name: 'alice', role: 'admin', password_hash: HASH };
const order = {
  id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
  timestamp: '2022-03-14T10:15:00.000Z',
  customer_id: '6f1c2a9e-4b7d-4e0f-9a3b-5c8d7e6f1a2b',
  idempotency_key: null,
  idempotency_fingerprint: null,
};
const customer = { id: '6f1c2a9e-4b7d-4e0f-9a3b-5c8d7e6f1a2b', name: 'Ada', address: null, phone: null };

const dump = (tables: Record<string, unknown>) => JSON.stringify({ format: 'retrofun-export', version: 1, tables });

/**
 * `npm run db:import-json` on dumps that do not fit the schema: checked against the columns before
 * anything is written, refused with one line naming table, row and column, never a stack or a
 * value (a password hash), on both databases (issue 26, point 7).
 */
describe('db:import-json refuses what does not fit, in one line', () => {
  let dir: string;
  let t: TestOrm;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-import-json-'));
    t = await openMigratedOrm();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, content: string | undefined) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
    if (content !== undefined) writeFileSync(file, content);
    return file;
  };
  const rows = async () => {
    const em = t.orm.em.fork();
    return (await Promise.all(entities.map((e) => em.count(e, {})))).reduce((a, b) => a + b, 0);
  };
  const restore = async (name: string, content: string | undefined) => {
    const file = write(name, content);
    const run = await runEntry('src/cli/import-json', [file], { DATABASE_URL: t.db.config.url, LOG_LEVEL: 'silent' });
    return { ...run, file, rows: await rows() };
  };

  /** The command: one line on stderr, exit 1, no stack, no hash, nothing written. */
  const refused = async (name: string, content: string | undefined) => {
    const run = await restore(name, content);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain(HASH.slice(7));
    expect(run.rows).toBe(0);
    return run.stderr.trim();
  };

  it.each([
    [
      'a string for a year',
      dump({ manufacturers: [maker], products: [{ ...product, year: 'nineteen' }] }),
      'table products, row 1, column year: expected a whole number from -2147483648 to 2147483647, got a string',
    ],
    [
      'a string for a price',
      dump({ manufacturers: [maker], products: [product, { ...product, id: 2, name: 'Other', price: '12.50' }] }),
      'table products, row 2, column price: expected a number below 100000000 in magnitude, got a string',
    ],
    ['an unknown role beside a password hash', dump({ users: [{ ...user, role: 'root' }] }), 'table users, row 1, column role: expected one of basic, editor, admin, got other text'],
    ['a number for a password hash', dump({ users: [{ ...user, password_hash: 12345 }] }), 'table users, row 1, column password_hash: expected text of at most 60 characters, got a whole number'],
    ['a name too long', dump({ manufacturers: [{ id: 1, name: 'x'.repeat(65) }] }), 'table manufacturers, row 1, column name: expected text of at most 64 characters, got longer text'],
    ['a NUL character', dump({ manufacturers: [{ id: 1, name: 'Ac\u0000me' }] }), 'table manufacturers, row 1, column name: expected text of at most 64 characters, got text holding a NUL character'],
    ['a missing required value', dump({ manufacturers: [{ id: 1 }] }), 'table manufacturers, row 1, column name: a value is required, got null'],
    ['a bad uuid', dump({ customers: [customer], orders: [{ ...order, customer_id: 'not-a-uuid' }] }), 'table orders, row 1, column customer_id: expected a uuid, got other text'],
    [
      'a bad timestamp',
      dump({ customers: [customer], orders: [{ ...order, timestamp: '2022-02-30 10:00' }] }),
      'table orders, row 1, column timestamp: expected an ISO timestamp (2024-01-31T12:00:00.000Z), got other text',
    ],
    ['an unknown column', dump({ users: [{ ...user, token_stamp: 'planted' }] }), 'table users, row 1: no column "token_stamp" in this table'],
    ['a row that is not an object', dump({ manufacturers: [maker, [2, 'Other']] }), 'table manufacturers, row 2: expected an object of column values'],
    ['a repeated unique name', dump({ users: [user, { ...user, id: 2 }] }), /^table users, rows 1–2: a key or unique value is repeated \((uq_users_name|users\.name)\)$/],
    ['a reference to nothing', dump({ manufacturers: [maker], products: [{ ...product, manufacturer_id: 7 }] }), /^table products, row 1: a row refers to a row the dump does not hold/],
    ['broken JSON', '{"format":"retrofun-export","version":1,"tables":{"users":[{"id":1,', /\.json is not valid JSON \(Parser /],
  ])('%s', async (name, content, message) => {
    const error = await importJson(t.orm, write(name, content), silentProgress).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DumpError);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(HASH.slice(7));
    expect(await rows()).toBe(0);
  });

  it('prints one line for a value of the wrong type, with nothing written', async () => {
    expect(await refused('year', dump({ manufacturers: [maker], products: [{ ...product, year: 'nineteen' }] }))).toBe(
      'restore failed, nothing was written — table products, row 1, column year: expected a whole number from -2147483648 to 2147483647, got a string',
    );
  });

  it('prints one line without the password hash when the database refuses a row', async () => {
    expect(await refused('unique', dump({ users: [user, { ...user, id: 2 }] }))).toMatch(/^restore failed, nothing was written — table users, rows 1–2: a key or unique value is repeated/);
  });

  it('prints one line for broken JSON and for a file that is not there', async () => {
    expect(await refused('broken', '{"format":"retrofun-export","version":1,"tables":{"users":[{"id":1,')).toMatch(/^restore failed, nothing was written — .*broken\.json is not valid JSON \(Parser /);
    // A file that is not there is refused before the database is opened (or migrated).
    expect(await refused('absent', undefined)).toBe(`error: no file at ${path.join(dir, 'absent.json')}`);
  });

  it('restores what fits', async () => {
    const run = await restore('fine', dump({ manufacturers: [maker], products: [product], users: [user] }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.rows).toBe(3);
  });
});
