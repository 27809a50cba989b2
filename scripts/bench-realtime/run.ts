/**
 * npm run bench:realtime: subscriptions under load. One service process (WEB_CONCURRENCY=1) on a
 * PostgreSQL database, N open WebSocket subscribers held by child processes, `--rate` committed
 * writes a second through the GraphQL endpoint; reports the time from commit to delivery, the
 * service's CPU per delivered event and its memory per idle subscription. Method and figures:
 * docs/benchmarks/realtime-2026-12-07.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchEditor, freePort, ROOT, runEntry, startService } from '../bench-api/targets.js';
import { cpuMs, rssMiB } from '../bench-api/measure.js';
import { type EventLog, Matcher, postgresLog } from './matcher.js';
import { type Answer, LatencyHistogram } from './protocol.js';
import { Generators } from './generators.js';
import { afterGc } from './heap.js';
import { SubscriberPool } from './subscribers.js';
import { drive, reach, specs, workload } from './workload.js';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000,5000' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    generators: { type: 'string', default: '2' },
    shared: { type: 'string', default: '0.8' },
    'review-every': { type: 'string', default: '5' },
    products: { type: 'string', default: '20' },
    reviewed: { type: 'string', default: '10' },
    out: { type: 'string', default: 'tmp/bench-realtime.json' },
    // The TypeScript sources through tsx instead of the compiled build production runs.
    source: { type: 'boolean', default: false },
    // Where the events' writes go: `same` (the measured process takes the mutations too) or
    // `separate` (a second service process, on the same database, takes them; the measured process
    // hears the commits through PostgreSQL as another worker or host would, and only delivers).
    writer: { type: 'string', default: 'same' },
    // Gives the measured service core 0 to itself (taskset): this process, the subscriber processes
    // and the writer go to the other cores. PostgreSQL is not moved; pin it too for a whole core:
    // `taskset -a -p -c 1 <pid>` for each of its processes (new backends inherit the postmaster's).
    pin: { type: 'boolean', default: false },
  },
});
if (values.writer !== 'same' && values.writer !== 'separate') {
  console.error(`--writer must be same or separate, got ${values.writer}`);
  process.exit(2);
}
const scales = values.subscribers!.split(',').map(Number);
const [rate, seconds, warmup, generators] = [Number(values.rate), Number(values.seconds), Number(values.warmup), Number(values.generators)];
const url = process.env.BENCH_PG_URL ?? 'postgresql://retrofun:retrofun@127.0.0.1:55432/bench_live';

/** The database exists, is migrated and holds `npm run bench` scale 1 data. */
async function prepare(): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  if (!(await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount) await admin.query(`create database "${name.replaceAll('"', '""')}"`);
  await admin.end();
  const env = { DATABASE_URL: url, LOG_LEVEL: 'warn' };
  await runEntry('src/cli/migrate', [], env);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const orders = Number((await db.query<{ n: string }>('select count(*) as n from orders')).rows[0]!.n);
  await db.end();
  if (orders !== 4_700) {
    console.log(`seeding scale 1 (the database holds ${orders} orders)…`);
    await runEntry('src/cli/seed', ['--scale', '1', '--fresh'], env);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the process has used under 20 ms of CPU in a second (at most 60 s): its work is done. */
async function quiet(pid: number): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const before = cpuMs(pid);
    await sleep(1000);
    if (cpuMs(pid) - before < 20) return;
  }
}

interface Row {
  subscribers: number;
  rate: number;
  events: number;
  expected: number;
  delivered: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  earlier: number;
  cpuMsPerDelivery: number;
  cpuMsPerEvent: number;
  /** Write system calls per delivery beyond the writes' own (frames coalesced: below 1). */
  writeCallsPerDelivery: number;
  /** The service's CPU per event with no subscriber (the mutation itself). */
  writeCpuMsPerEvent: number;
  cpuShare: number;
  /** Cores the subscriber processes used meanwhile (they read every delivery: on one machine they compete with the service). */
  generatorsShare: number;
  /** Cores the whole machine used meanwhile (/proc/stat), of os.cpus().length. */
  machineShare: number;
  /** Seconds from the last event's answer until the deliveries stopped (the backlog draining). */
  drainSeconds: number;
  idleKiBPerSubscription: number;
  /** The same in V8 heap used after a full collection. */
  heapKiBPerSubscription: number;
  rssIdleMiB: number;
  rssPeakMiB: number;
  mutationP99: number;
  failedMutations: number;
  closed: Record<string, number>;
  ready: number;
  unmatched: number;
  /** The machine's 1-minute load average as the window started and ended (2 cores, shared). */
  loadAverage: number[];
  /** Over the measured events, p50 / p99 / max of the latency of each event's first delivery (the time before its fan-out began). */
  eventFirst: number[];
  /** Over the measured events, p50 / p99 / max of the time from each event's first delivery to its last (its fan-out). */
  eventSpread: number[];
}

