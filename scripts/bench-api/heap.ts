/**
 * What the service holds in memory under the soak's load: starts the compiled build (npm run
 * build first) with an inspector, drives the five operations in turn, and every few seconds reads,
 * through the inspector, the process's RSS, V8's heap used and committed per space, and the memory
 * outside V8's heap; writes heap snapshots under load and after it (--snapshots DIR). Findings:
 * docs/benchmarks/memory-2026-12-07.md.
 *
 *   BENCH_PG_URL=… tsx scripts/bench-api/heap.ts [--requests 30000] [--connections 32] [--snapshots tmp/heap]
 *     [--start-options="--max-semi-space-size=8"] [--node-options=--max-semi-space-size=8] [--set MALLOC_ARENA_MAX=2]…
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { rssMiB } from './measure.js';
import { detailProductId, operations, ourVariables, OUR_OPERATIONS } from './operations.js';
import { freePort, ROOT, startService } from './targets.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '30000' },
    connections: { type: 'string', default: '32' },
    snapshots: { type: 'string' },
    // Node's options on the command line instead of those `npm start` gives (package.json); "" for none.
    'start-options': { type: 'string' },
    'node-options': { type: 'string', default: '' },
    set: { type: 'string', multiple: true, default: [] },
  },
});
const url = process.env.BENCH_PG_URL;
if (!url) throw new Error('set BENCH_PG_URL to the database npm run bench:api prepared');

/** One Runtime.evaluate through the inspector's WebSocket: the expression's value, as JSON. */
async function inspector(port: number): Promise<{ evaluate(expression: string): Promise<unknown>; close(): void }> {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const waiting = new Map<number, (value: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: { result?: { value?: unknown } } };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result?.result?.value);
  };
  return {
    evaluate: (expression) =>
      new Promise((resolve) => {
        waiting.set(++id, resolve);
        socket.send(JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }));
      }),
    close: () => socket.close(),
  };
}

const MEMORY = `(() => {
  const v8 = process.getBuiltinModule('v8');
  const mu = process.memoryUsage();
  const mib = (n) => Math.round(n / 2 ** 20 * 10) / 10;
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().filter((s) => s.space_size > 0).map((s) => [s.space_name.replace('_space', ''), [mib(s.space_used_size), mib(s.space_size)]]));
  return { rss: mib(mu.rss), heapUsed: mib(mu.heapUsed), heapTotal: mib(mu.heapTotal), external: mib(mu.external), arrayBuffers: mib(mu.arrayBuffers), spaces };
})()`;
const snapshot = (file: string) => `process.getBuiltinModule('v8').writeHeapSnapshot(${JSON.stringify(file)})`;

const db = new pg.Client({ connectionString: url });
await db.connect();
const productId = await detailProductId(db);
await db.end();
const port = await freePort();
const extra = Object.fromEntries(values.set.map((s) => s.split(/=(.*)/s, 2) as [string, string]));
const nodeOptions = values['start-options']?.split(/\s+/).filter(Boolean);
const service = await startService(url, 10, { nodeOptions, env: { NODE_OPTIONS: `--inspect=127.0.0.1:${port} ${values['node-options']}`.trim(), ...extra } });
const probe = await inspector(port);
const dir = values.snapshots ? path.resolve(ROOT, values.snapshots) : undefined;
if (dir) mkdirSync(dir, { recursive: true });
try {
  const ours = operations(OUR_OPERATIONS);
  const requests = [...ours.entries()].map(([op, query]) => ({ method: 'POST' as const, body: JSON.stringify({ query, variables: ourVariables(op, productId) }) }));
  const headers = { 'content-type': 'application/json', 'x-loading-strategy': 'eager', ...service.headers };
  console.log('idle after start', JSON.stringify(await probe.evaluate(MEMORY)));
  await autocannon({ url: service.url, connections: Number(values.connections), amount: 500, headers, requests });
  console.log('after warm-up  ', JSON.stringify(await probe.evaluate(MEMORY)));
  const started = Date.now();
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB(service.pid));
    void probe.evaluate(MEMORY).then((m) => console.log(`${String(Math.round((Date.now() - started) / 1000)).padStart(5)} s`, JSON.stringify(m)));
  }, 5000);
  const run = autocannon({ url: service.url, connections: Number(values.connections), amount: Number(values.requests), headers, requests });
  if (dir) {
    await new Promise((r) => setTimeout(r, 20_000));
    console.log('snapshot under load:', await probe.evaluate(snapshot(path.join(dir, 'under-load.heapsnapshot'))));
  }
  const result = await run;
  clearInterval(timer);
  console.log(
    `${result.requests.total} requests in ${((Date.now() - started) / 1000).toFixed(0)} s, ${result.non2xx + result.errors} failed, ${Math.round(result.requests.average)} req/s; peak RSS ${peak.toFixed(0)} MiB`,
  );
  console.log('after load     ', JSON.stringify(await probe.evaluate(MEMORY)));
  await probe.evaluate('new Promise((r) => setTimeout(r, 2000))');
  await probe.evaluate('globalThis.gc?.()');
  console.log('idle 2 s later ', JSON.stringify(await probe.evaluate(MEMORY)));
  if (dir) console.log('snapshot after:', await probe.evaluate(snapshot(path.join(dir, 'after.heapsnapshot'))));
  console.log('after snapshot ', JSON.stringify(await probe.evaluate(MEMORY)));
} finally {
  probe.close();
  await service.stop();
}
