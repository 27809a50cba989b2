import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Follow } from '../../src/modules/wiki/follow.entity.js';
import { User } from '../../src/modules/wiki/user.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

const FOLLOW = `mutation($id: ID!) { followUser(input: { userId: $id }) { following user { name } } }`;
const UNFOLLOW = `mutation($id: ID!) { unfollowUser(input: { userId: $id }) { following } }`;

/** Wiki users following each other: the self-referential many-to-many of the notes. */
describe('followers', () => {
  let t: TestApp;
  const tokens = new Map<Who, Record<string, string>>();
  const as = (who: Who) => headersFor(t, who, tokens);
  const idOf = async (name: string) => (await t.app.orm.em.fork().findOneOrFail(User, { name })).nodeId;

  beforeAll(async () => {
    t = await startTestApp();
    for (const who of ['basic', 'editor', 'admin'] as const) await as(who);
  });
  afterAll(() => t?.close());

  it('follows once however often asked, and never oneself', async () => {
    const basic = await as('basic');
    const editorId = await idOf('editor');
    for (let i = 0; i < 2; i++) {
      const res = await t.gql(FOLLOW, { id: editorId }, basic);
      expect(res.data).toEqual({ followUser: { following: true, user: { name: 'editor' } } });
    }
    expect(await t.app.orm.em.fork().count(Follow, {})).toBe(1);
    const self = await t.gql(FOLLOW, { id: await idOf('basic') }, basic);
    expect(self.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.userId' });
  });

  it('lists followers and following per user, batched: one statement per connection for all users', async () => {
    await t.gql(FOLLOW, { id: await idOf('editor') }, await as('admin'));
    await t.gql(FOLLOW, { id: await idOf('basic') }, await as('admin'));
    const query = `{ pages(first: 10) { nodes { creator { name followers(first: 5) { totalCount nodes { name } } following(first: 5) { nodes { name } } } } } }`;
    const res = await t.gql<{ pages: { nodes: { creator: { name: string; followers: { totalCount: number; nodes: { name: string }[] }; following: { nodes: unknown[] } } }[] } }>(
      query,
      {},
      { ...(await as('editor')), 'x-loading-strategy': 'batched' },
    );
    expect(res.errors).toBeUndefined();
    const editor = res.data!.pages.nodes.find((n) => n.creator.name === 'editor')!.creator;
    expect(editor.followers).toEqual({ totalCount: 2, nodes: [{ name: 'admin' }, { name: 'basic' }] });
    expect(editor.following.nodes).toEqual([]);
    // Pages, creators, followers, their count, following — whatever the number of pages. (The role
    // check finds the signed-in editor among the creators already loaded.)
    expect(res.extensions!.sql).toEqual({ statements: 5, strategy: 'batched' });
  });

  it('feeds me the newest pages by the users I follow, and nobody else reads my feed', async () => {
    const basic = await as('basic');
    await t.gql(`mutation { createPage(input: { name: "FollowedNews", data: "Fresh from the editor." }) { page { id } } }`, {}, await as('editor'));
    await t.gql(`mutation { createPage(input: { name: "UnfollowedNews", data: "From someone basic does not follow." }) { page { id } } }`, {}, await as('admin'));
    const feed = await t.gql<{ me: { feed: { nodes: { name: string; creator: { name: string } }[] } } }>(`{ me { feed(first: 5) { nodes { name creator { name } } } } }`, {}, basic);
    expect(feed.errors).toBeUndefined();
    expect(feed.data!.me.feed.nodes[0]).toEqual({ name: 'FollowedNews', creator: { name: 'editor' } });
    expect(feed.data!.me.feed.nodes.every((p) => p.creator.name === 'editor')).toBe(true);
    const others = await t.gql(`{ page(name: "FollowedNews") { creator { feed(first: 1) { totalCount } } } }`, {}, basic);
    expect(others.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('unfollows idempotently, and a deleted account leaves no follow behind', async () => {
    const basic = await as('basic');
    const editorId = await idOf('editor');
    for (let i = 0; i < 2; i++) expect((await t.gql(UNFOLLOW, { id: editorId }, basic)).data).toEqual({ unfollowUser: { following: false } });
    const em = t.app.orm.em.fork();
    const leaver = em.create(User, { name: 'leaver', passwordHash: 'x' });
    await em.flush();
    em.create(Follow, { follower: leaver, followed: await em.findOneOrFail(User, { name: 'editor' }) });
    await em.flush();
    await t.gql(`mutation($id: ID!) { deleteUser(input: { userId: $id }) { deletedId } }`, { id: leaver.nodeId }, await as('admin'));
    expect(await t.app.orm.em.fork().count(Follow, { follower: leaver.id })).toBe(0);
  });

  it('hides follower lists from anonymous readers, keeping the rest of the answer', async () => {
    const res = await t.gql(`{ page(name: "FrontPage") { creator { name followers(first: 1) { totalCount } } } }`);
    expect(res.data).toEqual({ page: { creator: { name: 'editor', followers: null } } });
    expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
