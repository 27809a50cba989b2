/**
 * npm run bench:counts: the time of a page with its totalCount in each count mode, on a seeded
 * PostgreSQL database (BENCH_PG_URL; seed it first: npm run db:seed -- --scale 100 --fresh). The
 * compiled service (npm run build) in production mode, signed in as an editor; requests one at a
 * time, every target once per round, rounds interleaved, so that the machine's load falls on all
 * targets alike. Prints a Markdown table (docs/benchmarks/counts-2026-12-07.md).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startService } from './bench-api/targets.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '30' }, warmup: { type: 'string', default: '3' } } });
const url = process.env.BENCH_PG_URL;
if (!url) {
  console.error('set BENCH_PG_URL to a seeded PostgreSQL database');
  process.exit(2);
}

const MODES = ['none', 'CAPPED', 'ESTIMATED', 'EXACT'] as const;
const count = (mode: (typeof MODES)[number]) => (mode === 'none' ? '' : `totalCount(mode: ${mode}) totalCountIsExact(mode: ${mode})`);
const OPERATIONS: Record<string, (c: string) => string> = {
  'orders page (20, customer)': (c) => `{ orders(first: 20) { ${c} nodes { id timestamp customer { name } } } }`,
  "an article's page views (20)": (c) => `query($article: ID!) { blogArticle(id: $article) { views(first: 20) { ${c} nodes { id timestamp } } } }`,
  '20 articles × 5 page views each': (c) => `{ blogArticles(first: 20) { nodes { title views(first: 5) { ${c} nodes { id } } } } }`,
};

const db = new pg.Client({ connectionString: url });
await db.connect();
await db.query('analyze');
// The most-viewed article: its views are the page of page views measured.
const top = (await db.query<{ article_id: number; n: string }>('select article_id, count(*) as n from blog_views group by article_id order by n desc limit 1')).rows[0]!;
const sizes = (await db.query<{ orders: string; views: string }>('select (select count(*) from orders) as orders, (select count(*) from blog_views) as views')).rows[0]!;
await db.end();
const article = Buffer.from(`BlogArticle:${top.article_id}`).toString('base64');

const service = await startService(url, 10);
interface Sample {
  ms: number[];
  answer?: unknown;
  statements?: number;
}
const samples = new Map<string, Sample>();
try {
  const targets = Object.entries(OPERATIONS).flatMap(([name, query]) => MODES.map((mode) => ({ key: `${name}|${mode}`, query: query(count(mode)) })));
  const load = [loadavg()];
  for (let round = 0; round < Number(values.warmup) + Number(values.rounds); round++) {
    for (const { key, query } of targets) {
      const started = performance.now();
      const res = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...service.headers },
        body: JSON.stringify({ query, variables: query.includes('$article') ? { article } : {} }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown[]; extensions?: { sql?: { statements: number } } };
      const ms = performance.now() - started;
      if (body.errors) throw new Error(`${key}: ${JSON.stringify(body.errors)}`);
      const sample = samples.get(key) ?? { ms: [] };
      if (round >= Number(values.warmup)) sample.ms.push(ms);
      sample.answer = body.data;
      sample.statements = body.extensions?.sql?.statements;
      samples.set(key, sample);
    }
  }
  load.push(loadavg());
  const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  console.log(`${sizes.orders} orders, ${sizes.views} page views; article ${top.article_id} has ${top.n} views; ${values.rounds} rounds`);
  console.log(`load average (1/5/15 min) before: ${load[0]!.map((l) => l.toFixed(2)).join(' ')}, after: ${load[1]!.map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log('| operation | mode | p50 ms | p90 ms | statements | totalCount, exact |');
  console.log('| --- | --- | ---: | ---: | ---: | --- |');
  for (const [key, s] of samples) {
    const [name, mode] = key.split('|');
    const counts = JSON.stringify(s.answer).match(/"totalCount":\d+,"totalCountIsExact":(true|false)/g) ?? [];
    const shown = counts.length ? `${counts[0]!.replace(/"totalCount":(\d+),"totalCountIsExact":/, '$1, ')}${counts.length > 1 ? ` (first of ${counts.length})` : ''}` : '—';
    console.log(`| ${name} | ${mode} | ${quantile(s.ms, 0.5).toFixed(1)} | ${quantile(s.ms, 0.9).toFixed(1)} | ${s.statements ?? '?'} | ${shown} |`);
  }
} finally {
  await service.stop();
}
