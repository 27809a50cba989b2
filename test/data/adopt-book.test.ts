import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../../src/app.js';
import { testConfig, gqlAt } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ROOT, runEntry } from '../support/process.js';
import { headersFor } from '../support/auth.js';

/**
 * Adopting a RetroFun database built by the book's SQLAlchemy code: its schema (from the book's
 * models, test/fixtures/book) in SQLite, copied into this service's database of either dialect.
 */
describe("npm run db:adopt (a database built by the book's code)", () => {
  let dir: string;
  let book: string;
  let target: TestDatabase;
  let app: App;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-book-'));
    book = path.join(dir, 'book.sqlite');
    const db = new Database(book);
    db.exec(readFileSync(path.join(ROOT, 'test/fixtures/book/retrofun-sqlalchemy.sqlite.sql'), 'utf8'));
    db.close();
    target = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies every row into a migrated database, converting SQLAlchemy's uuids and datetimes", async () => {
    const run = await runEntry('src/cli/adopt', ['--from', `sqlite:///${book}`], { DATABASE_URL: target.config.url, LOG_LEVEL: 'silent' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^adopted 35 rows from 14 of the book's tables in [\d.]+ s — manufacturers 3, countries 2, products 4, products_countries 5, customers 2, orders 2, orders_items 3, products_reviews 2,/m,
    );
    expect(run.stdout).not.toMatch(/not in the book's database/);
    expect(run.stdout).toMatch(
      /^never adopted \(accounts, wiki and staff start empty; create the first admin with npm run user -- create NAME --role admin\): users, pages, users_follows, employees, engineers, managers, engineers_products$/m,
    );
    // A second run refuses: the target is no longer empty, and nothing is copied twice.
    const again = await runEntry('src/cli/adopt', ['--from', `sqlite:///${book}`], { DATABASE_URL: target.config.url, LOG_LEVEL: 'silent' });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('serves the adopted data through GraphQL, with new rows keyed after the copied ones', async () => {
    app = await bootstrap({ config: testConfig(target.config), port: 0 });
    const t = { app, gql: <T = Record<string, unknown>>(q: string, v?: Record<string, unknown>, h?: Record<string, string>) => gqlAt<T>(app.url, q, v, h) };
    const editor = await headersFor(t as never, 'editor', new Map());
    const res = await t.gql(
      `{
      products(first: 10, orderBy: [{ field: YEAR }]) { nodes { databaseId name year cpu price manufacturer { name } countries { name } } }
      orders(first: 5, orderBy: [{ field: TIMESTAMP }]) { nodes { databaseId timestamp total customer { name } items { quantity unitPrice product { name } } } }
      blogArticles(first: 5, orderBy: [{ field: TIMESTAMP }]) { nodes { title language { name } translations { title } translationOf { title } viewCount } }
      reviewStats(groupBy: [PRODUCT]) { key { product { name } } count averageRating }
    }`,
      {},
      editor,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const data = res.data as Record<string, { nodes: Record<string, unknown>[] }> & { reviewStats: unknown[] };
    expect(data.products!.nodes[0]).toEqual({ databaseId: 3, name: 'BBC Micro', year: 1981, cpu: '6502', price: null, manufacturer: { name: 'Acorn Computers' }, countries: [{ name: 'UK' }] });
    expect(data.products!.nodes.at(-1)).toMatchObject({ name: 'Amiga 500', countries: [{ name: 'UK' }, { name: 'USA' }] });
    expect(data.orders!.nodes[0]).toEqual({
      databaseId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
      timestamp: '2022-03-14T10:15:00.000Z',
      total: 328.99,
      customer: { name: 'Ada Brown' },
      items: [
        { quantity: 1, unitPrice: 149.99, product: { name: 'Commodore 64' } },
        { quantity: 2, unitPrice: 89.5, product: { name: 'ZX Spectrum' } },
      ],
    });
    expect(data.orders!.nodes[1]).toMatchObject({ timestamp: '2022-04-01T18:30:05.250Z', customer: { name: 'Bob Grey' } });
    expect(data.blogArticles!.nodes).toEqual([
      { title: 'The Amiga 500 reviewed', language: { name: 'English' }, translations: [{ title: 'Der Amiga 500 im Test' }], translationOf: null, viewCount: 2 },
      { title: 'Der Amiga 500 im Test', language: { name: 'German' }, translations: [], translationOf: { title: 'The Amiga 500 reviewed' }, viewCount: 1 },
    ]);
    expect(data.reviewStats).toEqual(expect.arrayContaining([{ key: { product: { name: 'Commodore 64' } }, count: 1, averageRating: 5 }]));
    const created = await t.gql<{ createManufacturer: { manufacturer: { databaseId: number } } }>(
      `mutation { createManufacturer(input: { name: "Atari" }) { manufacturer { databaseId } } }`,
      {},
      editor,
    );
    expect(created.data!.createManufacturer.manufacturer.databaseId).toBe(4);
  });
});