let seq = 1;

/** Pins `pid` and its threads to `cores` (taskset's list syntax). */
function pin(pid: number, cores: string): void {
  const run = spawnSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`taskset failed for ${pid}: ${run.stderr.trim()}`);
}
const others = `1-${Math.max(1, os.cpus().length - 1)}`;
if (values.pin) pin(process.pid, others);

/** CPU time every core of the machine has spent busy so far (/proc/stat: all but idle and iowait), in ms. */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const busy = ticks.reduce((a, b) => a + b, 0) - ticks[3]! - ticks[4]!;
  return (busy * 1000) / 100;
}

/** The process's write system calls so far (/proc/<pid>/io `syscw`): what a delivery costs the kernel, whatever the machine's load. */
function writeCalls(pid: number): number {
  return Number(/syscw:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? NaN);
}

/**
 * Forgets the per-address live counts (rate_limits, leases of an hour): a stopped service does
 * not give back the places of the sockets that closed just before it stopped, and the next scale
 * would be refused (429) for them.
 */
async function forgetLiveCounts(): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query("delete from rate_limits where key like 'live-%'");
  await db.end();
}

async function scale(n: number, password: string, log: EventLog): Promise<Row> {
  await forgetLiveCounts();
  const limit = String(n + 200);
  const inspector = await freePort();
  const service = await startService(url, 10, {
    password,
    env: {
      SQL_STATS: 'false',
      WEB_CONCURRENCY: '1',
      MAX_CONNECTIONS: String(n + 500),
      LIVE_MAX_CONNECTIONS_PER_ADDRESS: limit,
      LIVE_MAX_SUBSCRIPTIONS_PER_ADDRESS: limit,
      // For heapAfterGc: an inspector nobody attaches to while the load runs.
      // BENCH_SERVICE_NODE_OPTIONS: more flags for the service, e.g. `--cpu-prof --cpu-prof-dir=tmp/prof`.
      NODE_OPTIONS: `--inspect=127.0.0.1:${inspector} ${process.env.BENCH_SERVICE_NODE_OPTIONS ?? ''}`.trim(),
    },
  });
  // The writer: this process, or a second one (--writer separate) that the measured process never serves a mutation for.
  const writer = values.writer === 'separate' ? await startService(url, 10, { password, env: { SQL_STATS: 'false', WEB_CONCURRENCY: '1' } }) : service;
  if (values.pin) {
    pin(service.pid, '0');
    if (writer !== service) pin(writer.pid, others);
  }
  const w = await workload(url, { products: Number(values.products), reviewed: Number(values.reviewed), shared: Number(values.shared), reviewEvery: Number(values['review-every']) });
  try {
    // Warm the process (code paths compiled, pools filled) with a few subscribers, then let them go: the baseline.
    const warm = new SubscriberPool();
    await warm.open(service.url, specs(w, 50));
    const warmed = await drive(writer.url, writer.headers, w, { rate, seconds: 2, first: seq }, () => undefined);
    seq = warmed.next;
    if (warmed.failed) throw new Error(`warm-up mutations failed: ${warmed.errors.join('; ')}`);
    await warm.close();
    await quiet(service.pid);
    const { rss: base, heap: baseHeap } = await afterGc(inspector, service.pid, rssMiB);
    // The writes alone (no subscriber): what an event costs the service before any delivery.
    const alone = cpuMs(service.pid);
    const aloneCalls = writeCalls(service.pid);
    const bare = await drive(writer.url, writer.headers, w, { rate, seconds: Math.min(10, seconds), first: seq }, () => undefined);
    seq = bare.next;
    const writeMs = (cpuMs(service.pid) - alone) / (bare.next - bare.first);
    const writeCallsPerEvent = (writeCalls(service.pid) - aloneCalls) / (bare.next - bare.first);

    const subscribers = specs(w, n);
    const pool = await Generators.start(generators);
    if (values.pin) for (const pid of pool.pids) pin(pid, others);
    try {
      const opened = await pool.open(service.url, subscribers);
      await quiet(service.pid);
      const { rss: idle, heap: idleHeap } = await afterGc(inspector, service.pid, rssMiB);
      console.log(
        `${n} subscribers: ${opened.acked} acknowledged, ${opened.failed} failed; RSS ${base.toFixed(1)} → ${idle.toFixed(1)} MiB, heap + external ${baseHeap.toFixed(1)} → ${idleHeap.toFixed(1)} MiB`,
      );
      if (opened.failed) {
        const { errors, closeCodes } = await pool.stats();
        console.log(`  failures: ${JSON.stringify(closeCodes)} ${errors.join(' | ')}`);
      }

      const answers: Answer[] = [];
      const flush = setInterval(() => pool.answers(answers.splice(0)), 20);
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(service.pid))), 500);
      try {
        const warmRun = await drive(writer.url, writer.headers, w, { rate, seconds: warmup, first: seq }, () => undefined);
        seq = warmRun.next;
        const matcher = await Matcher.start(log, (a) => answers.push(a));
        pool.window(matcher.before + 1);
        const load = [os.loadavg()[0]!];
        const deliveredBefore = (await pool.stats()).delivered;
        const cpuBefore = cpuMs(service.pid);
        const generatorsBefore = pool.pids.reduce((n, pid) => n + cpuMs(pid), 0);
        const machineBefore = machineBusyMs();
        const callsBefore = writeCalls(service.pid);
        const started = Date.now();
        const run = await drive(writer.url, writer.headers, w, { rate, seconds, first: seq }, (_answer, subject) => matcher.add(subject));
        seq = run.next;
        load.push(os.loadavg()[0]!);
        await matcher.stop();
        const expected = Array.from({ length: run.next - run.first }, (_, k) => reach(w, subscribers, run.first + k)).reduce((a, b) => a + b, 0);
        // Until every delivery of the window has arrived, or none at all (of the window or the
        // warm-up before it) for 5 s, at most 300 s: a backlog drains in event order.
        let stats = await pool.stats();
        for (let still = 0, i = 0, last = -1; stats.windowDelivered < expected && still < 10 && i < 600; i++) {
          await sleep(500);
          stats = await pool.stats();
          still = stats.delivered === last ? still + 1 : 0;
          last = stats.delivered;
        }
        const cpu = cpuMs(service.pid) - cpuBefore;
        const generatorsCpu = pool.pids.reduce((n, pid) => n + cpuMs(pid), 0) - generatorsBefore;
        const machineBusy = machineBusyMs() - machineBefore;
        const calls = writeCalls(service.pid) - callsBefore;
        const elapsed = Date.now() - started;
        const histogram = new LatencyHistogram();
        histogram.merge(stats.histogram);
        const sorted = run.mutationMs.sort((a, b) => a - b);
        // Each event's first and last delivery over every generator: is a slow delivery late before the event's fan-out began, or within it?
        const perEvent = new Map<number, [number, number]>();
        for (const [seq, first, last] of stats.events) {
          const seen = perEvent.get(seq);
          perEvent.set(seq, seen ? [Math.min(seen[0], first), Math.max(seen[1], last)] : [first, last]);
        }
        const q = (list: number[], f: number) => Math.round((list.sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * f))] ?? 0) * 10) / 10;
        const firsts = [...perEvent.values()].map(([first]) => first);
        const spreads = [...perEvent.values()].map(([first, last]) => last - first);
        const delivered = stats.windowDelivered;
        // Every delivery the CPU paid for meanwhile, the warm-up's late ones included.
        const deliveries = stats.delivered - deliveredBefore;
        return {
          subscribers: n,
          rate,
          events: run.next - run.first,
          expected,
          delivered,
          p50: histogram.quantile(0.5),
          p99: histogram.quantile(0.99),
          max: histogram.quantile(1),
          earlier: histogram.negative,
          cpuMsPerDelivery: Math.round((Math.max(0, cpu - writeMs * (run.next - run.first)) / Math.max(1, deliveries)) * 10_000) / 10_000,
          writeCallsPerDelivery: Math.round((Math.max(0, calls - writeCallsPerEvent * (run.next - run.first)) / Math.max(1, deliveries)) * 1000) / 1000,
          writeCpuMsPerEvent: Math.round(writeMs * 100) / 100,
          cpuMsPerEvent: Math.round((cpu / Math.max(1, run.next - run.first)) * 100) / 100,
          cpuShare: Math.round((cpu / elapsed) * 100) / 100,
          generatorsShare: Math.round((generatorsCpu / elapsed) * 100) / 100,
          machineShare: Math.round((machineBusy / elapsed) * 100) / 100,
          drainSeconds: Math.round((elapsed - seconds * 1000) / 1000),
          idleKiBPerSubscription: Math.round((((idle - base) * 1024) / n) * 10) / 10,
          heapKiBPerSubscription: Math.round((((idleHeap - baseHeap) * 1024) / n) * 10) / 10,
          rssIdleMiB: Math.round(idle),
          rssPeakMiB: Math.round(peak),
          mutationP99: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
          failedMutations: run.failed + warmRun.failed,
          closed: stats.closeCodes,
          ready: stats.ready,
          unmatched: stats.unmatched,
          loadAverage: load,
          eventFirst: [q(firsts, 0.5), q(firsts, 0.99), q(firsts, 1)],
          eventSpread: [q(spreads, 0.5), q(spreads, 0.99), q(spreads, 1)],
        };
      } finally {
        clearInterval(flush);
        clearInterval(sampler);
      }
    } finally {
      await pool.close();
    }
  } finally {
    await service.stop();
    if (writer !== service) await writer.stop();
  }
}

