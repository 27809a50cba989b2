import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BlogArticleFactory,
  BlogAuthorFactory,
  CountryFactory,
  CustomerFactory,
  LanguageFactory,
  ManufacturerFactory,
  OrderFactory,
  OrderItemFactory,
  PageFactory,
  ProductFactory,
  ProductReviewFactory,
  UserFactory,
} from '../../seeders/factories.js';
import { BlogSession } from '../../src/modules/blog/blog-session.entity.js';
import { BlogUser } from '../../src/modules/blog/blog-user.entity.js';
import { BlogView } from '../../src/modules/blog/blog-view.entity.js';
import { Engineer } from '../../src/modules/staff/engineer.entity.js';
import { Manager } from '../../src/modules/staff/manager.entity.js';
import { toGlobalId } from '../../src/graphql/node.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

type Level = 'public' | 'signedIn' | 'editor';
const WHO: Who[] = ['anonymous', 'basic', 'editor', 'admin'];
const RANK: Record<Who, number> = { anonymous: 0, basic: 1, editor: 2, admin: 3 };
const NEEDED: Record<Level, number> = { public: 0, signedIn: 1, editor: 2 };

/**
 * The read side of the authorization matrix: node(id:) and nodes(ids:) with the global id of an
 * object of every type, and of every interface an id may name (Employee:N for an engineer's or a
 * manager's key), as anonymous, basic, editor and admin. Below the type's level the answer is
 * null with UNAUTHENTICATED (anonymous) or FORBIDDEN and no field of the object; at or above it,
 * the object.
 */
describe('authorization of every lookup by global id', () => {
  let t: TestApp;
  const tokens = new Map<Who, Record<string, string>>();
  /** Per name an id may carry: who may read it, and the ids of objects behind it (a few for an interface). */
  const targets = new Map<string, { level: Level; ids: string[] }>();

  beforeAll(async () => {
    t = await startTestApp();
    const e = t.app.orm.em.fork();
    const manufacturer = await new ManufacturerFactory(e).createOne();
    const country = await new CountryFactory(e).createOne();
    const product = await new ProductFactory(e).createOne({ manufacturer });
    const customer = await new CustomerFactory(e).createOne();
    const order = await new OrderFactory(e).createOne({ customer });
    const item = await new OrderItemFactory(e).createOne({ order, product });
    const review = await new ProductReviewFactory(e).createOne({ product, customer });
    const author = await new BlogAuthorFactory(e).createOne();
    const language = await new LanguageFactory(e).createOne();
    const article = await new BlogArticleFactory(e).createOne({ author });
    const user = await new UserFactory(e).createOne();
    const page = await new PageFactory(e).createOne({ creator: user });
    const reader = e.create(BlogUser, { customer });
    const session = e.create(BlogSession, { user: reader });
    const view = e.create(BlogView, { article, session });
    const boss = e.create(Manager, { name: 'Ada Boss', hiredOn: '2019-03-01', department: 'Workshop', user });
    const engineer = e.create(Engineer, { name: 'Bob Solder', hiredOn: '2021-06-01', specialty: 'Sound chips', manager: boss });
    await e.flush();
    const put = (name: string, level: Level, ...ids: string[]) => targets.set(name, { level, ids });
    put('Manufacturer', 'public', manufacturer.nodeId);
    put('Country', 'public', country.nodeId);
    put('Product', 'public', product.nodeId);
    put('Customer', 'public', customer.nodeId);
    put('ProductReview', 'public', review.nodeId);
    put('BlogAuthor', 'public', author.nodeId);
    put('Language', 'public', language.nodeId);
    put('BlogArticle', 'public', article.nodeId);
    put('Page', 'public', page.nodeId);
    put('User', 'signedIn', user.nodeId);
    put('Engineer', 'signedIn', engineer.nodeId);
    put('Manager', 'signedIn', boss.nodeId);
    // The interface's name with each subtype's key: the same rule as the subtype's own name.
    put('Employee', 'signedIn', toGlobalId('Employee', engineer.id), toGlobalId('Employee', boss.id));
    put('Order', 'editor', order.nodeId);
    put('OrderItem', 'editor', item.nodeId);
    put('BlogUser', 'editor', reader.nodeId);
    put('BlogSession', 'editor', session.nodeId);
    put('BlogView', 'editor', view.nodeId);
  });
  afterAll(() => t?.close());

  it('covers every type implementing Node and every interface an id may name', async () => {
    const res = await t.gql<{ __schema: { types: { name: string; kind: string; interfaces: { name: string }[] | null }[] } }>(`{ __schema { types { name kind interfaces { name } } } }`);
    const types = res.data!.__schema.types;
    const nodes = types.filter((ty) => ty.interfaces?.some((i) => i.name === 'Node')).map((ty) => ty.name);
    expect(nodes).toContain('Employee');
    expect([...targets.keys()].sort()).toEqual(nodes.sort());
  });

  const fields = `__typename id ... on Employee { name hiredOn user { name } } ... on Manager { department } ... on Engineer { specialty manager { name } }`;

  describe.each(['node', 'nodes'] as const)('%s', (root) => {
    it.each(WHO)('as %s', async (who) => {
      const headers = await headersFor(t, who, tokens);
      for (const [name, { level, ids }] of targets) {
        for (const id of ids) {
          const res =
            root === 'node'
              ? await t.gql<{ node: { __typename: string } | null }>(`query($id: ID!) { node(id: $id) { ${fields} } }`, { id }, headers)
              : await t.gql<{ nodes: ({ __typename: string } | null)[] | null }>(`query($ids: [ID!]!) { nodes(ids: $ids) { ${fields} } }`, { ids: [id] }, headers);
          const found = root === 'node' ? (res.data as { node: unknown } | undefined)?.node : (res.data as { nodes: unknown[] | null } | undefined)?.nodes?.[0];
          const label = `${root}(${name}) as ${who}: ${JSON.stringify(res)}`;
          if (RANK[who] >= NEEDED[level]) {
            expect(res.errors, label).toBeUndefined();
            expect(found, label).toBeTruthy();
          } else {
            expect(found ?? null, label).toBeNull();
            expect(res.errors?.[0]?.extensions?.code, label).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
            // Nothing of the object leaks, not even its name.
            expect(JSON.stringify(res.data ?? null), label).not.toMatch(/Ada Boss|Bob Solder|Workshop|Sound chips/);
          }
        }
      }
    });
  });

  it('answers an Employee id with the concrete type, for signed-in users', async () => {
    const { ids } = targets.get('Employee')!;
    const res = await t.gql<{ nodes: { __typename: string; name: string }[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Employee { name } } }`,
      { ids },
      await headersFor(t, 'basic', tokens),
    );
    expect(res.data!.nodes).toEqual([
      { __typename: 'Engineer', name: 'Bob Solder' },
      { __typename: 'Manager', name: 'Ada Boss' },
    ]);
  });

  it('refuses the whole nodes(ids:) list when one id is beyond the caller, whichever name it carries', async () => {
    const page = targets.get('Page')!.ids[0]!;
    const employee = targets.get('Employee')!.ids[1]!;
    const res = await t.gql<{ nodes: unknown }>(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Manager { department } } }`, { ids: [page, employee] });
    expect(res.data?.nodes ?? null).toBeNull();
    expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
