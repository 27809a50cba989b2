/**
 * npm run cost:measure -- [--runs N] [--only name,…]: what the cost model's figures mean in time.
 * Boots the service on DATABASE_URL (seed it first: npm run db:seed -- --scale 10 --fresh) with no
 * cost limit, signs in as an editor it creates for the run (and removes), sends each operation of
 * a family spanning the shapes clients send (one to three nested connections at first 10/50/100,
 * plain lists, reports), and prints a Markdown table: its cost, the objects it returned, its SQL
 * statements and the median time of N runs after one warm-up. QUERY_COST_LIMIT is chosen from it
 * (docs/benchmarks/cost-model-2026-12-07.md).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { bootstrap } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { accounts } from '../src/modules/wiki/accounts.js';
import { PasswordHasher } from '../src/modules/wiki/passwords.js';
import { Role } from '../src/modules/wiki/user.entity.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, only: { type: 'string' } } });
const runs = Number(values.runs);
if (!process.env.DATABASE_URL || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: DATABASE_URL=… npm run cost:measure -- [--runs N] [--only name,…]   (a database seeded with npm run db:seed -- --scale 10)');
  process.exit(2);
}

/** Pages of `n` manufacturers, each with `m` products, each with `k` reviews (k 0: none). */
const catalog = (n: number, m: number, k = 0) =>
  `{ manufacturers(first: ${n}) { nodes { name products(first: ${m}) { nodes { name countries { name }${k ? ` reviews(first: ${k}) { nodes { rating customer { name } } }` : ''} } } } } }`;

/** Name, then document: the family, from one connection to three and past GitHub's 500,000 nodes. */
const OPERATIONS: [string, string][] = [
  ['products 10, manufacturer, countries', `{ products(first: 10) { nodes { name manufacturer { name } countries { name } } } }`],
  ['products 100, manufacturer, countries', `{ products(first: 100) { nodes { name manufacturer { name } countries { name } } } }`],
  ['orders 100, customer, items, products', `{ orders(first: 100) { totalCount nodes { total customer { name } items { quantity product { name } } } } }`],
  ['manufacturers 10 × products 10', catalog(10, 10)],
  ['manufacturers 50 × products 50', catalog(50, 50)],
  ['manufacturers 100 × products 100 (issue 28)', catalog(100, 100)],
  ['products 100 × reviews 100, customer', `{ products(first: 100) { nodes { name reviews(first: 100) { nodes { rating customer { name } } } } } }`],
  ['customers 100 × orders 100, items', `{ customers(first: 100) { nodes { name orders(first: 100) { nodes { total items { quantity product { name } } } } } } }`],
  ['articles 100 × views 100, session', `{ blogArticles(first: 100) { nodes { title views(first: 100) { nodes { timestamp session { id } } } } } }`],
  ['products 100 × countries × products 100', `{ products(first: 100) { nodes { name countries { name products(first: 100) { nodes { name } } } } } }`],
  ['manufacturers 10 × products 10 × reviews 10', catalog(10, 10, 10)],
  ['manufacturers 50 × products 50 × reviews 50', catalog(50, 50, 50)],
  ['manufacturers 100 × products 100 × reviews 48', catalog(100, 100, 48)],
  ['countries 100 × products 100 × reviews 48', `{ countries(first: 100) { nodes { name products(first: 100) { nodes { name reviews(first: 48) { nodes { rating customer { name } } } } } } } }`],
  ['languages 100 × articles 100 × views 48', `{ languages(first: 100) { nodes { name articles(first: 100) { nodes { title views(first: 48) { nodes { timestamp } } } } } } }`],
  [
    'products 100 × countries × products 100 × countries × products 48',
    `{ products(first: 100) { nodes { countries { products(first: 100) { nodes { countries { products(first: 48) { nodes { name } } } } } } } } }`,
  ],
  [
    'customers 100 × orders 100 × items × product × reviews 48',
    `{ customers(first: 100) { nodes { orders(first: 100) { nodes { items { product { reviews(first: 48) { nodes { rating } } } } } } } } }`,
  ],
  [
    'orders 100 × customer × orders 100 × items × product × reviews 48',
    `{ orders(first: 100) { nodes { customer { orders(first: 100) { nodes { items { product { reviews(first: 48) { nodes { rating } } } } } } } } } }`,
  ],
  ['salesStats by product, 1000 rows', `{ salesStats(groupBy: [PRODUCT], first: 1000) { revenue units key { product { name manufacturer { name } } } } }`],
  ['reviewStats by customer, product, rating, 1000 rows', `{ reviewStats(groupBy: [CUSTOMER, PRODUCT, RATING], first: 1000) { count key { customer { name } product { name } } } }`],
  [
    'reviewStats 40 rows × countries × products 100 × countries × products 100',
    `{ reviewStats(groupBy: [CUSTOMER, PRODUCT, RATING], first: 40) { key { product { countries { products(first: 100) { nodes { countries { products(first: 100) { nodes { name } } } } } } } } } }`,
  ],
  ["over GitHub's limit: manufacturers 100 × products 100 × reviews 49", catalog(100, 100, 49)],
  ["over GitHub's limit: manufacturers 100 × products 100 × reviews 100", catalog(100, 100, 100)],
];

const password = randomBytes(18).toString('base64url');
const editor = `cost.measure.${process.pid}`;
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'warn',
  SQL_STATS: 'true',
  SEED_DEMO: 'false',
  QUERY_COST_LIMIT: '10000000',
  QUERY_STATEMENT_LIMIT: '100000',
  REQUEST_TIMEOUT_MS: '120000',
  JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
});
const app = await bootstrap({ config, port: 0, host: '127.0.0.1' });

interface Answer {
  data?: unknown;
  errors?: { message: string }[];
  extensions?: { cost?: { requested: number }; sql?: { statements: number } };
}

async function post(query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return (await res.json()) as Answer;
}

/** Objects in an answer's data: what the operation actually returned, against what its cost allows. */
function objects(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + objects(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Object.values(value).reduce((sum: number, item) => sum + objects(item), 0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  await accounts.create(app.orm.em.fork(), { passwords: new PasswordHasher(4), policy: { minLength: 12 } }, editor, Role.EDITOR, password);
  const login = await post(`mutation { login(input: { name: "${editor}", password: "${password}" }) { token } }`);
  const token = (login.data as { login?: { token: string } } | undefined)?.login?.token;
  if (!token) throw new Error(`could not sign in as ${editor}: ${JSON.stringify(login.errors)}`);
  const auth = { authorization: `Bearer ${token}` };
  const only = values.only?.split(',');
  console.log(`${config.database.dialect}, ${runs} runs after one warm-up, eager strategy, times as the client sees them\n`);
  console.log('| operation | cost | objects returned | statements | median ms |\n| --- | ---: | ---: | ---: | ---: |');
  for (const [name, query] of OPERATIONS) {
    if (only && !only.some((o) => name.includes(o))) continue;
    const first = await post(query, auth);
    if (first.errors) throw new Error(`${name}: ${JSON.stringify(first.errors.slice(0, 2))}`);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await post(query, auth);
      times.push(performance.now() - started);
    }
    const fmt = (n: number) => n.toLocaleString('en-US');
    console.log(`| ${name} | ${fmt(first.extensions!.cost!.requested)} | ${fmt(objects(first.data))} | ${first.extensions!.sql!.statements} | ${median(times).toFixed(0)} |`);
  }
} finally {
  await accounts.remove(app.orm.em.fork(), editor, undefined).catch(() => undefined);
  await app.close();
}