await prepare();
if (!values.source) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run build failed (${run.status}):\n${run.stdout}${run.stderr}`);
}
const password = await benchEditor(url);
const rows: Row[] = [];
const log = await postgresLog(url);
for (const n of scales) {
  rows.push(await scale(n, password, log));
  const r = rows.at(-1)!;
  console.log(
    `${n} subscribers: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.delivered}/${r.expected} delivered, ${r.cpuMsPerDelivery} ms CPU/delivery, ${r.writeCallsPerDelivery} write calls/delivery, ${r.idleKiBPerSubscription} KiB/idle subscription, closed ${JSON.stringify(r.closed)}; cores: service ${r.cpuShare}, subscriber processes ${r.generatorsShare}, machine ${r.machineShare} of ${os.cpus().length}; per event, first delivery p50/p99/max ${r.eventFirst.join(' / ')} ms, first to last ${r.eventSpread.join(' / ')} ms`,
  );
}
console.log(
  `\none service process measured (writes through ${values.writer === 'same' ? 'it' : 'a second process'}${values.pin ? "; pinned to core 0, the benchmark's other processes to the others" : ''}), PostgreSQL, ${rate} events/s, ${seconds} s measured after ${warmup} s warm-up, ${generators} generator processes; node ${process.version}\n`,
);
console.log(
  '| subscribers | events | delivered / expected | p50 ms | p99 ms | max ms | service CPU ms / event (writes alone) | CPU ms / delivery beyond the write | write calls / delivery | cores used | KiB / idle subscription: RSS (heap + external), after a full GC | RSS idle / peak MiB | closed | load average |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
for (const r of rows) {
  const closed =
    Object.entries(r.closed)
      .map(([k, v]) => `${v}× ${k}`)
      .join(', ') || '0';
  console.log(
    `| ${r.subscribers} | ${r.events} | ${r.delivered} / ${r.expected} | ${r.p50} | ${r.p99} | ${r.max} | ${r.cpuMsPerEvent} (${r.writeCpuMsPerEvent}) | ${r.cpuMsPerDelivery} | ${r.writeCallsPerDelivery} | ${r.cpuShare} | ${r.idleKiBPerSubscription} (${r.heapKiBPerSubscription}) | ${r.rssIdleMiB} / ${r.rssPeakMiB} | ${closed} | ${r.loadAverage.map((x) => x.toFixed(1)).join(' → ')} |`,
  );
}
const out = path.resolve(ROOT, values.out!);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rate, seconds, warmup, generators, options: values, rows }, null, 2)}\n`);
console.log(`\nwrote ${values.out}`);
process.exit(0);
