import { readFileSync } from 'node:fs';
import { Configuration, EntitySchema, wrap, type ConnectionOptions, type ConnectionType } from '@mikro-orm/core';
import { EntityManager as PostgreSqlEntityManager, PostgreSqlConnection, PostgreSqlDriver, PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { raw, type MikroORM } from '@mikro-orm/sql';
import { type SqliteConnection, SqliteDriver } from '@mikro-orm/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../../src/db/orm.js';
import { inlineValues, partitionLimit, PARTITION_ROW_NUMBER, postgreSqlDriverOn, primaryKey, sqliteDatabase, WRAPPER_KEY } from '../../src/seams/mikro-orm.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testDialect } from '../support/target.js';

// The version the seams in src/seams/mikro-orm.ts were checked on: a failure below names it.
const CHECKED = '@mikro-orm/* 7.2.1';
const installed = (pkg: string) => (JSON.parse(readFileSync(new URL(`../../node_modules/@mikro-orm/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
const contract = (assumption: string) => `MikroORM seam (src/seams/mikro-orm.ts), checked on ${CHECKED}, installed core ${installed('core')}: ${assumption}`;

class Author {
  id!: number;
  name!: string;
}
class Book {
  id!: number;
  title!: string;
  author!: Author;
}
const AuthorSchema = new EntitySchema<Author>({ class: Author, tableName: 'seam_authors', properties: { id: { type: 'integer', primary: true }, name: { type: 'string' } } });
const BookSchema = new EntitySchema<Book>({
  class: Book,
  tableName: 'seam_books',
  properties: { id: { type: 'integer', primary: true }, title: { type: 'string' }, author: { kind: 'm:1', entity: () => Author } },
});

describe(`MikroORM contract on ${testDialect()}`, () => {
  let db: TestDatabase;
  let orm: MikroORM;
  beforeAll(async () => {
    db = await createTestDatabase();
    // The project's own drivers (preparingDriver, TurnTakingSqliteDriver) on two small tables.
    orm = await openOrm(db.config, { entities: [AuthorSchema, BookSchema], discovery: {}, extensions: [], allowGlobalContext: true });
    await orm.schema.create();
    const em = orm.em.fork();
    for (const [id, name] of [
      [1, 'Ada'],
      [2, 'Brian'],
    ] as const)
      em.create(Author, { id, name });
    const titles = { 1: ['a1', 'a2', 'a3', 'a4'], 2: ['b1', 'b2', 'b3'] };
    let id = 0;
    for (const [author, list] of Object.entries(titles)) for (const title of list) em.create(Book, { id: ++id, title, author: Number(author) });
    await em.flush();
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('1. QueryBuilder.setPartitionLimit (@internal) keeps limit rows per partition after offset, numbered in __rn in the query order', async () => {
    const qb = orm.em.fork().createQueryBuilder(Book, 'b');
    expect(typeof (qb as unknown as Record<string, unknown>).setPartitionLimit, contract('QueryBuilder has a setPartitionLimit method')).toBe('function');
    qb.select(['id', 'title', 'author'])
      .where({ author: { $in: [1, 2] } })
      .orderBy({ title: 'desc' });
    partitionLimit(qb, { partitionBy: 'author', limit: 2, offset: 1 });
    expect(qb.getQuery(), contract('setPartitionLimit numbers rows with row_number() over (partition by …)')).toMatch(/row_number\(\) over \(partition by .*author_id/i);
    const rows = await qb.execute<Record<string, unknown>[]>('all', false);
    const byAuthor = (a: number) => rows.filter((r) => Number(r.author_id) === a).sort((x, y) => Number(x[PARTITION_ROW_NUMBER]) - Number(y[PARTITION_ROW_NUMBER]));
    const pages = [1, 2].map((a) => byAuthor(a).map((r) => [r.title, Number(r[PARTITION_ROW_NUMBER])]));
    expect(pages, contract(`each partition keeps rows offset+1..offset+limit in the query's order, their number in the ${PARTITION_ROW_NUMBER} column`)).toEqual([
      [
        ['a3', 2],
        ['a2', 3],
      ],
      [
        ['b2', 2],
        ['b1', 3],
      ],
    ]);
  });

  it("2. helper(entity).getPrimaryKey() (@internal) gives an entity's or a reference's primary key", async () => {
    const em = orm.em.fork();
    const book = await em.findOneOrFail(Book, 3);
    expect(primaryKey(book), contract('getPrimaryKey of a loaded entity')).toBe(3);
    expect(primaryKey(book.author), contract('getPrimaryKey of an uninitialized reference')).toBe(1);
    expect(wrap(book.author).isInitialized(), 'public wrap().isInitialized() of a reference').toBe(false);
  });

  it('3. MikroORM reads an entity wrapper from its __helper property: a throwing __helper stops persist and queries', async () => {
    const em = orm.em.fork();
    const book = await em.findOneOrFail(Book, 1);
    expect(wrap(book, true), contract(`wrap(entity, true) is entity.${WRAPPER_KEY}`)).toBe((book as unknown as Record<string, unknown>)[WRAPPER_KEY]);
    const row = Object.create(Author.prototype) as Author;
    Object.defineProperty(row, WRAPPER_KEY, {
      get() {
        throw new Error('row used as an entity');
      },
    });
    row.id = 1;
    expect(() => em.persist(row), contract(`em.persist reads ${WRAPPER_KEY}`)).toThrow('row used as an entity');
    await expect(em.find(Book, { author: row }), contract(`a query value is read through ${WRAPPER_KEY}`)).rejects.toThrow('row used as an entity');
  });

  it.runIf(testDialect() === 'sqlite')('4. SqliteConnection keeps the better-sqlite3 handle in its private database, set by createKyselyDialect', async () => {
    const connection = orm.em.getConnection() as unknown as SqliteConnection;
    const handle = sqliteDatabase(connection);
    expect(handle, contract('SqliteConnection.database is the handle getNativeClient() returns')).toBe(await connection.getNativeClient());
    expect(handle.prepare(`select 'Commodore 64' regexp '(?i)commodore' as hit`).get(), contract('regexp() registered on that handle at connect (src/db/sqlite-turns.ts)')).toEqual({ hit: 1 });
  });

  it('5. drivers are built through AbstractSqlDriver: primary first, then each replica with its options and "read"; PostgreSqlDriver/SqliteDriver add only createEntityManager/getORMClass', () => {
    const own = (c: { prototype: object }) => Object.getOwnPropertyNames(c.prototype).sort();
    expect(own(PostgreSqlDriver), contract('PostgreSqlDriver defines only these methods (postgreSqlDriverOn borrows them)')).toEqual(['constructor', 'createEntityManager', 'getORMClass']);
    expect(own(SqliteDriver), contract('SqliteDriver defines only these methods (sqliteDriverOn borrows them)')).toEqual(['constructor', 'getORMClass']);
    const made: [string | undefined, ConnectionType | undefined][] = [];
    class Recording extends PostgreSqlConnection {
      constructor(config: Configuration, options?: ConnectionOptions, type?: ConnectionType) {
        super(config, options, type);
        made.push([options?.name, type]);
      }
    }
    const Driver = postgreSqlDriverOn(Recording);
    const config = new Configuration(
      {
        driver: Driver,
        clientUrl: 'postgresql://u:p@127.0.0.1:1/none',
        replicas: [
          { name: 'r1', host: 'h1' },
          { name: 'r2', host: 'h2' },
        ],
        entities: [AuthorSchema, BookSchema],
      },
      false,
    );
    const driver = config.getDriver() as PostgreSqlDriver;
    expect(made, contract('AbstractSqlDriver constructs new C(config), then new C(config, replica, "read") per replica in order')).toEqual([
      [undefined, undefined],
      ['r1', 'read'],
      ['r2', 'read'],
    ]);
    expect(driver.getConnection('write'), contract('getConnection("write") is the primary built by the constructor')).toBeInstanceOf(Recording);
    expect(driver.getPlatform()).toBeInstanceOf(PostgreSqlPlatform);
    expect(driver.createEntityManager(), contract('the borrowed createEntityManager makes a PostgreSQL EntityManager')).toBeInstanceOf(PostgreSqlEntityManager);
    expect(driver.getORMClass()).toBe(PostgreSqlDriver.prototype.getORMClass.call(driver));
    expect(orm.em.getDriver().getORMClass(), contract("the project's driver gives MikroORM's ORM class for the dialect")).toBe(
      testDialect() === 'postgresql' ? PostgreSqlDriver.prototype.getORMClass.call(driver) : SqliteDriver.prototype.getORMClass.call(orm.em.getDriver() as unknown as SqliteDriver),
    );
  });

  it('6. a raw select field is inlined, then formatted with the outer values: a ? inside an inlined string is taken for a placeholder', async () => {
    const em = orm.em.fork();
    const inner = { sql: 'select ? as v', params: ['what?'] };
    const outer = (text: string) =>
      em
        .createQueryBuilder(Book, 'b')
        .select(['id', raw(`(${text}) as v`)])
        .where({ id: 1, title: { $ne: 'zz' } });
    const naive = em.getPlatform().formatQuery(inner.sql, inner.params);
    const read = async (text: string) => {
      const rows = await outer(text).execute<{ v: unknown }[]>('all', false);
      return rows[0]?.v;
    };
    // The day MikroORM stops re-reading placeholders inside inlined text, inlineValues' chr(63) is no longer needed.
    const broken = await read(naive).then(
      (v) => v !== 'what?',
      () => true,
    );
    expect(broken, contract('an inlined string holding ? is misread when the outer statement has values of its own')).toBe(true);
    expect(await read(inlineValues(em, inner.sql, inner.params)), contract('inlineValues writes ? as chr(63)/char(63) and the value survives')).toBe('what?');
  });
});
