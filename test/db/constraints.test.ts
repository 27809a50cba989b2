import { CheckConstraintViolationException, ForeignKeyConstraintViolationException, NotNullConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BlogArticleFactory,
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
import { BlogArticle } from '../../src/modules/blog/blog-article.entity.js';
import { BlogAuthor } from '../../src/modules/blog/blog-author.entity.js';
import { BlogSession } from '../../src/modules/blog/blog-session.entity.js';
import { BlogUser } from '../../src/modules/blog/blog-user.entity.js';
import { BlogView } from '../../src/modules/blog/blog-view.entity.js';
import { Language } from '../../src/modules/blog/language.entity.js';
import { Country } from '../../src/modules/catalog/country.entity.js';
import { Manufacturer } from '../../src/modules/catalog/manufacturer.entity.js';
import { ProductCountry } from '../../src/modules/catalog/product-country.entity.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { ProductReview } from '../../src/modules/reviews/product-review.entity.js';
import { Customer } from '../../src/modules/sales/customer.entity.js';
import { OrderItem } from '../../src/modules/sales/order-item.entity.js';
import { Order } from '../../src/modules/sales/order.entity.js';
import { Page } from '../../src/modules/wiki/page.entity.js';
import { User } from '../../src/modules/wiki/user.entity.js';
import { indexDefinition, openMigratedOrm, type TestOrm } from '../support/orm.js';
import { testDialect } from '../support/target.js';

/**
 * Every constraint of the model is enforced by the database itself: rows are written with
 * em.insert/nativeDelete, which bypass the ORM's unit of work, so only the schema can refuse them.
 */
describe('database constraints', () => {
  let t: TestOrm;
  let em: EntityManager;
  let f: ReturnType<typeof factories>;
  const factories = (e: EntityManager) => ({
    manufacturer: new ManufacturerFactory(e),
    country: new CountryFactory(e),
    product: new ProductFactory(e),
    customer: new CustomerFactory(e),
    order: new OrderFactory(e),
    item: new OrderItemFactory(e),
    review: new ProductReviewFactory(e),
    article: new BlogArticleFactory(e),
    language: new LanguageFactory(e),
    user: new UserFactory(e),
    page: new PageFactory(e),
  });
  const MISSING_UUID = '00000000-0000-4000-8000-000000000000';
  const NOW = new Date('2022-01-01T00:00:00Z');

  beforeAll(async () => {
    t = await openMigratedOrm();
    em = t.orm.em.fork();
    f = factories(em);
  });
  afterEach(() => em.clear());
  afterAll(() => t?.close());

  describe('unique names', () => {
    it.each([
      ['manufacturers', () => f.manufacturer.createOne(), (name: string) => em.insert(Manufacturer, { name })],
      ['countries', () => f.country.createOne(), (name: string) => em.insert(Country, { name })],
      ['customers', () => f.customer.createOne(), (name: string) => em.insert(Customer, { id: MISSING_UUID, name })],
      ['languages', () => f.language.createOne(), (name: string) => em.insert(Language, { name })],
      ['users', () => f.user.createOne(), (name: string) => em.insert(User, { name, passwordHash: 'x' })],
    ] as const)('%s.name', async (_table, make, insert) => {
      const existing = await make();
      await expect(insert(existing.name)).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    });

    it('products.name', async () => {
      const p = await f.product.createOne();
      await expect(em.insert(Product, { name: p.name, manufacturer: p.manufacturer.id, year: 1990 })).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    });

    it('pages.name', async () => {
      const page = await f.page.createOne();
      await expect(em.insert(Page, { name: page.name, data: 'x', creator: page.creator.id, createdAt: NOW, updatedAt: NOW })).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    });
  });

  describe('composite keys', () => {
    it('one order item per product and order', async () => {
      const item = await f.item.createOne();
      await expect(em.insert(OrderItem, { order: item.order.id, product: item.product.id, unitPrice: 1, quantity: 1 })).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    });

    it('one review per product and customer', async () => {
      const review = await f.review.createOne();
      await expect(em.insert(ProductReview, { product: review.product.id, customer: review.customer.id, rating: 3, timestamp: NOW })).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    });

    it('a country once per product', async () => {
      const country = await f.country.createOne();
      const product = await f.product.createOne({ countries: [country] });
      await expect(em.insert(ProductCountry, { product: product.id, country: country.id })).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    });
  });

  describe('order idempotency keys', () => {
    it('a key once across orders; any number of orders without one', async () => {
      const customer = await f.customer.createOne();
      const key = `1/${randomUUID()}`;
      const order = (idempotencyKey?: string) => em.insert(Order, { id: randomUUID(), timestamp: NOW, customer: customer.id, idempotencyKey });
      await order(key);
      await expect(order(key)).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      await order();
      await order();
      expect(await em.count(Order, { customer: customer.id, idempotencyKey: null })).toBe(2);
    });

    it('uq_orders_idempotency_key is partial: only orders with a key are in it', async () => {
      expect(await indexDefinition(em, testDialect(), 'uq_orders_idempotency_key')).toMatch(/^create unique index .* where\W+idempotency_key\W* is not null\W*$/i);
    });
  });

  describe('checks', () => {
    it.each([0, 6, -1])('rejects review rating %i', async (rating) => {
      const product = await f.product.createOne();
      const customer = await f.customer.createOne();
      await expect(em.insert(ProductReview, { product: product.id, customer: customer.id, rating, timestamp: NOW })).rejects.toBeInstanceOf(CheckConstraintViolationException);
    });

    it('accepts ratings 1 and 5', async () => {
      const product = await f.product.createOne();
      const [a, b] = await f.customer.create(2);
      await em.insert(ProductReview, { product: product.id, customer: a!.id, rating: 1, timestamp: NOW });
      await em.insert(ProductReview, { product: product.id, customer: b!.id, rating: 5, timestamp: NOW });
      expect(await em.count(ProductReview, { product })).toBe(2);
    });

    it.each([0, -2])('rejects order item quantity %i', async (quantity) => {
      const order = await f.order.createOne();
      const product = await f.product.createOne();
      await expect(em.insert(OrderItem, { order: order.id, product: product.id, unitPrice: 1, quantity })).rejects.toBeInstanceOf(CheckConstraintViolationException);
    });

    it('rejects a negative unit price and a negative product price', async () => {
      const order = await f.order.createOne();
      const product = await f.product.createOne();
      await expect(em.insert(OrderItem, { order: order.id, product: product.id, unitPrice: -0.01, quantity: 1 })).rejects.toBeInstanceOf(CheckConstraintViolationException);
      await expect(em.nativeUpdate(Product, { id: product.id }, { price: -1 })).rejects.toBeInstanceOf(CheckConstraintViolationException);
    });

    it('rejects an unknown wiki role', async () => {
      await expect(em.insert(User, { name: 'mallory', passwordHash: 'x', role: 'root' as never })).rejects.toBeInstanceOf(CheckConstraintViolationException);
    });

    // SQLite does not enforce declared lengths; the API validates them there.
    it.runIf(testDialect() === 'postgresql')('enforces name lengths (PostgreSQL varchar)', async () => {
      await expect(em.insert(Manufacturer, { name: 'M'.repeat(65) })).rejects.toThrow(/too long/);
      await expect(em.insert(Country, { name: 'C'.repeat(33) })).rejects.toThrow(/too long/);
    });
  });

  describe('required columns', () => {
    /** A valid row for each table, so that nulling one column is the only fault. */
    const validRows: Record<string, () => Promise<[EntityClass<object>, Record<string, unknown>]>> = {
      manufacturers: async () => [Manufacturer, { name: `Valid maker ${randomUUID().slice(0, 8)}` }],
      countries: async () => [Country, { name: `Valid country ${randomUUID().slice(0, 8)}` }],
      products: async () => [Product, { name: `Valid product ${randomUUID().slice(0, 8)}`, manufacturer: (await f.manufacturer.createOne()).id, year: 1985 }],
      customers: async () => [Customer, { id: randomUUID(), name: `Valid customer ${randomUUID().slice(0, 8)}` }],
      orders: async () => [Order, { id: randomUUID(), customer: (await f.customer.createOne()).id, timestamp: NOW }],
      orders_items: async () => [OrderItem, { order: (await f.order.createOne()).id, product: (await f.product.createOne()).id, unitPrice: 1, quantity: 1 }],
      products_reviews: async () => [ProductReview, { product: (await f.product.createOne()).id, customer: (await f.customer.createOne()).id, rating: 3, timestamp: NOW }],
      blog_authors: async () => [BlogAuthor, { name: `Valid author ${randomUUID().slice(0, 8)}` }],
      languages: async () => [Language, { name: `Valid language ${randomUUID().slice(0, 8)}` }],
      blog_articles: async () => [BlogArticle, { title: `Valid article ${randomUUID().slice(0, 8)}`, author: (await f.article.createOne()).author.id, timestamp: NOW }],
      blog_sessions: async () => {
        const user = em.create(BlogUser, {});
        await em.flush();
        return [BlogSession, { id: randomUUID(), user: user.id }];
      },
      blog_views: async () => {
        const article = await f.article.createOne();
        const session = em.create(BlogSession, { user: em.create(BlogUser, {}) });
        await em.flush();
        return [BlogView, { article: article.id, session: session.id, timestamp: NOW }];
      },
      users: async () => [User, { name: `valid-user ${randomUUID().slice(0, 8)}`, passwordHash: 'x', role: 'basic' }],
      pages: async () => [Page, { name: `ValidPage ${randomUUID().slice(0, 8)}`, data: 'x', creator: (await f.user.createOne()).id, createdAt: NOW, updatedAt: NOW }],
    };

    it.each([
      ['manufacturers', 'name'],
      ['countries', 'name'],
      ['products', 'name'],
      ['products', 'manufacturer'],
      ['products', 'year'],
      ['customers', 'name'],
      ['orders', 'customer'],
      ['orders', 'timestamp'],
      ['orders_items', 'unitPrice'],
      ['orders_items', 'quantity'],
      ['products_reviews', 'rating'],
      ['products_reviews', 'timestamp'],
      ['blog_authors', 'name'],
      ['languages', 'name'],
      ['blog_articles', 'title'],
      ['blog_articles', 'author'],
      ['blog_articles', 'timestamp'],
      ['blog_sessions', 'user'],
      ['blog_views', 'article'],
      ['blog_views', 'session'],
      ['blog_views', 'timestamp'],
      ['users', 'name'],
      ['users', 'passwordHash'],
      ['users', 'role'],
      ['pages', 'name'],
      ['pages', 'data'],
      ['pages', 'creator'],
      ['pages', 'createdAt'],
      ['pages', 'updatedAt'],
    ])('%s.%s is NOT NULL', async (table, prop) => {
      const [entity, row] = await validRows[table]!();
      await expect(em.insert(entity, { ...row, [prop]: null })).rejects.toBeInstanceOf(NotNullConstraintViolationException);
      // The same row without the null goes in: the column really was the only fault.
      await em.insert(entity, row);
    });
  });

  describe('foreign keys', () => {
    it.each([
      ['products.manufacturer_id', () => em.insert(Product, { name: 'Orphan', manufacturer: 999_999, year: 1984 })],
      ['orders.customer_id', () => em.insert(Order, { id: MISSING_UUID, customer: MISSING_UUID, timestamp: new Date() })],
      [
        'orders_items.product_id',
        async () => {
          const order = await f.order.createOne();
          return em.insert(OrderItem, { order: order.id, product: 999_999, unitPrice: 1, quantity: 1 });
        },
      ],
      [
        'orders_items.order_id',
        async () => {
          const product = await f.product.createOne();
          return em.insert(OrderItem, { order: MISSING_UUID, product: product.id, unitPrice: 1, quantity: 1 });
        },
      ],
      [
        'products_reviews.customer_id',
        async () => {
          const product = await f.product.createOne();
          return em.insert(ProductReview, { product: product.id, customer: MISSING_UUID, rating: 3, timestamp: NOW });
        },
      ],
      [
        'products_countries.country_id',
        async () => {
          const product = await f.product.createOne();
          return em.insert(ProductCountry, { product: product.id, country: 999_999 });
        },
      ],
      ['blog_articles.author_id', () => em.insert(BlogArticle, { title: 'Ghost', author: 999_999, timestamp: NOW })],
      [
        'blog_articles.language_id',
        async () => {
          const article = await f.article.createOne();
          return em.nativeUpdate(BlogArticle, { id: article.id }, { language: 999_999 });
        },
      ],
      ['blog_sessions.user_id', () => em.insert(BlogSession, { id: MISSING_UUID, user: MISSING_UUID })],
      [
        'blog_views.session_id',
        async () => {
          const article = await f.article.createOne();
          return em.insert(BlogView, { article: article.id, session: MISSING_UUID, timestamp: NOW });
        },
      ],
      ['pages.creator_id', () => em.insert(Page, { name: 'Nobody', data: 'x', creator: 999_999, createdAt: NOW, updatedAt: NOW })],
      [
        'pages.parent_id',
        async () => {
          const page = await f.page.createOne();
          return em.nativeUpdate(Page, { id: page.id }, { parent: 999_999 });
        },
      ],
      [
        'products_countries.product_id',
        async () => {
          const country = await f.country.createOne();
          return em.insert(ProductCountry, { product: 999_999, country: country.id });
        },
      ],
      [
        'products_reviews.product_id',
        async () => {
          const customer = await f.customer.createOne();
          return em.insert(ProductReview, { product: 999_999, customer: customer.id, rating: 3, timestamp: NOW });
        },
      ],
      [
        'blog_articles.product_id',
        async () => {
          const article = await f.article.createOne();
          return em.nativeUpdate(BlogArticle, { id: article.id }, { product: 999_999 });
        },
      ],
      [
        'blog_articles.translation_of_id',
        async () => {
          const article = await f.article.createOne();
          return em.nativeUpdate(BlogArticle, { id: article.id }, { translationOf: 999_999 });
        },
      ],
      ['blog_users.customer_id', () => em.insert(BlogUser, { id: MISSING_UUID, customer: MISSING_UUID })],
      [
        'blog_views.article_id',
        async () => {
          const session = em.create(BlogSession, { user: em.create(BlogUser, {}) });
          await em.flush();
          return em.insert(BlogView, { article: 999_999, session: session.id, timestamp: NOW });
        },
      ],
    ] as [string, () => Promise<unknown>][])('rejects a dangling %s', async (_column, write) => {
      await expect(write()).rejects.toBeInstanceOf(ForeignKeyConstraintViolationException);
    });
  });

  describe('delete rules', () => {
    it('deleting a manufacturer deletes its products and their country links (the book cascade)', async () => {
      const maker = await f.manufacturer.createOne();
      const country = await f.country.createOne();
      const [p1, p2] = await f.product.create(2, { manufacturer: maker, countries: [country] });
      await em.nativeDelete(Manufacturer, { id: maker.id });
      expect(await em.count(Product, { id: { $in: [p1!.id, p2!.id] } })).toBe(0);
      expect(await em.count(ProductCountry, { country })).toBe(0);
      expect(await em.count(Country, { id: country.id })).toBe(1);
    });

    it('a product that was sold cannot be deleted: order history stays whole', async () => {
      const item = await f.item.createOne();
      await expect(em.nativeDelete(Product, { id: item.product.id })).rejects.toBeInstanceOf(ForeignKeyConstraintViolationException);
    });

    it('a customer with orders cannot be deleted', async () => {
      const order = await f.order.createOne();
      await expect(em.nativeDelete(Customer, { id: order.customer.id })).rejects.toBeInstanceOf(ForeignKeyConstraintViolationException);
    });

    it('deleting an order deletes its items', async () => {
      const item = await f.item.createOne();
      await em.nativeDelete(Order, { id: item.order.id });
      expect(await em.count(OrderItem, { order: item.order.id })).toBe(0);
    });

    it('deleting a product deletes its reviews and unlinks its articles', async () => {
      const review = await f.review.createOne();
      const article = await f.article.createOne({ product: review.product });
      await em.nativeDelete(Product, { id: review.product.id });
      expect(await em.count(ProductReview, { product: review.product.id })).toBe(0);
      const reloaded = await em.fork().findOneOrFail(BlogArticle, article.id);
      expect(reloaded.product).toBeNull();
    });

    it('deleting an original article keeps its translations, unlinked', async () => {
      const original = await f.article.createOne();
      const translation = await f.article.createOne({ translationOf: original, author: original.author });
      await em.nativeDelete(BlogArticle, { id: original.id });
      const reloaded = await em.fork().findOneOrFail(BlogArticle, translation.id);
      expect(reloaded.translationOf).toBeNull();
    });

    it('deleting a blog user deletes its sessions and their views; a customer deletion unlinks the blog user', async () => {
      const customer = await f.customer.createOne();
      const article = await f.article.createOne();
      const user = em.create(BlogUser, { customer });
      const session = em.create(BlogSession, { user });
      em.create(BlogView, { article, session });
      await em.flush();
      await em.nativeDelete(Customer, { id: customer.id });
      expect((await em.fork().findOneOrFail(BlogUser, user.id)).customer).toBeNull();
      await em.nativeDelete(BlogUser, { id: user.id });
      expect(await em.count(BlogSession, { id: session.id })).toBe(0);
      expect(await em.count(BlogView, { session: session.id })).toBe(0);
    });

    it('deleting a page keeps its children as top-level pages; a user with pages cannot be deleted', async () => {
      const parent = await f.page.createOne();
      const child = await f.page.createOne({ parent, creator: parent.creator });
      await expect(em.nativeDelete(User, { id: parent.creator.id })).rejects.toBeInstanceOf(ForeignKeyConstraintViolationException);
      await em.nativeDelete(Page, { id: parent.id });
      expect((await em.fork().findOneOrFail(Page, child.id)).parent).toBeNull();
    });
  });
});
