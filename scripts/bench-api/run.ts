/**
 * npm run bench:api: this service (and PostGraphile and the raw-SQL floor, when PEER_NPM is set)
 * under load on one PostgreSQL database. Usage and options: see docs/benchmarks/throughput-2026-11-23.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuMs, drive, getUrl, postgresCpuMs, rssMiB, StatementStats } from './measure.js';
import { detailProductId, operations, ourVariables, OUR_OPERATIONS } from './operations.js';
import { printRatios, printTable, summarize, type Row } from './summary.js';
import { PEERS, ROOT, runEntry, startPeer, startService, type PeerName, type Target } from './targets.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    pool: { type: 'string', default: '10' },
    repeat: { type: 'string', default: '1' },
    strategies: { type: 'string', default: 'eager,batched' },
    ops: { type: 'string' },
    out: { type: 'string', default: 'tmp/bench-api.json' },
    profile: { type: 'string' },
    workers: { type: 'string', default: '1' },
    soak: { type: 'string' },
    // Which servers to measure: service, postgraphile, floor (the peers need PEER_NPM); all of them when PEER_NPM is set.
    targets: { type: 'string' },
    // The TypeScript sources through tsx instead of the compiled build production runs.
    source: { type: 'boolean', default: false },
    // This service's operations as GET requests (HTTP caching, the response cache: RESPONSE_CACHE=off to compare).
    get: { type: 'boolean', default: false },
  },
});
const url = process.env.BENCH_PG_URL;
if (!url) {
  console.error('set BENCH_PG_URL to a scratch PostgreSQL database (it is migrated and, at another scale, wiped and seeded)');
  process.exit(2);
}
const num = (k: 'scale' | 'duration' | 'warmup' | 'connections' | 'pool' | 'repeat'): number => Number(values[k]);
const [scale, seconds, warmup, connections, pool, repeat] = [num('scale'), num('duration'), num('warmup'), num('connections'), num('pool'), num('repeat')] as const;
const strategies = values.strategies!.split(',');
const peerNpm = process.env.PEER_NPM;
const targetNames = values.targets ? values.targets.split(',') : ['service', ...(peerNpm ? Object.keys(PEERS) : [])];
const unknownTarget = targetNames.find((t) => t !== 'service' && !(t in PEERS));
if (unknownTarget || !targetNames.length) {
  console.error(`--targets: ${unknownTarget ?? '(none)'} is not one of service, ${Object.keys(PEERS).join(', ')}`);
  process.exit(2);
}
const peerNames = targetNames.filter((t): t is PeerName => t in PEERS);
if (peerNames.length && !peerNpm) {
  console.error(`--targets ${peerNames.join(',')}: set PEER_NPM to the folder holding the peers' packages (../shared/peer-*/README.md)`);
  process.exit(2);
}

const ours = operations(OUR_OPERATIONS);
const theirs = operations(path.resolve(ROOT, '../shared/peer-postgraphile/operations.graphql'));
const selected = values.ops ? values.ops.split(',') : [...ours.keys()];

/** Migrated, and seeded at the scale asked for (reseeded when it holds another scale). */
async function prepare(): Promise<{ productId: number }> {
  const env = { DATABASE_URL: url!, LOG_LEVEL: 'warn' };
  await runEntry('src/cli/migrate', [], env);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const orders = Number((await db.query<{ n: string }>('select count(*) as n from orders')).rows[0]!.n);
    if (orders !== 4_700 * scale) {
      console.log(`seeding scale ${scale} (the database holds ${orders} orders)…`);
      await runEntry('src/cli/seed', ['--scale', String(scale), '--fresh'], env);
    }
    // PostGraphile's report function (../shared/peer-postgraphile/extras.sql), harmless to us.
    await db.query(readFileSync(path.resolve(ROOT, '../shared/peer-postgraphile/extras.sql'), 'utf8'));
    await db.query('analyze');
    return { productId: await detailProductId(db) };
  } finally {
    await db.end();
  }
}

/**
 * --soak N: N requests cycling through the five operations (eager, as an editor), sampling the
 * service's resident memory every second: does it stay flat?
 */
async function soak(total: number): Promise<void> {
  const service = await startService(url!, pool, { workers: Number(values.workers) });
  try {
    const requests = [...ours.entries()].map(([op, query]) => ({ method: 'POST' as const, body: JSON.stringify({ query, variables: ourVariables(op, productId) }) }));
    const headers = { 'content-type': 'application/json', 'x-loading-strategy': 'eager', ...service.headers };
    await autocannon({ url: service.url, connections, amount: 500, headers, requests });
    const start = rssMiB(service.pid);
    let peak = start;
    const samples: number[] = [];
    const timer = setInterval(() => {
      const now = rssMiB(service.pid);
      samples.push(Math.round(now));
      peak = Math.max(peak, now);
    }, 1000);
    const started = Date.now();
    const result = await autocannon({ url: service.url, connections, amount: total, headers, requests });
    clearInterval(timer);
    const end = rssMiB(service.pid);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `soak: ${result.requests.total} requests in ${seconds.toFixed(0)} s (${result.non2xx + result.errors} failed), RSS start ${start.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB, end ${end.toFixed(0)} MiB`,
    );
    console.log(`RSS each second (MiB): ${samples.join(' ')}`);
    mkdirSync(path.dirname(path.resolve(ROOT, values.out!)), { recursive: true });
    writeFileSync(
      path.resolve(ROOT, values.out!),
      `${JSON.stringify({ date: new Date().toISOString(), soak: total, requests: result.requests.total, seconds, rss: { start, peak, end, samples } }, null, 2)}\n`,
    );
  } finally {
    await service.stop();
  }
}

async function build(): Promise<void> {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run build failed (${run.status}):\n${run.stdout}${run.stderr}`);
  console.log(`service: the compiled build (${run.stdout.trim()})`);
}

