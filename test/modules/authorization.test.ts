import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BlogArticleFactory,
  BlogAuthorFactory,
  CountryFactory,
  CustomerFactory,
  LanguageFactory,
  ManufacturerFactory,
  OrderFactory,
  PageFactory,
  ProductFactory,
  ProductReviewFactory,
  UserFactory,
} from '../../seeders/factories.js';
import { User } from '../../src/modules/wiki/user.entity.js';
import { Engineer } from '../../src/modules/staff/engineer.entity.js';
import { Manager } from '../../src/modules/staff/manager.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

type Level = 'public' | 'signedIn' | 'basic' | 'editor' | 'admin';
type Built = { query: string; variables: Record<string, unknown> };

const WHO: Who[] = ['anonymous', 'basic', 'editor', 'admin'];
const RANK: Record<Who, number> = { anonymous: 0, basic: 1, editor: 2, admin: 3 };
const NEEDED: Record<Level, number> = { public: 0, signedIn: 1, basic: 1, editor: 2, admin: 3 };

/**
 * The authorization matrix: every mutation, as anonymous, basic, editor and admin. Below the
 * required role the answer is UNAUTHENTICATED (anonymous) or FORBIDDEN; at or above it, success.
 */
describe('authorization of every mutation', () => {
  let t: TestApp;
  const tokens = new Map<Who, Record<string, string>>();
  let n = 0;
  const uniq = (prefix: string) => `${prefix} ${++n}`;
  const em = () => t.app.orm.em.fork();
  const f = () => {
    const e = em();
    return {
      e,
      manufacturer: new ManufacturerFactory(e),
      country: new CountryFactory(e),
      product: new ProductFactory(e),
      customer: new CustomerFactory(e),
      order: new OrderFactory(e),
      review: new ProductReviewFactory(e),
      author: new BlogAuthorFactory(e),
      language: new LanguageFactory(e),
      article: new BlogArticleFactory(e),
      user: new UserFactory(e),
      page: new PageFactory(e),
    };
  };
  /** A fresh employee of the kind, written directly (the mutations under test are not the way in). */
  const staff = async (kind: 'Engineer' | 'Manager'): Promise<string> => {
    const e = em();
    const row =
      kind === 'Engineer'
        ? e.create(Engineer, { name: uniq('Staff'), hiredOn: '2020-01-01', specialty: 'Sound chips' })
        : e.create(Manager, { name: uniq('Staff'), hiredOn: '2020-01-01', department: 'Sales' });
    await e.flush();
    return row.nodeId;
  };
  const input =
    (type: string, fields: string): ((vars: Record<string, unknown>) => Built) =>
    (variables) => ({
      query: `mutation($input: ${type}!) { ${fields} }`,
      variables: { input: variables },
    });

  const mutations: [string, Level, (who: Who) => Promise<Built>][] = [
    [
      'followUser',
      'signedIn',
      async () => {
        const u = await f().user.createOne();
        return input('FollowUserInput', 'followUser(input: $input) { following }')({ userId: u.nodeId });
      },
    ],
    [
      'unfollowUser',
      'signedIn',
      async () => {
        const u = await f().user.createOne();
        return input('FollowUserInput', 'unfollowUser(input: $input) { user { id } }')({ userId: u.nodeId });
      },
    ],
    [
      'changePassword',
      'signedIn',
      async (who) => {
        const pw = who === 'admin' ? 'admin-password' : who;
        // The change revokes the cached token: the loop below caches the payload's new one.
        return input('ChangePasswordInput', 'changePassword(input: $input) { user { name } token }')({ oldPassword: pw, newPassword: `${pw}-changed` });
      },
    ],
    ['createUser', 'admin', async () => input('CreateUserInput', 'createUser(input: $input) { user { id } }')({ name: `user-${++n}`, password: 'long-enough', role: 'BASIC' })],
    [
      'setUserRole',
      'admin',
      async () => {
        const u = await f().user.createOne();
        return input('SetUserRoleInput', 'setUserRole(input: $input) { user { role } }')({ userId: u.nodeId, role: 'EDITOR' });
      },
    ],
    [
      'deleteUser',
      'admin',
      async () => {
        const u = await f().user.createOne();
        return input('DeleteUserInput', 'deleteUser(input: $input) { deletedId }')({ userId: u.nodeId });
      },
    ],
    ['createPage', 'basic', async () => input('CreatePageInput', 'createPage(input: $input) { page { id } }')({ name: uniq('Page'), data: 'x' })],
    [
      'updatePage',
      'editor',
      async () => {
        const p = await f().page.createOne();
        return input('UpdatePageInput', 'updatePage(input: $input) { page { id } }')({ pageId: p.nodeId, data: 'changed' });
      },
    ],
    [
      'deletePage',
      'editor',
      async () => {
        const p = await f().page.createOne();
        return input('DeletePageInput', 'deletePage(input: $input) { deletedId }')({ pageId: p.nodeId });
      },
    ],
    [
      'movePage',
      'editor',
      async () => {
        const p = await f().page.createOne();
        return input('MovePageInput', 'movePage(input: $input) { page { id } }')({ pageId: p.nodeId, parentId: null });
      },
    ],
    ['createManufacturer', 'editor', async () => input('CreateManufacturerInput', 'createManufacturer(input: $input) { manufacturer { id } }')({ name: uniq('Maker') })],
    [
      'updateManufacturer',
      'editor',
      async () => {
        const m = await f().manufacturer.createOne();
        return input('UpdateManufacturerInput', 'updateManufacturer(input: $input) { manufacturer { id } }')({ manufacturerId: m.nodeId, name: uniq('Maker') });
      },
    ],
    [
      'deleteManufacturer',
      'editor',
      async () => {
        const m = await f().manufacturer.createOne();
        return input('DeleteManufacturerInput', 'deleteManufacturer(input: $input) { deletedId }')({ manufacturerId: m.nodeId });
      },
    ],
    ['createCountry', 'editor', async () => input('CreateCountryInput', 'createCountry(input: $input) { country { id } }')({ name: uniq('Land') })],
    [
      'updateCountry',
      'editor',
      async () => {
        const c = await f().country.createOne();
        return input('UpdateCountryInput', 'updateCountry(input: $input) { country { id } }')({ countryId: c.nodeId, name: uniq('Land') });
      },
    ],
    [
      'deleteCountry',
      'editor',
      async () => {
        const c = await f().country.createOne();
        return input('DeleteCountryInput', 'deleteCountry(input: $input) { deletedId }')({ countryId: c.nodeId });
      },
    ],
    [
      'createProduct',
      'editor',
      async () => {
        const m = await f().manufacturer.createOne();
        return input('CreateProductInput', 'createProduct(input: $input) { product { id } }')({ name: uniq('Computer'), manufacturerId: m.nodeId, year: 1985, price: 99 });
      },
    ],
    [
      'updateProduct',
      'editor',
      async () => {
        const p = await f().product.createOne();
        return input('UpdateProductInput', 'updateProduct(input: $input) { product { id } }')({ productId: p.nodeId, year: 1990 });
      },
    ],
    [
      'duplicateProduct',
      'editor',
      async () => {
        const p = await f().product.createOne();
        return input('DuplicateProductInput', 'duplicateProduct(input: $input) { product { id } }')({ id: p.nodeId, name: uniq('Copy') });
      },
    ],
    [
      'deleteProduct',
      'editor',
      async () => {
        const p = await f().product.createOne();
        return input('DeleteProductInput', 'deleteProduct(input: $input) { deletedId }')({ productId: p.nodeId });
      },
    ],
    ['createCustomer', 'editor', async () => input('CreateCustomerInput', 'createCustomer(input: $input) { customer { id } }')({ name: uniq('Buyer') })],
    [
      'updateCustomer',
      'editor',
      async () => {
        const c = await f().customer.createOne();
        return input('UpdateCustomerInput', 'updateCustomer(input: $input) { customer { id } }')({ customerId: c.nodeId, phone: '123' });
      },
    ],
    [
      'deleteCustomer',
      'editor',
      async () => {
        const c = await f().customer.createOne();
        return input('DeleteCustomerInput', 'deleteCustomer(input: $input) { deletedId }')({ customerId: c.nodeId });
      },
    ],
    [
      'placeOrder',
      'editor',
      async () => {
        const { customer, product } = f();
        const [c, p] = [await customer.createOne(), await product.createOne()];
        return input('PlaceOrderInput', 'placeOrder(input: $input) { order { id } }')({ customerId: c.nodeId, items: [{ productId: p.nodeId, quantity: 1 }] });
      },
    ],
    [
      'updateOrderItems',
      'editor',
      async () => {
        const { order, product } = f();
        const [o, p] = [await order.createOne(), await product.createOne()];
        return input('UpdateOrderItemsInput', 'updateOrderItems(input: $input) { order { id } }')({ orderId: o.nodeId, items: [{ productId: p.nodeId, quantity: 2 }] });
      },
    ],
    [
      'deleteOrder',
      'editor',
      async () => {
        const o = await f().order.createOne();
        return input('DeleteOrderInput', 'deleteOrder(input: $input) { deletedId }')({ orderId: o.nodeId });
      },
    ],
    [
      'writeReview',
      'editor',
      async () => {
        const { customer, product } = f();
        const [c, p] = [await customer.createOne(), await product.createOne()];
        return input('WriteReviewInput', 'writeReview(input: $input) { review { id } }')({ productId: p.nodeId, customerId: c.nodeId, rating: 4 });
      },
    ],
    [
      'deleteReview',
      'editor',
      async () => {
        const r = await f().review.createOne();
        return input('DeleteReviewInput', 'deleteReview(input: $input) { deletedId }')({ productId: r.product.nodeId, customerId: r.customer.nodeId });
      },
    ],
    ['createBlogAuthor', 'editor', async () => input('CreateBlogAuthorInput', 'createBlogAuthor(input: $input) { author { id } }')({ name: uniq('Writer') })],
    ['createLanguage', 'editor', async () => input('CreateLanguageInput', 'createLanguage(input: $input) { language { id } }')({ name: uniq('Lang') })],
    [
      'createBlogArticle',
      'editor',
      async () => {
        const a = await f().author.createOne();
        return input('CreateBlogArticleInput', 'createBlogArticle(input: $input) { article { id } }')({ title: uniq('Title'), authorId: a.nodeId });
      },
    ],
    [
      'updateBlogArticle',
      'editor',
      async () => {
        const a = await f().article.createOne();
        return input('UpdateBlogArticleInput', 'updateBlogArticle(input: $input) { article { id } }')({ articleId: a.nodeId, title: uniq('Title') });
      },
    ],
    [
      'deleteBlogArticle',
      'editor',
      async () => {
        const a = await f().article.createOne();
        return input('DeleteBlogArticleInput', 'deleteBlogArticle(input: $input) { deletedId }')({ articleId: a.nodeId });
      },
    ],
    [
      'addTranslation',
      'editor',
      async () => {
        const { article, language } = f();
        const [a, l] = [await article.createOne(), await language.createOne()];
        return input('AddTranslationInput', 'addTranslation(input: $input) { article { id } }')({ translationOf: a.nodeId, languageId: l.nodeId, title: uniq('Titel') });
      },
    ],
    [
      'createEngineer',
      'editor',
      async () => input('CreateEngineerInput', 'createEngineer(input: $input) { engineer { id } }')({ name: uniq('Engineer'), hiredOn: '2024-05-01', specialty: 'Disk drives' }),
    ],
    [
      'updateEngineer',
      'editor',
      async () => {
        const e = await staff('Engineer');
        return input('UpdateEngineerInput', 'updateEngineer(input: $input) { engineer { id } }')({ employeeId: e, specialty: 'Keyboards' });
      },
    ],
    ['createManager', 'editor', async () => input('CreateManagerInput', 'createManager(input: $input) { manager { id } }')({ name: uniq('Manager'), hiredOn: '2024-05-01', department: 'Sales' })],
    [
      'updateManager',
      'editor',
      async () => {
        const m = await staff('Manager');
        return input('UpdateManagerInput', 'updateManager(input: $input) { manager { id } }')({ employeeId: m, department: 'Workshop' });
      },
    ],
    ['deleteEmployee', 'editor', async () => input('DeleteEmployeeInput', 'deleteEmployee(input: $input) { deletedId }')({ employeeId: await staff('Engineer') })],
    [
      'recordPageView',
      'public',
      async () => {
        const a = await f().article.createOne();
        return input('RecordPageViewInput', 'recordPageView(input: $input) { sessionId userId }')({ articleId: a.nodeId });
      },
    ],
  ];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('covers every mutation of the schema', async () => {
    const res = await t.gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>(`{ __schema { mutationType { fields { name } } } }`);
    const all = res.data!.__schema.mutationType.fields.map((m) => m.name).filter((m) => m !== 'login');
    expect(mutations.map(([name]) => name).sort()).toEqual(all.sort());
  });

  describe.each(mutations.map((m) => [m[0], m[1], m[2]] as const))('%s (%s)', (_name, level, build) => {
    it.each(WHO)('as %s', async (who) => {
      const { query, variables } = await build(who);
      const res = await t.gql<{ changePassword?: { token: string } }>(query, variables, await headersFor(t, who, tokens));
      if (res.data?.changePassword) tokens.set(who, { authorization: `Bearer ${res.data.changePassword.token}` });
      if (RANK[who] >= NEEDED[level]) {
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        expect(Object.values(res.data!)[0]).toBeTruthy();
      } else {
        // Mutation fields are nullable: a refused one answers null, with its error.
        expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
        expect(res.errors![0]!.extensions!.code).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
    });
  });

  it('lets a basic user change only the pages it created', async () => {
    const basic = await headersFor(t, 'basic', tokens);
    const created = await t.gql<{ createPage: { page: { id: string } } }>(
      `mutation($name: String!) { createPage(input: { name: $name, data: "mine" }) { page { id } } }`,
      { name: uniq('Mine') },
      basic,
    );
    const own = created.data!.createPage.page.id;
    const ok = await t.gql(`mutation($id: ID!) { updatePage(input: { pageId: $id, data: "still mine" }) { page { data } } }`, { id: own }, basic);
    expect(ok.data).toEqual({ updatePage: { page: { data: 'still mine' } } });
    const e = em();
    const other = await new PageFactory(e).createOne({ creator: await e.findOneOrFail(User, { name: 'editor' }) });
    const denied = await t.gql(`mutation($id: ID!) { deletePage(input: { pageId: $id }) { deletedId } }`, { id: other.nodeId }, basic);
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const gone = await t.gql(`mutation($id: ID!) { deletePage(input: { pageId: $id }) { deletedId } }`, { id: own }, basic);
    expect(gone.data).toEqual({ deletePage: { deletedId: own } });
  });
});
