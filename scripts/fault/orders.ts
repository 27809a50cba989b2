/**
 * npm run fault:orders: places orders with 4 concurrent clients against the service on the
 * PostgreSQL database DATABASE_URL, stops PostgreSQL (FAULT_STOP, a shell command) for a few
 * seconds and starts it again (FAULT_START). Checks that meanwhile every answer is a retryable
 * 503 SERVICE_UNAVAILABLE (never a 500, never a hang), that the service recovers by itself, and
 * that every order it acknowledged is in the database, once. Exit 1 on any violation.
 */
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { bootstrap } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const { FAULT_STOP, FAULT_START, DATABASE_URL } = process.env;
if (!FAULT_STOP || !FAULT_START || !DATABASE_URL?.startsWith('postgres')) {
  console.error('usage: DATABASE_URL=postgresql://… FAULT_STOP="…" FAULT_START="…" npm run fault:orders');
  process.exit(2);
}
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'development',
  SEED_DEMO: 'true',
  LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'silent',
  BCRYPT_ROUNDS: '4',
  JWT_SECRET: randomBytes(32).toString('hex'),
});
const app = await bootstrap({ config, port: 0 });
const post = async <T>(query: string, variables: unknown, token?: string) => {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: (await res.json()) as { data?: T; errors?: { extensions?: { code?: string; retryable?: boolean } }[] } };
};
const token = (await post<{ login: { token: string } }>(`mutation { login(input: { name: "editor", password: "editor" }) { token } }`, {})).body.data!.login.token;
const products = (await post<{ products: { nodes: { id: string; price: number | null }[] } }>(`{ products(first: 30) { nodes { id price } } }`, {})).body.data!.products.nodes.filter(
  (p) => p.price !== null,
);
const customer = (await post<{ customers: { nodes: { id: string }[] } }>(`{ customers(first: 1) { nodes { id } } }`, {}, token)).body.data!.customers.nodes[0]!.id;

type Phase = 'before' | 'down' | 'after';
let phase: Phase = 'before';
let stopping = false;
const acknowledged = new Map<string, string>(); // idempotency key → order id
const seen: Record<Phase, Map<string, number>> = { before: new Map(), down: new Map(), after: new Map() };
const violations: string[] = [];
let recoveredAt = 0;
let restartedAt = 0;

async function client(n: number): Promise<void> {
  for (let i = 0; !stopping; i++) {
    const key = `fault-${n}-${i}-${randomBytes(4).toString('hex')}`;
    const at = phase;
    const started = performance.now();
    try {
      const { status, body } = await post<{ placeOrder: { order: { id: string } } | null }>(
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`,
        { input: { customerId: customer, idempotencyKey: key, items: [{ productId: products[i % products.length]!.id, quantity: 1 }] } },
        token,
      );
      const code = body.errors?.[0]?.extensions?.code ?? 'OK';
      seen[at].set(`${status} ${code}`, (seen[at].get(`${status} ${code}`) ?? 0) + 1);
      if (status === 200 && body.data?.placeOrder) {
        acknowledged.set(key, body.data.placeOrder.order.id);
        if (phase === 'after' && !recoveredAt) recoveredAt = performance.now();
      } else if (!(status === 503 && code === 'SERVICE_UNAVAILABLE' && body.errors?.[0]?.extensions?.retryable === true)) {
        violations.push(`${at}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    } catch (error) {
      violations.push(`${at}: no answer after ${Math.round(performance.now() - started)} ms (${(error as Error).message})`);
    }
    if (phase === 'down') await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clients = [0, 1, 2, 3].map(client);
await sleep(2_000);
phase = 'down';
execSync(FAULT_STOP, { stdio: 'inherit' });
await sleep(3_000);
const health = await fetch(app.url.replace('/graphql', '/health'));
if (health.status !== 503) violations.push(`/health answered ${health.status} while the database was down`);
execSync(FAULT_START, { stdio: 'inherit' });
restartedAt = performance.now();
phase = 'after';
while (!recoveredAt && performance.now() - restartedAt < 20_000) await sleep(100);
await sleep(1_000);
stopping = true;
await Promise.all(clients);
const pool = (await app.orm.em.getConnection().getNativeClient()) as unknown as pg.Pool;
// Connections that died in use must come back to the pool, or a few outages exhaust it.
await sleep(1_500);
if (pool.totalCount !== pool.idleCount) violations.push(`${pool.totalCount - pool.idleCount} database connection(s) still checked out after the load stopped`);
if (!recoveredAt) violations.push('no order succeeded within 20 s of the restart');
if (!seen.down.size || ![...seen.down.keys()].some((k) => k.startsWith('503'))) violations.push('no 503 while the database was down');

// Every acknowledged order is there, once.
const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
const keys = [...acknowledged.keys()];
const rows = (await db.query(`select idempotency_key, id from orders where idempotency_key like '%/fault-%'`)).rows as { idempotency_key: string; id: string }[];
await db.end();
const stored = new Map(rows.map((r) => [r.idempotency_key.replace(/^\d+\//, ''), r.id]));
const missing = keys.filter((k) => !stored.has(k));
if (missing.length) violations.push(`${missing.length} acknowledged orders are missing, e.g. ${missing[0]}`);
await Promise.race([app.close(), sleep(5_000).then(() => violations.push('the service did not close within 5 s'))]);

const show = (m: Map<string, number>) => [...m.entries()].map(([k, n]) => `${k}×${n}`).join(', ');
console.log(`fault (PostgreSQL stopped ~3 s under 4 clients): before [${show(seen.before)}]; down [${show(seen.down)}]; after [${show(seen.after)}]`);
console.log(
  `fault: ${acknowledged.size} orders acknowledged, all ${acknowledged.size - missing.length} in the database; recovered ${Math.round(recoveredAt - restartedAt)} ms after the restart; pool ${pool.totalCount} connections, ${pool.idleCount} idle`,
);
for (const v of violations.slice(0, 20)) console.log(`  violation: ${v}`);
console.log(`fault: ${violations.length} violations`);
process.exit(violations.length ? 1 : 0);
