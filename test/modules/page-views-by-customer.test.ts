import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlogView } from '../../src/modules/blog/blog-view.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

/** pageViewStats by CUSTOMER: who reads the blog, checked against the views themselves. */
describe('pageViewStats(groupBy: [CUSTOMER])', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('counts the views of each customer, anonymous readers in one null group, in one GROUP BY plus one batched load', async () => {
    const views = await t.app.orm.em.fork().find(BlogView, {}, { populate: ['session.user.customer'] });
    const expected = new Map<string | null, number>();
    for (const v of views) {
      const name = v.session.user.customer?.name ?? null;
      expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    const editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
    const res = await t.gql<{ pageViewStats: { key: { customer: { name: string } | null }; views: number }[] }>(`{ pageViewStats(groupBy: [CUSTOMER]) { key { customer { id name } } views } }`, {}, editor);
    expect(res.errors).toBeUndefined();
    const got = new Map(res.data!.pageViewStats.map((r) => [r.key.customer?.name ?? null, r.views]));
    expect(got).toEqual(expected);
    // The role check, the GROUP BY, the customers in one batch.
    expect(res.extensions!.sql).toMatchObject({ statements: 3 });
  });
});