/** One request to learn the statement count (the service reports it) and check for errors. */
async function probe(target: Target, body: string, headers: Record<string, string>): Promise<number | null> {
  const get = values.get && target.name === 'service';
  const res = get ? await fetch(getUrl(target.url, body), { headers }) : await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await res.json()) as { errors?: unknown[]; extensions?: { sql?: { statements: number } } };
  if (!res.ok || json.errors) throw new Error(`${target.name} answered ${res.status}: ${JSON.stringify(json.errors)}`);
  return json.extensions?.sql?.statements ?? null;
}

async function measure(target: Target, operation: string, label: string, body: string, headers: Record<string, string>, stats: StatementStats): Promise<Row> {
  await probe(target, body, headers);
  const get = values.get && target.name === 'service';
  await drive(target.url, headers, body, connections, warmup, get);
  // Counted as a warm process answers: the first signed-in request of a process reads its account,
  // later ones find it in the viewer cache (PostgreSQL).
  const statements = await probe(target, body, headers);
  await stats.reset();
  const cpuBefore = cpuMs(target.pid);
  const pgBefore = postgresCpuMs();
  const load = await drive(target.url, headers, body, connections, seconds, get);
  const cpu = cpuMs(target.pid) - cpuBefore;
  const pgAfter = postgresCpuMs();
  const db = await stats.totals();
  const perRequest = (x: number) => Math.round((x / Math.max(1, load.requests)) * 1000) / 1000;
  return {
    operation,
    target: label,
    rps: Math.round(load.rps),
    p50: load.p50,
    p99: load.p99,
    statements: statements ?? (db ? Math.round((db.calls / Math.max(1, load.requests)) * 10) / 10 : null),
    cpuMsPerRequest: perRequest(cpu),
    pgCpuMsPerRequest: pgBefore === undefined || pgAfter === undefined ? null : perRequest(pgAfter - pgBefore),
    dbMsPerRequest: db ? perRequest(db.ms) : null,
    errors: load.errors,
    rssMiB: Math.round(rssMiB(target.pid)),
  };
}

const { productId } = await prepare();
// Production runs the compiled build (npm run build; bin/launch.mjs starts it while it is
// current): measure that. Under tsx every require() goes through its resolve hooks, and Apollo
// requires node:crypto once per request to hash the query text (11 % of a `{ __typename }`).
if (!values.source) await build();
if (values.soak) {
  await soak(Number(values.soak));
  process.exit(0);
}
const stats = await StatementStats.open(url);
const targets: Target[] = [];
if (targetNames.includes('service')) targets.push(await startService(url, pool, { profileDir: values.profile ? path.resolve(ROOT, values.profile) : undefined, workers: Number(values.workers) }));
for (const peer of peerNames) targets.push(await startPeer(peer, url, peerNpm!, pool));
const rows: Row[] = [];
/** One line per measured run, as it finishes. */
const report = (op: string, row: Row) =>
  console.log(`${op} · ${row.target}: ${row.rps} req/s, p99 ${row.p99} ms, ${row.cpuMsPerRequest} ms CPU/request, PostgreSQL ${row.pgCpuMsPerRequest ?? '–'} ms CPU/request`);
try {
  for (let round = 0; round < repeat; round++) {
    for (const op of selected) {
      // Interleaved: each operation on every target before the next, so drift hits all alike.
      for (const target of targets) {
        if (target.name === 'service') {
          const variables = ourVariables(op, productId);
          for (const strategy of strategies) {
            const body = JSON.stringify({ query: ours.get(op), variables });
            // Only orders and sales need an editor (as for the peer, which has no authorization at all);
            // a token costs one statement to check the role, so the others go anonymous.
            const auth = op === 'orders_page' || op === 'top_products_report' ? target.headers : {};
            rows.push(await measure(target, op, `service ${strategy}`, body, { ...auth, 'x-loading-strategy': strategy }, stats));
            if (strategy !== strategies.at(-1)) report(op, rows.at(-1)!);
          }
        } else if (target.name === 'floor') {
          // No GraphQL: the floor picks its one statement by operationName; the detail takes the database id.
          const body = JSON.stringify({ operationName: op, variables: op === 'product_detail' ? { id: productId } : {} });
          rows.push(await measure(target, op, target.name, body, target.headers, stats));
        } else if (theirs.has(op)) {
          const body = JSON.stringify({ query: theirs.get(op), variables: op === 'product_detail' ? { id: productId } : {} });
          rows.push(await measure(target, op, target.name, body, target.headers, stats));
        }
        report(op, rows.at(-1)!);
      }
    }
  }
} finally {
  for (const t of targets) await t.stop();
  await stats.close();
}

const summary = summarize(rows);
console.log(
  `\nscale ${scale}, ${values.workers} worker(s), ${connections} connections, ${seconds} s per run after ${warmup} s warm-up, pool ${pool}, median of ${repeat}; pg_stat_statements: ${stats.available ? 'yes' : 'no'}\n`,
);
printTable(summary);
printRatios(summary, peerNames);
mkdirSync(path.dirname(path.resolve(ROOT, values.out!)), { recursive: true });
writeFileSync(
  path.resolve(ROOT, values.out!),
  `${JSON.stringify({ date: new Date().toISOString(), workers: Number(values.workers), scale, seconds, warmup, connections, pool, repeat, node: process.version, runs: rows, summary }, null, 2)}\n`,
);
console.log(`\nwrote ${values.out}`);
