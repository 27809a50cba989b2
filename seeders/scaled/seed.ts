import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Progress } from '../../src/cli/progress.js';
import { resetSequences, restartSequences } from '../../src/db/sequences.js';
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
import { createDemoAccounts, isDatabaseEmpty } from '../demo.js';
import { wikiUsers } from '../demo-data.js';
import { generate, generateStaff } from './generate.js';
import { Engineer } from '../../src/modules/staff/engineer.entity.js';
import { createManagers } from '../staff.js';
import { planFor } from './plan.js';

/** Raised when seeding would mix generated rows into existing data. */
export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

export interface ScaledSeedOptions {
  scale: number;
  seed?: number;
  /** Wipe every table first; without it a non-empty database is refused. */
  fresh?: boolean;
  progress: Progress;
  /** Also create the demo wiki accounts (editor/editor, basic/basic) and front page: CI and demos only. */
  demoAccounts?: { bcryptRounds: number };
}

/** Rows per INSERT: well under PostgreSQL's 65,535 and SQLite's 32,766 bound parameters. */
const CHUNK = 4_000;

async function insertAll(tx: EntityManager, entity: EntityClass<object>, rows: Iterable<object[]>, total: number, progress: Progress): Promise<number> {
  progress.step(tx.getMetadata(entity).tableName, total);
  let count = 0;
  for (const chunk of rows) {
    for (let i = 0; i < chunk.length; i += CHUNK) {
      const part = chunk.slice(i, i + CHUNK);
      await tx.insertMany(entity, part as never[]);
      count += part.length;
      progress.advance(part.length);
    }
  }
  return count;
}

/**
 * Staff through the unit of work rather than insertMany: a few hundred rows, each spread over
 * employees and its subtype's table, which the ORM's table-per-type mapping writes in order.
 */
async function seedStaff(tx: EntityManager, staff: ReturnType<typeof generateStaff>, progress: Progress): Promise<number> {
  progress.step('employees', staff.managers.length + staff.engineers.length);
  const managers = await createManagers(
    tx,
    staff.managers.map(({ manager, ...m }) => ({ ...m, boss: manager })),
  );
  for (const e of staff.engineers) {
    tx.create(Engineer, { name: e.name, hiredOn: e.hiredOn, specialty: e.specialty, manager: managers[e.manager]!, certifiedProducts: e.certifiedOn });
  }
  await tx.flush();
  progress.advance(staff.managers.length + staff.engineers.length);
  return staff.managers.length + staff.engineers.length;
}

/**
 * Loads the deterministic scalable dataset with multi-row INSERTs in one transaction:
 * all of it, or nothing. Returns the rows written per table.
 */
export async function seedScaled(orm: MikroORM, options: ScaledSeedOptions): Promise<Record<string, number>> {
  const em = orm.em.fork();
  if (options.fresh) {
    await orm.schema.clear();
    // The same keys as a new database, as --seed promises.
    await restartSequences(em);
  } else if (!(await isDatabaseEmpty(em))) throw new SeedRefusedError('the database already holds data: pass --fresh to wipe it first');
  const data = generate(planFor(options.scale), options.seed ?? 1);
  const rows: Record<string, number> = {};
  await em.transactional(async (tx) => {
    const steps: [EntityClass<object>, Iterable<object[]>, number][] = [
      [Country, [data.countries], data.countries.length],
      [Manufacturer, [data.manufacturers], data.manufacturers.length],
      [Product, [data.products], data.products.length],
      [ProductCountry, [data.productCountries], data.productCountries.length],
      [Customer, [data.customers], data.customers.length],
      [Order, [data.orders], data.orders.length],
      [OrderItem, [data.orderItems], data.orderItems.length],
      [ProductReview, [data.reviews], data.reviews.length],
      [BlogAuthor, [data.authors], data.authors.length],
      [Language, [data.languages], data.languages.length],
      [BlogArticle, [data.articles], data.articles.length],
      [BlogUser, [data.blogUsers], data.blogUsers.length],
      [BlogSession, [data.sessions], data.sessions.length],
      [BlogView, data.views(CHUNK * 5), planFor(options.scale).views],
    ];
    for (const [entity, chunks, total] of steps) {
      rows[tx.getMetadata(entity).tableName] = await insertAll(tx as EntityManager, entity, chunks, total, options.progress);
    }
    rows.employees = await seedStaff(tx as EntityManager, generateStaff(planFor(options.scale), options.seed ?? 1), options.progress);
    if (options.demoAccounts) {
      await createDemoAccounts(tx as EntityManager, options.demoAccounts.bcryptRounds);
      await tx.flush();
      rows.users = wikiUsers.length;
      rows.pages = 1;
      rows.users_follows = 1;
    }
    await resetSequences(tx as EntityManager);
  });
  options.progress.done();
  return rows;
}
