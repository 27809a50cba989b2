import bcrypt from 'bcrypt';
import type { EntityManager } from '@mikro-orm/sql';
import { entities } from '../src/modules/entities.js';
import { Country } from '../src/modules/catalog/country.entity.js';
import { Manufacturer } from '../src/modules/catalog/manufacturer.entity.js';
import { Product } from '../src/modules/catalog/product.entity.js';
import { BlogArticle } from '../src/modules/blog/blog-article.entity.js';
import { BlogAuthor } from '../src/modules/blog/blog-author.entity.js';
import { BlogSession } from '../src/modules/blog/blog-session.entity.js';
import { BlogUser } from '../src/modules/blog/blog-user.entity.js';
import { BlogView } from '../src/modules/blog/blog-view.entity.js';
import { Language } from '../src/modules/blog/language.entity.js';
import { ProductReview } from '../src/modules/reviews/product-review.entity.js';
import { Customer } from '../src/modules/sales/customer.entity.js';
import { OrderItem } from '../src/modules/sales/order-item.entity.js';
import { Order } from '../src/modules/sales/order.entity.js';
import { Page } from '../src/modules/wiki/page.entity.js';
import { User } from '../src/modules/wiki/user.entity.js';
import { Follow } from '../src/modules/wiki/follow.entity.js';
import { Engineer } from '../src/modules/staff/engineer.entity.js';
import type { Employee } from '../src/modules/staff/employee.entity.js';
import * as data from './demo-data.js';
import { stableUuid } from './stable-uuid.js';
import { createManagers } from './staff.js';

export interface DemoSeedOptions {
  /** Create the wiki accounts `editor` and `basic` (passwords = names). Never in production. */
  withUsers: boolean;
  bcryptRounds: number;
}

export type SeedOutcome = { seeded: false; reason: string } | { seeded: true; rows: Record<string, number> };

/** True when any table of the domain holds a row: such a database is never seeded. */
export async function isDatabaseEmpty(em: EntityManager): Promise<boolean> {
  for (const entity of entities) {
    if ((await em.count(entity, {})) > 0) return false;
  }
  return true;
}

function byName<T extends { name: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.name, row]));
}

function must<T>(map: Map<string, T>, key: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data refers to unknown "${key}"`);
  return value;
}

/**
 * The Pyramid tutorial's development accounts (each password is the user's name), the wiki's
 * front page by `editor`, and `basic` following `editor`. For development, CI and demos: callers refuse this in production.
 */
export async function createDemoAccounts(tx: EntityManager, bcryptRounds: number): Promise<Map<string, User>> {
  const users = new Map<string, User>();
  for (const u of data.wikiUsers) {
    const passwordHash = await bcrypt.hash(u.name, bcryptRounds);
    users.set(u.name, tx.create(User, { name: u.name, role: u.role, passwordHash }));
  }
  const { timestamp, ...page } = data.frontPage;
  tx.create(Page, { ...page, createdAt: new Date(timestamp), updatedAt: new Date(timestamp), creator: must(users, 'editor') });
  // basic follows editor, so that me { feed } shows something from the start.
  tx.create(Follow, { follower: must(users, 'basic'), followed: must(users, 'editor'), createdAt: new Date(timestamp) });
  return users;
}

/** The demo staff: managers first (an employee reports to one created before), then engineers. */
async function createDemoStaff(tx: EntityManager, products: Map<string, Product>): Promise<Map<string, Employee>> {
  const staff = new Map<string, Employee>();
  const positions = new Map(data.managers.map((m, i) => [m.name, i]));
  const index = (name: string | null) => (name === null ? null : must(positions, name));
  const managers = await createManagers(
    tx,
    data.managers.map(({ name, hiredOn, department, manager }) => ({ name, hiredOn, department, boss: index(manager) })),
  );
  for (const m of managers) staff.set(m.name, m);
  const boss = (name: string | null) => (name === null ? null : must(staff, name));
  for (const { user: _user, manager, certifiedOn, ...e } of data.engineers) {
    staff.set(e.name, tx.create(Engineer, { ...e, manager: boss(manager), certifiedProducts: certifiedOn.map((p) => must(products, p)) }));
  }
  return staff;
}

/**
 * Loads the fixed demo dataset in one transaction, only into an empty database.
 * Keys are deterministic (uuids derived from names, integer keys in insertion order).
 */
export async function seedDemo(root: EntityManager, options: DemoSeedOptions): Promise<SeedOutcome> {
  const em = root.fork();
  return em.transactional(async (tx) => {
    if (!(await isDatabaseEmpty(tx))) return { seeded: false, reason: 'the database already holds data' };
    const countries = byName(data.countries.map((name) => tx.create(Country, { name })));
    const manufacturers = byName(data.manufacturers.map((name) => tx.create(Manufacturer, { name })));
    const products = byName(
      data.products.map((p) =>
        tx.create(Product, {
          name: p.name,
          manufacturer: must(manufacturers, p.manufacturer),
          year: p.year,
          cpu: p.cpu,
          price: p.price,
          countries: p.countries.map((c) => must(countries, c)),
        }),
      ),
    );
    const customers = byName(data.customers.map((c) => tx.create(Customer, { id: stableUuid('customer', c.name), ...c })));
    for (const o of data.orders) {
      const order = tx.create(Order, {
        id: stableUuid('order', o.customer, o.timestamp),
        customer: must(customers, o.customer),
        timestamp: new Date(o.timestamp),
      });
      for (const item of o.items) {
        const product = must(products, item.product);
        tx.create(OrderItem, { order, product, quantity: item.quantity, unitPrice: product.price ?? 0 });
      }
    }
    for (const r of data.reviews) {
      tx.create(ProductReview, {
        product: must(products, r.product),
        customer: must(customers, r.customer),
        timestamp: new Date(r.timestamp),
        rating: r.rating,
        comment: r.comment,
      });
    }
    const languages = byName(data.languages.map((name) => tx.create(Language, { name })));
    const authors = byName(data.blogAuthors.map((name) => tx.create(BlogAuthor, { name })));
    const articles = new Map<string, BlogArticle>();
    for (const a of data.articles) {
      articles.set(
        a.key,
        tx.create(BlogArticle, {
          title: a.title,
          author: must(authors, a.author),
          product: a.product ? must(products, a.product) : null,
          timestamp: new Date(a.timestamp),
          language: a.language ? must(languages, a.language) : null,
          translationOf: a.translationOf ? must(articles, a.translationOf) : null,
        }),
      );
    }
    for (const u of data.blogUsers) {
      const user = tx.create(BlogUser, { id: stableUuid('blog-user', u.key), customer: u.customer ? must(customers, u.customer) : null });
      u.sessions.forEach((s, i) => {
        const session = tx.create(BlogSession, { id: stableUuid('blog-session', u.key, String(i)), user });
        s.views.forEach((key, minute) => {
          tx.create(BlogView, { article: must(articles, key), session, timestamp: new Date(Date.parse(s.start) + minute * 60_000) });
        });
      });
    }
    const staff = await createDemoStaff(tx, products);
    if (options.withUsers) {
      const accounts = await createDemoAccounts(tx, options.bcryptRounds);
      for (const e of [...data.managers, ...data.engineers]) if (e.user) must(staff, e.name).user = must(accounts, e.user);
    }
    await tx.flush();
    const rows: Record<string, number> = {};
    for (const entity of entities) {
      const count = await tx.count(entity, {});
      if (count > 0) rows[tx.getMetadata(entity).tableName] = count;
    }
    return { seeded: true, rows };
  });
}
