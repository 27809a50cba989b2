/**
 * npm run bench:deep-pages: page-number pages (offset) at page 1, page 1,000 (offset 19,980 with
 * first 20) and the deepest offset allowed, for orders, products and page views, on a seeded
 * PostgreSQL database (BENCH_PG_URL), in alternating rounds:
 *
 * - through the service (this checkout, and with --a <checkout> the code before, on the same
 *   database): sequential requests, one at a time, p50 and p99 of each page;
 * - the page's statement alone, plain OFFSET against the deferred join (src/loading/deep-page.ts),
 *   timed through pg: the same comparison where the code before has no such field (blogViews).
 *
 * Prints a Markdown table and the load averages before and after (docs/benchmarks/deep-pages-2026-12-07.md).
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchEditor, startService, type Target } from './bench-api/targets.js';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    // Only the code before (--a): this checkout's service would apply its migrations on start.
    'before-only': { type: 'boolean', default: false },
    requests: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    strategy: { type: 'string', default: 'eager' },
  },
});
const url = process.env.BENCH_PG_URL;
if (!url) {
  console.error('usage: BENCH_PG_URL=… npm run bench:deep-pages -- [--a <checkout before> [--before-only]] [--requests 100] [--rounds 3] [--strategy eager]');
  process.exit(2);
}
const OFFSETS = { 'page 1': 0, 'page 1,000': 19_980, deepest: 100_000 } as const;
const QUERIES = {
  orders: 'query($o: Int) { orders(first: 20, offset: $o) { pageInfo { hasNextPage } nodes { id timestamp total customer { name } items { quantity product { name } } } } }',
  products: 'query($o: Int) { products(first: 20, offset: $o) { pageInfo { hasNextPage } nodes { id name price manufacturer { name } } } }',
  blogViews: 'query($o: Int) { blogViews(first: 20, offset: $o) { pageInfo { hasNextPage } nodes { databaseId timestamp article { title } } } }',
} as const;
/** The page statements without relations: what the old path sent (plain) and what the new one sends (deferred). */
const STATEMENTS = {
  orders: (o: number) => ({
    plain: `select e.* from orders e order by e."timestamp" desc, e.id asc limit 21 offset ${o}`,
    deferred: `select e.* from orders e where e.id in (select s.id from orders s order by s."timestamp" desc, s.id asc limit 21 offset ${o}) order by e."timestamp" desc, e.id asc limit 21`,
  }),
  products: (o: number) => ({
    plain: `select e.* from products e order by e.name asc, e.id asc limit 21 offset ${o}`,
    deferred: `select e.* from products e where e.id in (select s.id from products s order by s.name asc, s.id asc limit 21 offset ${o}) order by e.name asc, e.id asc limit 21`,
  }),
  blogViews: (o: number) => ({
    plain: `select e.* from blog_views e order by e."timestamp" desc, e.id asc limit 21 offset ${o}`,
    deferred: `select e.* from blog_views e where e.id in (select s.id from blog_views s order by s."timestamp" desc, s.id asc limit 21 offset ${o}) order by e."timestamp" desc, e.id asc limit 21`,
  }),
} as const;

const requests = Number(values.requests);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const samples = new Map<string, number[]>();
const record = (key: string, ms: number) => samples.set(key, [...(samples.get(key) ?? []), ms]);

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function ask(t: Target, query: string, offset: number): Promise<boolean> {
  const res = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-loading-strategy': values.strategy!, ...t.headers },
    body: JSON.stringify({ query, variables: { o: offset } }),
  });
  const body = (await res.json()) as { errors?: unknown[] };
  return res.ok && !body.errors;
}

const loadBefore = loadavg();
const password = await benchEditor(url);
const targets: [string, Target][] = [];
if (values.a) targets.push(['before', await startService(url, 10, { root: path.resolve(values.a), password })]);
if (!values['before-only']) targets.push(['after', await startService(url, 10, { password })]);
const db = new pg.Client({ connectionString: url });
await db.connect();
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [field, query] of Object.entries(QUERIES)) {
      for (const [page, offset] of Object.entries(OFFSETS)) {
        for (const [name, t] of targets) {
          // The code before may lack the field or the argument: then the row says so.
          if (!(await ask(t, query, offset))) continue;
          for (let i = 0; i < 3; i++) await ask(t, query, offset);
          for (let i = 0; i < requests; i++) record(`${field}|${page}|${name} (HTTP, ${values.strategy})`, await timed(() => ask(t, query, offset).then(() => undefined)));
        }
        const sql = STATEMENTS[field as keyof typeof STATEMENTS](offset);
        for (const [kind, text] of Object.entries(sql)) {
          for (let i = 0; i < 3; i++) await db.query(text);
          for (let i = 0; i < requests; i++) record(`${field}|${page}|${kind} (SQL)`, await timed(() => db.query(text).then(() => undefined)));
        }
      }
    }
    console.error(
      `round ${round + 1} done, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  }
} finally {
  await db.end();
  for (const [, t] of targets) await t.stop();
}
console.log('| connection | page | read by | n | p50 ms | p99 ms |\n|---|---|---|---|---|---|');
for (const [key, xs] of samples) {
  const [field, page, how] = key.split('|');
  console.log(`| ${field} | ${page} | ${how} | ${xs.length} | ${percentile(xs, 50).toFixed(1)} | ${percentile(xs, 99).toFixed(1)} |`);
}
console.log(
  `\nload average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (each row pools every round)`,
);
