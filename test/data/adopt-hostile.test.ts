import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../../src/app.js';
import { gqlAt, testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { finished, ROOT, runEntry } from '../support/process.js';
import { ADOPT_TEMP_PREFIX } from '../../src/modules/data/book-adopt.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token } }`;

/** The book's database (test/fixtures/book) plus whatever `extra` SQL plants in it. */
function bookDatabase(file: string, extra: string): void {
  const db = new Database(file);
  db.exec(readFileSync(path.join(ROOT, 'test/fixtures/book/retrofun-sqlalchemy.sqlite.sql'), 'utf8'));
  db.exec(extra);
  db.close();
}

/** Temporary dumps of db:adopt left in a folder used as the child's TMPDIR. */
const leftovers = (tmp: string) => readdirSync(tmp).filter((f) => f.startsWith(ADOPT_TEMP_PREFIX));

/** A "book database" handed over by someone hostile: adopting it must never adopt trust (issue 26). */
describe('npm run db:adopt on a hostile database', () => {
  let dir: string;
  let tmp: string;
  let target: TestDatabase;
  let app: App | undefined;
  const adopt = (from: string, ...more: string[]) => runEntry('src/cli/adopt', ['--from', `sqlite:///${from}`, ...more], { DATABASE_URL: target.config.url, LOG_LEVEL: 'silent', TMPDIR: tmp });
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-hostile-'));
    tmp = path.join(dir, 'tmp');
    mkdirSync(tmp);
    target = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a --from file that does not exist, in one line, creating nothing', async () => {
    const missing = path.join(dir, 'no-such-book.sqlite');
    const run = await adopt(missing);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([`error: no SQLite file at ${missing} (from --from sqlite:///${missing}; sqlite:///relative/path or sqlite:////absolute/path)`]);
    expect(existsSync(missing)).toBe(false);
  });

  it('stops an endless view at --max-temp-mb with one line, and leaves no temporary dump', async () => {
    const book = path.join(dir, 'endless.sqlite');
    bookDatabase(
      book,
      `drop table blog_views;
      create view blog_views as with recursive r(n) as (select 1 union all select n + 1 from r)
      select n as id, 2 as article_id, '5f6a7b8c9d0e4f1a2b3c4d5e6f7a8b9c' as session_id, '2022-02-03 10:00:00' as timestamp from r;`,
    );
    // A dump a run killed with SIGKILL left behind (its process, pid 2^22 + 1, is gone): this run removes it.
    mkdirSync(path.join(tmp, `${ADOPT_TEMP_PREFIX}4194305-orphan`));
    const run = await adopt(book, '--max-temp-mb', '2');
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      "error: the book's database yields more than 2 MB of rows (a view that never ends?); nothing was written — raise --max-temp-mb if it is truly that large",
    ]);
    expect(leftovers(tmp)).toEqual([]);
  }, 60_000);

  it('removes its temporary dump when stopped with SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/launch.mjs'), 'src/cli/adopt', '--from', `sqlite:///${path.join(dir, 'endless.sqlite')}`], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: target.config.url, LOG_LEVEL: 'silent', TMPDIR: tmp },
    });
    const done = finished(child);
    // Until the dump is being written: the view is endless, so it will be, and keep growing.
    const grown = () => leftovers(tmp).some((d) => (statSync(path.join(tmp, d, 'book.json'), { throwIfNoEntry: false })?.size ?? 0) > 100_000);
    const deadline = Date.now() + 30_000;
    while (!grown() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(grown()).toBe(true);
    child.kill('SIGTERM');
    const end = await done;
    expect(end.signal).toBe('SIGTERM');
    expect(leftovers(tmp)).toEqual([]);
  }, 60_000);

  it('answers a corrupt book database with one line, no stack, and leaves no temporary dump', async () => {
    const book = path.join(dir, 'corrupt.sqlite');
    bookDatabase(book, '');
    // Garbage over the products table's first page: the schema reads, the rows do not.
    const db = new Database(book);
    const root = db.prepare(`select rootpage from sqlite_master where name = 'products'`).pluck().get() as number;
    const size = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = openSync(book, 'r+');
    writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (root - 1) * size);
    closeSync(fd);
    const run = await adopt(book);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toEqual(['error: unexpected SqliteError: database disk image is malformed (LOG_LEVEL=debug shows the stack)', '']);
    expect(leftovers(tmp)).toEqual([]);
  }, 60_000);

  it("copies the book's tables only: planted accounts, pages, staff and reader tokens stay behind", async () => {
    const book = path.join(dir, 'hostile.sqlite');
    const hash = await bcrypt.hash('planted-password', 4);
    bookDatabase(
      book,
      `
      create table users (id integer primary key, name varchar(64) not null, role varchar(16) not null, password_hash varchar(60) not null, token_stamp varchar(32) not null default '');
      insert into users (id, name, role, password_hash) values (1, 'mallory', 'admin', '${hash}');
      create table pages (id integer primary key, name varchar(255), data text, creator_id integer, created_at datetime, updated_at datetime, parent_id integer);
      insert into pages values (1, 'FrontPage', 'planted', 1, '2022-01-01 00:00:00', '2022-01-01 00:00:00', null);
      create table employees (id integer primary key, name varchar(64), hired_on date, manager_id integer, user_id integer, type varchar(16));
      insert into employees values (1, 'Mallory', '2020-01-01', null, 1, 'manager');
      alter table blog_users add column token_hash varchar(64);
      update blog_users set token_hash = '${'a'.repeat(64)}';
      alter table orders add column idempotency_key varchar(80);
      update orders set idempotency_key = '1/' || id;`,
    );
    const run = await adopt(book);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^adopted 35 rows from 14 of the book's tables/m);
    expect(run.stdout).toMatch(/^never adopted \(accounts, wiki and staff start empty; .*\): users, pages, users_follows, employees, engineers, managers, engineers_products$/m);
    expect(run.stdout).toMatch(/^ignored in the book's database, not copied: users, pages, employees$/m);

    app = await bootstrap({ config: testConfig(target.config, { seedDemo: false }), port: 0 });
    const login = await gqlAt(app.url, LOGIN, { name: 'mallory', password: 'planted-password' });
    expect(login.data?.login ?? null).toBeNull();
    expect(login.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const count = async (from: string) => Number((await app!.orm.em.getConnection().execute<{ n: number | string }[]>(`select count(*) as n from ${from}`))[0]!.n);
    for (const table of ['users', 'pages', 'employees', 'users_follows']) expect(await count(table), table).toBe(0);
    expect(await count('blog_users where token_hash is not null')).toBe(0);
    expect(await count('orders where idempotency_key is not null')).toBe(0);
    expect(await count('blog_users')).toBe(2);
  }, 60_000);
});
