import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlogView } from '../../src/modules/blog/blog-view.entity.js';
import { Customer } from '../../src/modules/sales/customer.entity.js';
import type { TestApp } from '../support/app.js';
import { startAsEditor } from '../support/auth.js';

const STATEMENTS = 9;
const Q = `query($id: ID!) { customer(id: $id) { name blogUsers(first: 5) { totalCount nodes { id sessions(first: 5) { totalCount nodes { id views(first: 10) { totalCount nodes { id article { id title } } } } } } } } }`;
type R = { customer: { blogUsers: { totalCount: number; nodes: { sessions: { totalCount: number; nodes: { views: { totalCount: number; nodes: { article: { title: string } }[] } }[] } }[] } } };

/** The book's navigation from a customer to the pages they read: customer → blog users → sessions → views. */
describe('reading history navigation', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => ({ t, editor } = await startAsEditor()));
  afterAll(() => t?.close());

  it.each(['batched', 'eager', 'lazy'])('leads from Marie Petit to the articles she read (%s), as the database has them', async (strategy) => {
    const em = t.app.orm.em.fork();
    const marie = await em.findOneOrFail(Customer, { name: 'Marie Petit' });
    const views = await em.find(BlogView, { session: { user: { customer: marie } } }, { populate: ['article'] });
    const res = await t.gql<R>(Q, { id: marie.nodeId }, { ...editor, 'x-loading-strategy': strategy });
    expect(res.errors).toBeUndefined();
    const users = res.data!.customer.blogUsers;
    expect(users.totalCount).toBe(1);
    const sessions = users.nodes[0]!.sessions;
    expect(sessions.totalCount).toBe(2);
    const titles = sessions.nodes.flatMap((s) => s.views.nodes.map((v) => v.article.title)).sort();
    expect(titles).toEqual(views.map((v) => v.article.title).sort());
    if (strategy === 'batched') {
      // The customer, the role check, a page and a count per level (readers, sessions, views), the articles: however many readers and sessions.
      expect(res.extensions!.sql).toEqual({ statements: STATEMENTS, strategy: 'batched' });
    }
  });

  it('is for editors: an anonymous reader sees nulls with errors where the history would be', async () => {
    const res = await t.gql<{ recordPageView: { view: { session: { views: unknown; user: { sessions: unknown } } } } }>(
      `mutation { recordPageView(input: { articleId: "QmxvZ0FydGljbGU6MQ" }) { view { session { views(first: 1) { totalCount } user { sessions(first: 1) { totalCount } } } } } }`,
    );
    expect(res.data!.recordPageView.view.session).toEqual({ views: null, user: { sessions: null } });
    expect(res.errors!.map((e) => [e.path!.slice(-1)[0], e.extensions!.code]).sort()).toEqual([
      ['sessions', 'UNAUTHENTICATED'],
      ['views', 'UNAUTHENTICATED'],
    ]);
  });
});
