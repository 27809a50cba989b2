import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/sql';
import { seedDemo } from '../../seeders/demo.js';
import { openOrm } from '../../src/db/orm.js';
import { BlogView } from '../../src/modules/blog/blog-view.entity.js';
import { maintainViewPartitions } from '../../src/modules/blog/view-partitions.js';
import { bootstrap } from '../../src/app.js';
import { gqlAt, testConfig, type GraphQLResponse, type TestApp } from '../support/app.js';
import { startAsEditor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { runEntry } from '../support/process.js';
import { capturedStatements } from '../support/statements.js';
import { testDialect, testPostgresUrl } from '../support/target.js';

const BEFORE_PARTITIONING = 'Migration20261122072000_login_rate_limits';
// Far from now, so that the months the start-up creates never cover them.
const OLD = ['2019-03-15T10:00:00Z', '2019-03-31T23:59:59.999Z', '2024-12-01T00:00:00Z', '2031-05-02T00:00:00Z'];

type Row = { id: number; article_id: number; session_id: string; timestamp: Date };
const rows = (orm: MikroORM) => orm.em.fork().execute<Row[]>(`select id, article_id, session_id, "timestamp" from blog_views order by id`);
const partitions = async (orm: MikroORM) =>
  (await orm.em.fork().execute<{ name: string }[]>(`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'blog_views'::regclass order by 1`)).map(
    (r) => r.name,
  );
const relkind = async (orm: MikroORM) => (await orm.em.fork().execute<{ k: string }[]>(`select relkind::text as k from pg_class where oid = 'blog_views'::regclass`))[0]!.k;
/** Views at these times, for the first article and session the demo data has. */
const addViews = (orm: MikroORM, times: string[]) =>
  orm.em
    .fork()
    .execute(
      `insert into blog_views (article_id, session_id, "timestamp") select v.article_id, v.session_id, t from (select article_id, session_id from blog_views order by id limit 1) v, unnest(array['${times.join("','")}']::timestamptz[]) t`,
    );
const partitionOf = async (orm: MikroORM, time: string) =>
  (await orm.em.fork().execute<{ p: string }[]>(`select tableoid::regclass::text as p from blog_views where "timestamp" = '${time}'`)).map((r) => r.p);

describe.runIf(testDialect() === 'postgresql')('page views partitioned by month (PostgreSQL)', () => {
  it('the migration converts blog_views keeping every row and its id, and down() turns it back', async () => {
    const db = await createTestDatabase();
    const orm = await openOrm(db.config);
    try {
      // Seeded by today's entities on today's schema, then taken back to before partitioning (later
      // migrations add columns the entities write, such as orders_items.line_total).
      await orm.migrator.up();
      await seedDemo(orm.em, { withUsers: false, bcryptRounds: 4 });
      await orm.migrator.down({ to: BEFORE_PARTITIONING });
      await addViews(orm, OLD);
      const before = await rows(orm);
      expect(before.length).toBeGreaterThan(OLD.length);
      expect(await relkind(orm)).toBe('r');

      await orm.migrator.up();
      expect(await relkind(orm)).toBe('p');
      expect(await rows(orm)).toEqual(before);
      const names = await partitions(orm);
      expect(names).toEqual(expect.arrayContaining(['blog_views_2019_03', 'blog_views_2024_12', 'blog_views_2031_05', 'blog_views_default']));
      // The last millisecond of March is March's, the first of December December's (UTC months).
      expect(await partitionOf(orm, OLD[1]!)).toEqual(['blog_views_2019_03']);
      expect(await partitionOf(orm, OLD[2]!)).toEqual(['blog_views_2024_12']);
      expect((await orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from blog_views_default`))[0]!.n).toBe(0);

      // The id sequence carries on past the converted rows.
      const em = orm.em.fork();
      const first = await em.findOneOrFail(BlogView, { id: before[0]!.id });
      const added = em.create(BlogView, { article: first.article, session: first.session, timestamp: new Date() });
      await em.flush();
      expect(added.id).toBeGreaterThan(Math.max(...before.map((r) => r.id)));

      await orm.migrator.down({ to: BEFORE_PARTITIONING });
      expect(await relkind(orm)).toBe('r');
      expect((await rows(orm)).map((r) => r.id)).toEqual([...before.map((r) => r.id), added.id]);
      await orm.migrator.up();
      expect(await relkind(orm)).toBe('p');
      expect((await rows(orm)).length).toBe(before.length + 1);
    } finally {
      await orm.close();
      await db.drop();
    }
  }, 60_000);

  it('starts all the same when it may not create partitions: new views go to the default partition, and it says so', async () => {
    const db = await createTestDatabase();
    const owner = await openOrm(db.config);
    const role = `views_app_${Math.random().toString(36).slice(2, 8)}`;
    const name = new URL(db.config.url).pathname.slice(1);
    try {
      await owner.migrator.up();
      await seedDemo(owner.em, { withUsers: false, bcryptRounds: 4 });
      // A month the start-up must create, and a role that may read and write rows but not create tables.
      const ahead = new Date();
      const m = new Date(Date.UTC(ahead.getUTCFullYear(), ahead.getUTCMonth() + 3, 1));
      await owner.em.fork().execute(`drop table blog_views_${m.getUTCFullYear()}_${String(m.getUTCMonth() + 1).padStart(2, '0')}`);
      for (const sql of [
        `create role ${role} login password 'pw'`,
        `grant connect on database "${name}" to ${role}`,
        `grant usage on schema public to ${role}`,
        `grant select, insert, update, delete on all tables in schema public to ${role}`,
        `grant usage, select on all sequences in schema public to ${role}`,
      ])
        await owner.em.fork().execute(sql);
      const url = new URL(db.config.url);
      url.username = role;
      url.password = 'pw';
      const lines: Record<string, unknown>[] = [];
      const sink = new Writable({
        write: (chunk: Buffer, _e, done) => {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      });
      const app = await bootstrap({ config: testConfig({ dialect: 'postgresql', url: url.toString() }), port: 0, logger: pino({ level: 'info' }, sink) });
      try {
        expect(lines.find((l) => l.level === 50)?.msg).toMatch(/^could not create the coming months' page-view partitions: new views go to the default partition until npm run db:maintain succeeds$/);
        const articles = await gqlAt<{ blogArticles: { nodes: { id: string }[] } }>(app.url, `{ blogArticles(first: 1) { nodes { id } } }`);
        const recorded = await gqlAt(app.url, `mutation { recordPageView(input: { articleId: "${articles.data!.blogArticles.nodes[0]!.id}" }) { view { timestamp } } }`);
        expect(recorded.errors).toBeUndefined();
      } finally {
        await app.close();
      }
    } finally {
      await owner.em
        .fork()
        .execute(`drop owned by ${role}`)
        .catch(() => undefined);
      await owner.close();
      await db.drop();
      const admin = await openOrm({ dialect: 'postgresql', url: testPostgresUrl() });
      await admin.em
        .fork()
        .execute(`drop role if exists ${role}`)
        .finally(() => admin.close());
    }
  }, 60_000);

  describe('on a running service', () => {
    let t: TestApp;
    let editor: Record<string, string>;
    beforeAll(async () => ({ t, editor } = await startAsEditor()));
    afterAll(() => t?.close());

    it('has this month and the next three at start-up, and a new view lands in its month', async () => {
      const now = new Date();
      const names = await partitions(t.app.orm);
      for (let k = 0; k <= 3; k++) {
        const m = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + k, 1));
        expect(names).toContain(`blog_views_${m.getUTCFullYear()}_${String(m.getUTCMonth() + 1).padStart(2, '0')}`);
      }
      const recorded = await t.gql<{ recordPageView: { view: { timestamp: string } } }>(`mutation { recordPageView(input: { articleId: "${await articleId(t)}" }) { view { timestamp } } }`);
      expect(recorded.errors).toBeUndefined();
      expect(await partitionOf(t.app.orm, recorded.data!.recordPageView.view.timestamp)).toEqual([`blog_views_${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, '0')}`]);
    });

    it('npm run db:maintain gives months found in the default partition their own, moving the rows; twice is harmless', async () => {
      await addViews(t.app.orm, ['2035-07-04T12:00:00Z', '2035-07-31T23:00:00Z', '2036-02-29T00:00:00Z']);
      expect(await partitionOf(t.app.orm, '2035-07-04T12:00:00Z')).toEqual(['blog_views_default']);
      const total = (await rows(t.app.orm)).length;
      // The demo data's views were seeded after the migration, so their months sit in the default partition too.
      const inDefault = await t.app.orm.em
        .fork()
        .execute<{ month: string; n: number }[]>(`select to_char("timestamp" at time zone 'UTC', 'YYYY_MM') as month, count(*)::int as n from blog_views_default group by 1 order by 1`);
      expect(inDefault.map((r) => r.month)).toEqual(expect.arrayContaining(['2035_07', '2036_02']));
      const moved = inDefault.reduce((sum, r) => sum + r.n, 0);

      const run = await runEntry('src/cli/maintain', [], { DATABASE_URL: t.db.config.url, NODE_ENV: 'test' });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      for (const { month } of inDefault) expect(run.stdout).toContain(`created blog_views_${month}\n`);
      expect(run.stdout).toContain(`${inDefault.length} partition(s) created, ${moved} row(s) moved out of the default partition`);
      expect((await t.app.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from blog_views_default`))[0]!.n).toBe(0);
      expect(await partitionOf(t.app.orm, '2035-07-31T23:00:00Z')).toEqual(['blog_views_2035_07']);
      expect((await rows(t.app.orm)).length).toBe(total);

      const again = await runEntry('src/cli/maintain', [], { DATABASE_URL: t.db.config.url, NODE_ENV: 'test' });
      expect(again.stdout).toMatch(/0 partition\(s\) created, 0 row\(s\) moved/);
      // Months ahead of any "now".
      const count = (await partitions(t.app.orm)).length;
      expect(await maintainViewPartitions(t.app.orm.em, { now: new Date('2040-02-10T00:00:00Z'), monthsAhead: 1 })).toEqual({
        created: ['blog_views_2040_02', 'blog_views_2040_03'],
        moved: 0,
        partitions: count + 2,
      });
    });

    it('pageViewStats with a time filter reads only the months it needs (EXPLAIN of the statement it runs)', async () => {
      await addViews(t.app.orm, ['2019-03-10T00:00:00Z', '2019-03-20T00:00:00Z']);
      await maintainViewPartitions(t.app.orm.em, { splitDefault: true });
      const stats = async (filter: string) => {
        let res: GraphQLResponse<{ pageViewStats: { views: number }[] }> | undefined;
        const statements = await capturedStatements(t.app.orm, async () => {
          res = await t.gql<{ pageViewStats: { views: number }[] }>(`{ pageViewStats(groupBy: [MONTH], filter: ${filter}) { views } }`, {}, editor);
        });
        expect(res!.errors).toBeUndefined();
        const sql = statements.find((s) => s.includes('blog_views'))!;
        const plan = (await t.app.orm.em.fork().execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`)).map((r) => r['QUERY PLAN']).join('\n');
        return { views: res!.data!.pageViewStats.map((r) => r.views), scanned: [...new Set(plan.match(/blog_views_(\d{4}_\d{2}|default)/g))].sort() };
      };
      const march = await stats(`{ timestamp: { from: "2019-03-01T00:00:00Z", to: "2019-04-01T00:00:00Z" } }`);
      expect(march).toEqual({ views: [2], scanned: ['blog_views_2019_03'] });
      // A range reaching a month with no partition of its own reads the default partition too.
      const twoMonths = await stats(`{ timestamp: { from: "2035-07-01T00:00:00Z", to: "2035-09-01T00:00:00Z" } }`);
      expect(twoMonths).toEqual({ views: [2], scanned: ['blog_views_2035_07', 'blog_views_default'] });
      // Without a filter every partition is read: the pruning above is the filter's doing.
      const all = await stats(`{}`);
      expect(all.scanned).toEqual(expect.arrayContaining(['blog_views_2019_03', 'blog_views_2035_07', 'blog_views_default']));
    });
  });
});

async function articleId(t: TestApp): Promise<string> {
  const res = await t.gql<{ blogArticles: { nodes: { id: string }[] } }>(`{ blogArticles(first: 1) { nodes { id } } }`);
  return res.data!.blogArticles.nodes[0]!.id;
}
