import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { bindable, inlinePaging, numberPlaceholders, shapeOf, type PreparingPostgreSqlConnection } from '../../src/db/prepared-statements.js';
import { gqlAt, testConfig } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testDialect } from '../support/target.js';

describe('prepared statement shapes', () => {
  it("number MikroORM's placeholders as it reads them, and leave identifiers and other values to it", () => {
    expect(numberPlaceholders(`select * from t where a = ? and b like '\\?x' and c in (?, ?)`)).toEqual({
      text: `select * from t where a = $1 and b like '?x' and c in ($2, $3)`,
      arity: 3,
    });
    expect(numberPlaceholders('select ?? from t')).toBeUndefined();
    expect(shapeOf('select ? as a')!.name).toBe(shapeOf('select ? as a')!.name);
    expect(shapeOf('select ? as a')!.name).not.toBe(shapeOf('select ? as b')!.name);
    expect(bindable(['a', 1, true, null])).toBe(true);
    expect(bindable([new Date()])).toBe(false);
    expect(bindable([[1, 2]])).toBe(false);
    expect(bindable([Number.NaN])).toBe(false);
  });

  it('write LIMIT and OFFSET values into the text, and leave the other values (and odd ones) bound', () => {
    expect(inlinePaging(`select * from t where a = ? and b like '\\?' limit ? offset ?`, ['x', 26, 50])).toEqual({
      sql: `select * from t where a = ? and b like '\\?' limit 26 offset 50`,
      params: ['x'],
    });
    expect(inlinePaging('select * from t where a = ? limit ?', ['x', 2.5])).toEqual({ sql: 'select * from t where a = ? limit ?', params: ['x', 2.5] });
    expect(inlinePaging('select * from t where a = ? limit ?', ['x', '26; drop table t'])).toEqual({ sql: 'select * from t where a = ? limit ?', params: ['x', '26; drop table t'] });
    expect(inlinePaging('select ? as limited', [1])).toEqual({ sql: 'select ? as limited', params: [1] });
  });

  it('DATABASE_PREPARED_STATEMENTS is a bounded integer', () => {
    const base = { DATABASE_URL: 'postgresql://u:p@127.0.0.1/db', JWT_SECRET: 'x'.repeat(40) };
    expect(loadConfig(base).database.preparedStatements).toBeUndefined();
    expect(loadConfig({ ...base, DATABASE_PREPARED_STATEMENTS: '0' }).database.preparedStatements).toBe(0);
    expect(() => loadConfig({ ...base, DATABASE_PREPARED_STATEMENTS: '-1' })).toThrow(/DATABASE_PREPARED_STATEMENTS must be an integer from 0/);
  });

  it('DATABASE_RANDOM_PAGE_COST: 1.1 unless told, "server" keeps the server\'s own', () => {
    const base = { DATABASE_URL: 'postgresql://u:p@127.0.0.1/db', JWT_SECRET: 'x'.repeat(40) };
    expect(loadConfig(base).database.randomPageCost).toBe(1.1);
    expect(loadConfig({ ...base, DATABASE_RANDOM_PAGE_COST: '2' }).database.randomPageCost).toBe(2);
    expect(loadConfig({ ...base, DATABASE_RANDOM_PAGE_COST: 'server' }).database.randomPageCost).toBeUndefined();
    expect(() => loadConfig({ ...base, DATABASE_RANDOM_PAGE_COST: '0' })).toThrow(/DATABASE_RANDOM_PAGE_COST must be a number above 0/);
  });
});

