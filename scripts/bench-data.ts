/**
 * Data benchmark: seeding and CSV import throughput on SQLite and, when BENCH_PG_URL names a
 * scratch PostgreSQL database (it is wiped), on PostgreSQL.
 * Usage: npm run bench -- [--scale N]   (default 1; the target is scale 10 on PostgreSQL in < 60 s)
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { generate } from '../seeders/scaled/generate.js';
import { planFor } from '../seeders/scaled/plan.js';
import { seedScaled } from '../seeders/scaled/seed.js';
import { silentProgress } from '../src/cli/progress.js';
import { parseDatabaseUrl, type DatabaseConfig } from '../src/config.js';
import { openOrm } from '../src/db/orm.js';
import { importFolder } from '../src/modules/data/csv-import.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
const scale = Number(values.scale);
const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-bench-'));

const fmt = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/** The scaled dataset as the book's five CSV files. */
function writeCsvFolder(): string {
  const data = generate(planFor(scale), 1);
  const folder = path.join(dir, 'csv');
  mkdirSync(folder);
  const names = (list: { id: unknown; name: string }[]) => new Map(list.map((r) => [r.id, r.name]));
  const [countryName, makerName, productName, customerName] = [names(data.countries), names(data.manufacturers), names(data.products), names(data.customers)];
  const productCountries = new Map<number, string[]>();
  for (const pc of data.productCountries) productCountries.set(pc.product, [...(productCountries.get(pc.product) ?? []), countryName.get(pc.country)!]);
  const write = (file: string, header: string[], rows: unknown[][]) => writeFileSync(path.join(folder, file), stringify([header, ...rows]));
  write(
    'products.csv',
    ['country', 'manufacturer', 'name', 'cpu', 'year'],
    data.products.map((p) => [productCountries.get(p.id)!.join('/'), makerName.get(p.manufacturer), p.name, p.cpu ?? '', p.year]),
  );
  const items = new Map<string, typeof data.orderItems>();
  for (const i of data.orderItems) items.set(i.order, [...(items.get(i.order) ?? []), i]);
  const customers = new Map(data.customers.map((c) => [c.id, c]));
  const seenOrder = new Set<string>();
  write(
    'orders.csv',
    ['name', 'address', 'phone', 'timestamp', 'product1', 'unit_price1', 'quantity1', 'product2', 'unit_price2', 'quantity2', 'product3', 'unit_price3', 'quantity3'],
    data.orders
      .filter((o) => !seenOrder.has(`${o.customer}${o.timestamp.getTime()}`) && seenOrder.add(`${o.customer}${o.timestamp.getTime()}`))
      .map((o) => {
        const c = customers.get(o.customer)!;
        const slots = [0, 1, 2].flatMap((k) => {
          const it = items.get(o.id)![k];
          return it ? [productName.get(it.product), it.unitPrice.toFixed(2), it.quantity] : ['', '0.00', 0];
        });
        return [c.name, c.address ?? '', c.phone ?? '', fmt(o.timestamp), ...slots];
      }),
  );
  // In the book's files customers exist only through their orders.
  const buyers = new Set(data.orders.map((o) => o.customer));
  write(
    'reviews.csv',
    ['customer', 'product', 'timestamp', 'rating', 'comment'],
    data.reviews.filter((r) => buyers.has(r.customer)).map((r) => [customerName.get(r.customer), productName.get(r.product), fmt(r.timestamp), r.rating, r.comment ?? '']),
  );
  const titles = new Map(data.articles.map((a) => [a.id, a.title]));
  const firstTitle = new Set<string>();
  const articles = data.articles.filter((a) => !firstTitle.has(a.title) && firstTitle.add(a.title));
  write(
    'articles.csv',
    ['title', 'author', 'timestamp', 'product', 'language', 'translation_of'],
    articles.map((a) => [
      a.title,
      data.authors[a.author - 1]!.name,
      fmt(a.timestamp),
      a.product ? productName.get(a.product) : '',
      data.languages[a.language - 1]!.name,
      a.translationOf ? titles.get(a.translationOf) : '',
    ]),
  );
  const users = new Map(data.blogUsers.map((u) => [u.id, u]));
  const sessionUser = new Map(data.sessions.map((s) => [s.id, s.user]));
  const views: unknown[][] = [];
  for (const chunk of data.views(20_000))
    for (const v of chunk) {
      const user = users.get(sessionUser.get(v.session)!)!;
      views.push([titles.get(v.article), user.id, user.customer && buyers.has(user.customer) ? customerName.get(user.customer) : '', v.session, fmt(v.timestamp)]);
    }
  write('views.csv', ['title', 'user', 'customer', 'session', 'timestamp'], views);
  return folder;
}

async function bench(label: string, db: DatabaseConfig, folder: string): Promise<string[]> {
  const orm = await openOrm(db);
  try {
    await orm.migrator.up();
    let started = performance.now();
    const rows = Object.values(await seedScaled(orm, { scale, fresh: true, progress: silentProgress })).reduce((a, b) => a + b, 0);
    const seed = (performance.now() - started) / 1000;
    await orm.schema.clear();
    started = performance.now();
    const stats = await importFolder(orm, folder, silentProgress);
    const imported = (performance.now() - started) / 1000;
    const read = stats.reduce((a, s) => a + s.read, 0);
    return [
      `| ${label} | seed scale ${scale} | ${rows} rows | ${seed.toFixed(1)} s | ${Math.round(rows / seed)} rows/s |`,
      `| ${label} | import CSV (${stats.map((s) => s.file.replace('.csv', '')).join(', ')}) | ${read} rows | ${imported.toFixed(1)} s | ${Math.round(read / imported)} rows/s |`,
    ];
  } finally {
    await orm.schema.clear().catch(() => undefined);
    await orm.close();
  }
}

try {
  const csv = writeCsvFolder();
  const lines = ['| database | task | size | time | throughput |', '| --- | --- | ---: | ---: | ---: |'];
  lines.push(...(await bench('SQLite', { dialect: 'sqlite', url: path.join(dir, 'bench.sqlite') }, csv)));
  const pg = process.env.BENCH_PG_URL;
  if (pg) lines.push(...(await bench('PostgreSQL', parseDatabaseUrl(pg), csv)));
  else lines.push('| PostgreSQL | (set BENCH_PG_URL to a scratch database to include it) | | | |');
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
