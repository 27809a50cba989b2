import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsEditor } from '../support/auth.js';
import type { TestApp } from '../support/app.js';
import { capturedStatements } from '../support/statements.js';
import { testDialect } from '../support/target.js';

// A nested connection read in its parents' statement numbered every child row of every parent
// (ROW_NUMBER() OVER (PARTITION BY …)) to keep first + 1 of each: 100 articles × 100 page views
// took 6.5–7.5 s on PostgreSQL and 11–18 s on SQLite at scale 10. Each parent's page is now
// ORDER BY … LIMIT, read from ix_blog_views_article_id_timestamp_id (docs/benchmarks/cost-model-2026-12-07.md).
describe("a nested connection in its parents' statement reads first + 1 rows per parent by index", () => {
  const pg = testDialect() === 'postgresql';
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    ({ t, editor } = await startAsEditor({ loadingStrategy: 'eager' }));
    // Many views for every article, spread over a year (several monthly partitions on
    // PostgreSQL; SQLite keeps milliseconds since the epoch), then statistics as a live database has them.
    const em = t.app.orm.em.fork();
    const session = (await em.execute<{ id: string }[]>('select id from blog_sessions order by id limit 1'))[0]!.id;
    await em.execute(
      pg
        ? `insert into blog_views (article_id, session_id, "timestamp") select a.id, '${session}', timestamptz '2026-01-01 00:00:00+00' + i * interval '17 minutes' from blog_articles a, generate_series(1, 1500) i`
        : `with recursive n(i) as (select 1 union all select i + 1 from n where i < 1500) insert into blog_views (article_id, session_id, "timestamp") select a.id, '${session}', 1767225600000 + i * 17 * 60000 from blog_articles a, n`,
    );
    await em.execute('analyze');
  });
  afterAll(() => t?.close());

  const query = `{ blogArticles(first: 3) { nodes { databaseId views(first: 5) { nodes { databaseId timestamp session { id } } } } } }`;

  it('pages with ORDER BY … LIMIT, no window over all the children, through the index', async () => {
    const statements = await capturedStatements(t.app.orm, async () => {
      const res = await t.gql(query, {}, editor);
      expect(res.errors).toBeUndefined();
    });
    const sql = statements.find((s) => s.includes('blog_views'));
    expect(sql).toBeDefined();
    expect(sql).not.toMatch(/row_number\(\)/i);
    const plan = pg
      ? (await t.app.orm.em.fork().execute<{ 'QUERY PLAN': string }[]>(`explain ${sql!}`)).map((r) => r['QUERY PLAN']).join('\n')
      : (await t.app.orm.em.fork().execute<{ detail: string }[]>(`explain query plan ${sql!}`)).map((r) => r.detail).join('\n');
    if (!pg) expect(plan).toMatch(/article_id_timestamp_id/);
    else {
      // Each partition's copy of an index in page order: the article's (<partition>_article_id_timestamp_id_idx),
      // or, where the planner judges every article's views dense, the deep pages' (timestamp DESC, id) one,
      // filtered by article. Either way the rows come in order under the LIMIT: no Sort over a parent's children.
      expect(plan).toMatch(/Index (Only )?Scan using \S*timestamp_id\S* on blog_views/);
      const lines = plan.split('\n');
      const sortKeys = lines.flatMap((line, i) => (/(^|->)\s*Sort\s+\(/.test(line.trim()) ? [lines[i + 1] ?? ''] : []));
      expect(sortKeys.filter((key) => !/Sort Key: e\./.test(key))).toEqual([]);
    }
  });

  it('one level further down (its own statement, for every article of the languages), the same', async () => {
    type Answer = { languages: { nodes: { articles: { nodes: { databaseId: number; views: { nodes: { databaseId: number }[] } }[] } }[] } };
    let answer: Awaited<ReturnType<typeof t.gql<Answer>>> | undefined;
    const statements = await capturedStatements(t.app.orm, async () => {
      answer = await t.gql<Answer>(`{ languages(first: 3) { nodes { articles(first: 3) { nodes { databaseId views(first: 4) { nodes { databaseId } } } } } } }`, {}, editor);
    });
    expect(answer!.errors).toBeUndefined();
    const sql = statements.find((s) => s.includes('blog_views'));
    expect(sql).toBeDefined();
    expect(sql).not.toMatch(/row_number\(\)/i);
    const articles = answer!.data!.languages.nodes.flatMap((l) => l.articles.nodes);
    expect(articles.length).toBeGreaterThan(1);
    for (const article of articles) {
      const rows = await t.app.orm.em.fork().execute<{ id: number }[]>(`select id from blog_views where article_id = ${article.databaseId} order by "timestamp" desc, id asc limit 4`);
      expect(article.views.nodes.map((v) => v.databaseId)).toEqual(rows.map((r) => Number(r.id)));
    }
  });

  it('answers the same pages, newest first, as one article at a time', async () => {
    const all = await t.gql<{ blogArticles: { nodes: { databaseId: number; views: { nodes: { databaseId: number; timestamp: string }[] } }[] } }>(query, {}, editor);
    expect(all.errors).toBeUndefined();
    const articles = all.data!.blogArticles.nodes;
    expect(articles).toHaveLength(3);
    for (const article of articles) {
      const rows = await t.app.orm.em.fork().execute<{ id: number }[]>(`select id from blog_views where article_id = ${article.databaseId} order by "timestamp" desc, id asc limit 5`);
      expect(article.views.nodes.map((v) => v.databaseId)).toEqual(rows.map((r) => Number(r.id)));
    }
  });
});
