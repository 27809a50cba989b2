/**
 * npm run bench:ab: one operation on two checkouts of this service (A and B, each as its
 * bin/launch.mjs starts it: its build when current), on one PostgreSQL database, in alternating
 * runs, so that a change is measured against the code before it under the same drift of a shared
 * machine. Prints each run and, per pair, B's CPU per request over A's. Usage: see
 * docs/benchmarks/throughput-2026-11-23.md. Build both first (npm run build in each) to compare
 * what production runs.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import pg from 'pg';
import { cpuMs, drive, median } from './measure.js';
import { detailProductId, operations, ourVariables, OUR_OPERATIONS } from './operations.js';
import { benchEditor, startService, type Target } from './targets.js';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: '.' },
    // Node's options for B instead of those its `npm start` gives (V8 flags: one checkout, two flag sets).
    'b-options': { type: 'string' },
    op: { type: 'string', default: 'orders_page' },
    rounds: { type: 'string', default: '6' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '4' },
    pool: { type: 'string', default: '10' },
  },
});
const url = process.env.BENCH_PG_URL;
const query = operations(OUR_OPERATIONS).get(values.op!);
if (!url || !values.a || !query) {
  console.error('usage: BENCH_PG_URL=… npm run bench:ab -- --a <checkout> [--b <checkout, default .>] [--op orders_page] [--rounds 6] [--duration 5] [--connections 4]');
  process.exit(2);
}
const db = new pg.Client({ connectionString: url });
await db.connect();
const productId = await detailProductId(db).finally(() => db.end());
const body = JSON.stringify({ query, variables: ourVariables(values.op!, productId) });
// One password for both: setting it again would revoke the first service's token.
const password = await benchEditor(url);
const pool = Number(values.pool);
const targets: [string, Target][] = [
  ['A', await startService(url, pool, { root: path.resolve(values.a), password })],
  ['B', await startService(url, pool, { root: path.resolve(values.b!), password, nodeOptions: values['b-options']?.split(/\s+/).filter(Boolean) })],
];
const connections = Number(values.connections);
try {
  for (const [, t] of targets) await drive(t.url, t.headers, body, connections, 3);
  const ratios: number[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const cpu: number[] = [];
    for (const [name, t] of targets) {
      const before = cpuMs(t.pid);
      const load = await drive(t.url, t.headers, body, connections, Number(values.duration));
      if (load.errors) throw new Error(`${name} answered ${load.errors} requests with errors`);
      cpu.push((cpuMs(t.pid) - before) / load.requests);
      console.log(`round ${round + 1} ${name}: ${Math.round(load.rps)} req/s, ${cpu.at(-1)!.toFixed(3)} ms CPU/request, p99 ${load.p99} ms`);
    }
    ratios.push(cpu[1]! / cpu[0]!);
  }
  console.log(`\n${values.op}: B's CPU per request over A's, per pair: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)}`);
} finally {
  for (const [, t] of targets) await t.stop();
}