// One pooled connection, so that what the service prepared is what that server connection holds.
describe.runIf(testDialect() === 'postgresql')('prepared statements on PostgreSQL (one pooled connection)', () => {
  const PAGES = [`{ products(first: 3) { nodes { name manufacturer { name } } } }`, `{ products(first: 4) { totalCount nodes { name year } } }`, `{ manufacturers(first: 2) { nodes { name } } }`];
  let db: TestDatabase;
  const apps: App[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.drop();
  });

  const editorHeaders = (app: App) => headersFor({ app, gql: (q, v, h) => gqlAt(app.url, q, v, h) }, 'editor', new Map<Who, Record<string, string>>());

  async function start(preparedStatements: number, randomPageCost?: number) {
    const app = await bootstrap({ config: testConfig({ ...db.config, poolMax: 1, preparedStatements, randomPageCost }, { loadingStrategy: 'eager' }), port: 0 });
    apps.push(app);
    const pool = (await app.orm.em.getConnection().getNativeClient()) as pg.Pool;
    const held = async () => (await pool.query<{ name: string; statement: string }>(`select name, statement from pg_prepared_statements order by prepare_time`)).rows;
    const plans = async () =>
      (await pool.query<{ statement: string; generic_plans: string; custom_plans: string }>(`select statement, generic_plans::text, custom_plans::text from pg_prepared_statements`)).rows;
    const ask = async (query: string, who?: 'editor') => {
      const res = await gqlAt(app.url, query, undefined, who ? await editorHeaders(app) : {});
      expect(res.errors).toBeUndefined();
      return res.data;
    };
    const setting = async (name: string) => (await pool.query<{ v: string }>(`select current_setting($1) as v`, [name])).rows[0]!.v;
    return { app, ask, held, plans, setting };
  }

  it('prepare a page once per connection, keep at most the cap, and answer the same after a shape was deallocated', async () => {
    const { ask, held } = await start(2);
    const first = await ask(PAGES[0]!);
    expect(await ask(PAGES[0]!)).toEqual(first);
    const once = await held();
    expect(once).toHaveLength(1);
    expect(once[0]!.name).toMatch(/^rf_[0-9a-f]{30}$/);
    // The page's LIMIT is in the text (inlinePaging), so that the shape keeps one generic plan.
    expect(once[0]!.statement).toMatch(/ limit 4$/);

    const answers = [first, await ask(PAGES[1]!), await ask(PAGES[2]!)];
    const after = await held();
    expect(after).toHaveLength(2);
    // The least recently used (the first page's) made room, and is prepared again when asked for.
    expect(after.map((s) => s.name)).not.toContain(once[0]!.name);
    for (const [i, page] of PAGES.entries()) expect(await ask(page)).toEqual(answers[i]);
    expect(await held()).toHaveLength(2);
  });

  it('plan a page once per connection: with its LIMIT in the text, PostgreSQL keeps the generic plan', async () => {
    const { ask, plans } = await start(10);
    const query = `{ orders(first: 5, orderBy: [{ field: TIMESTAMP, direction: DESC }]) { totalCount nodes { timestamp items { quantity product { name } } } } }`;
    for (let i = 0; i < 8; i++) await ask(query, 'editor');
    const page = (await plans()).find((p) => p.statement.includes('"orders"') && p.statement.includes('limit 6'));
    expect(page, JSON.stringify(await plans())).toBeDefined();
    // Before: a bound LIMIT made every execution a custom plan, planned afresh (0 generic in 8).
    expect(page).toMatchObject({ custom_plans: '0' });
    expect(Number(page!.generic_plans)).toBeGreaterThanOrEqual(7);
  });

  it('prepare nothing with DATABASE_PREPARED_STATEMENTS=0, and answer the same', async () => {
    const prepared = await start(2);
    const plain = await start(0);
    for (const page of PAGES) expect(await plain.ask(page)).toEqual(await prepared.ask(page));
    expect(await plain.held()).toEqual([]);
  });

  it('forget a statement that failed, and run a text an onQuery hook rewrote, counted once', async () => {
    const { app, held } = await start(1);
    const connection = app.orm.em.getConnection() as unknown as PreparingPostgreSqlConnection;
    // Refused when parsed, so never prepared on the server.
    const bad = 'select cast(? as int) as x from no_such_table';
    await expect(connection.executePrepared(bad, ['1'], shapeOf(bad)!)).rejects.toThrow(/no_such_table/);
    // Nothing half-prepared is left to deallocate: the next shape takes the only place.
    const good = 'select cast(? as int) + 1 as x';
    expect(await connection.executePrepared(good, ['41'], shapeOf(good)!)).toEqual([{ x: 42 }]);
    expect((await held()).map((h) => h.statement)).toEqual(['select cast($1 as int) + 1 as x']);

    const config = app.orm.config;
    const previous = config.get('onQuery');
    const seen: string[] = [];
    config.set('onQuery', (sql: string, params: readonly unknown[]) => {
      seen.push(sql);
      return `${previous(sql, params as unknown[])} -- rewritten`;
    });
    try {
      expect(await connection.executePrepared(good, ['1'], shapeOf(good)!)).toEqual([{ x: 2 }]);
    } finally {
      config.set('onQuery', previous);
    }
    expect(seen).toEqual([good]);
  });

  it("plan with the random_page_cost asked for, on the service's own connections only", async () => {
    const tuned = await start(2, 1.1);
    expect(await tuned.setting('random_page_cost')).toBe('1.1');
    const server = await start(2);
    expect(await server.setting('random_page_cost')).toBe('4');
  });
});
