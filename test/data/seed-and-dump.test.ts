import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeders/demo.js';
import { planFor } from '../../seeders/scaled/plan.js';
import { SeedRefusedError, seedScaled } from '../../seeders/scaled/seed.js';
import { silentProgress } from '../../src/cli/progress.js';
import { Manufacturer } from '../../src/modules/catalog/manufacturer.entity.js';
import { exportJson } from '../../src/modules/data/json-export.js';
import { DumpError, importJson } from '../../src/modules/data/json-import.js';
import { BlogArticle } from '../../src/modules/blog/blog-article.entity.js';
import { Page } from '../../src/modules/wiki/page.entity.js';
import { entities } from '../../src/modules/entities.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';

/** Per table, its keys: how many, the first and the last (what a seed's determinism promises). */
async function keys(t: TestOrm): Promise<Record<string, string>> {
  const em = t.orm.em.fork();
  const out: Record<string, string> = {};
  for (const entity of entities) {
    const meta = em.getMetadata(entity);
    const pk = meta.getPrimaryProps();
    if (pk.length !== 1 || pk[0]!.type !== 'integer') continue;
    const column = pk[0]!.fieldNames[0]!;
    const [row] = await em.execute<{ n: number; lo: number | null; hi: number | null }[]>(`select count(*) as n, min(${column}) as lo, max(${column}) as hi from ${meta.tableName}`);
    out[meta.tableName] = `${Number(row!.n)}: ${row!.lo ?? '-'}…${row!.hi ?? '-'}`;
  }
  return out;
}

// Seeding scale 1 writes ~139,000 rows (100,000 page views); the first test does it twice and
// the second once. On PostgreSQL beside 50 other test files that alone can pass 30 s, so these
// tests get the time a real seed needs rather than the suite's default.
const SEEDING_MS = 120_000;

describe('scalable seeder and JSON dump', () => {
  let dir: string;
  const dbs: TestOrm[] = [];
  /** The keys of scale 1, seed 7 on a new database (the first test's). */
  let newDatabaseKeys: Promise<Record<string, string>> | undefined;
  const fresh = async () => {
    const t = await openMigratedOrm();
    dbs.push(t);
    return t;
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-dump-'));
  });
  afterAll(async () => {
    for (const t of dbs) await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'seeds scale 1 with the planned row counts, the same rows for the same seed',
    async () => {
      const [a, b] = [await fresh(), await fresh()];
      const rows = await seedScaled(a.orm, { scale: 1, seed: 7, progress: silentProgress });
      const plan = planFor(1);
      expect(rows).toMatchObject({
        manufacturers: plan.manufacturers,
        products: plan.products,
        customers: plan.customers,
        orders: plan.orders,
        products_reviews: plan.reviews,
        blog_articles: plan.articles,
        blog_views: plan.views,
        blog_sessions: plan.sessions,
        employees: plan.managers + plan.engineers,
      });
      expect(rows.orders_items).toBeGreaterThanOrEqual(plan.orders);
      newDatabaseKeys = keys(a);
      await newDatabaseKeys;
      await seedScaled(b.orm, { scale: 1, seed: 7, progress: silentProgress });
      await exportJson(a.orm, path.join(dir, 'a.json'), silentProgress);
      await exportJson(b.orm, path.join(dir, 'b.json'), silentProgress);
      expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'b.json'), 'utf8'));
      // Translations exist, pointing at originals in another language.
      const em = a.orm.em.fork();
      const translations = await em.find(BlogArticle, { translationOf: { $ne: null } }, { populate: ['translationOf'] });
      expect(translations.length).toBeGreaterThan(0);
      expect(translations.every((t) => t.language?.id !== t.translationOf!.language?.id)).toBe(true);
    },
    SEEDING_MS,
  );

  it(
    'refuses a non-empty database unless told to wipe it, and wiped gives the keys of a new database',
    async () => {
      const t = await fresh();
      // The demo data numbers staff, users and pages itself: the counters move past them.
      await seedDemo(t.orm.em, { withUsers: true, bcryptRounds: 4 });
      await expect(seedScaled(t.orm, { scale: 1, seed: 7, progress: silentProgress })).rejects.toBeInstanceOf(SeedRefusedError);
      const rows = await seedScaled(t.orm, { scale: 1, seed: 7, fresh: true, progress: silentProgress });
      expect(await t.orm.em.fork().count(Manufacturer, {})).toBe(rows.manufacturers);
      expect(newDatabaseKeys, 'the first test seeds the new database compared with').toBeDefined();
      expect(await keys(t)).toEqual(await newDatabaseKeys);
    },
    SEEDING_MS,
  );

  it('export then import gives identical data, and new rows get fresh keys afterwards', async () => {
    const [source, target] = [await fresh(), await fresh()];
    await seedDemo(source.orm.em, { withUsers: true, bcryptRounds: 4 });
    // A page tree whose child has the smaller key: restoring must not depend on row order.
    const em = source.orm.em.fork();
    const front = await em.findOneOrFail(Page, { name: 'FrontPage' });
    const child = em.create(Page, { name: 'Child', data: 'x', creator: front.creator });
    await em.flush();
    front.parent = child;
    await em.flush();
    const first = path.join(dir, 'first.json');
    const second = path.join(dir, 'second.json');
    const counts = await exportJson(source.orm, first, silentProgress);
    expect(await importJson(target.orm, first, silentProgress)).toEqual(Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)));
    await exportJson(target.orm, second, silentProgress);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
    const after = target.orm.em.fork();
    const added = after.create(Manufacturer, { name: 'After restore' });
    await after.flush();
    expect(added.id).toBeGreaterThan(counts.manufacturers!);
    await expect(importJson(target.orm, first, silentProgress)).rejects.toBeInstanceOf(DumpError);
  });
});
