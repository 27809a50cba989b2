import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from './config.js';
import { openOrm } from './db/orm.js';
import { prepareDatabase } from './app/database.js';
import { listenMetrics } from './observability/metrics-http.js';
import { projectRoot } from './paths.js';
import { trackHandoffs } from './seams/node-cluster.js';
import { WorkerDeaths } from './cluster-deaths.js';
import { serveLimitsToWorkers } from './graphql/limit-store.js';
import { isLivePoke } from './realtime/feed.js';
import { isStartupFailed, listenOn } from './startup-errors.js';

/** How long workers get to finish their requests on shutdown before they are killed. */
const STOP_GRACE_MS = 30_000;

interface Started {
  at: number;
  handoffs: ReturnType<typeof trackHandoffs>;
  /** The worker's own one-line report of why it could not start. */
  reason?: string;
  connectionsClosed?: number;
}

/**
 * The primary of WEB_CONCURRENCY workers (node:cluster): migrates and seeds once, forks the
 * workers, the first alone and the others once it listens (they share the port; the primary
 * hands out connections round-robin), keeps the counts of their rate limits (on SQLite),
 * restarts one that dies, serves every worker's metrics on METRICS_PORT, and on SIGTERM/SIGINT
 * stops them all gracefully before exiting 0. It serves no
 * requests itself. When no worker can start, or workers keep dying (src/cluster-deaths.ts), it
 * stops the others, prints one line naming the cause and exits 1.
 */
export async function runPrimary(config: AppConfig, workers: number, logger: Logger): Promise<{ stop(signal: string): void }> {
  const orm = await openOrm(config.database);
  try {
    await prepareDatabase(orm, config, logger);
  } finally {
    await orm.close();
  }
  let metricsServer: Awaited<ReturnType<typeof listenMetrics>> | undefined;
  const metricsPort = config.metrics.port;
  if (config.metrics.enabled && metricsPort !== undefined) {
    // One aggregator for the primary's life: it asks every worker for its registry and sums them.
    const { clusterAggregator } = await import('./observability/metrics.js');
    const aggregate = clusterAggregator();
    metricsServer = await listenOn('METRICS_PORT', () => listenMetrics(async () => ({ contentType: aggregate.contentType, body: await aggregate.clusterMetrics() }), metricsPort, config.host));
  }
  serveLimitsToWorkers();

  // Workers start the way this process did (bin/launch.mjs: the build, or the sources through tsx).
  cluster.setupPrimary({ exec: path.join(projectRoot(), 'bin/launch.mjs'), args: ['src/server'] });
  let stopping = false;
  const deaths = new WorkerDeaths();
  const started = new Map<number, Started>();
  // The first worker alone, the others once one listens: on a machine with a core per worker,
  // workers that load at once each take as long as all of them in turn, and the first answer
  // would wait for every one of them.
  let unforked = workers - 1;
  cluster.on('listening', () => {
    deaths.ready();
    if (stopping || unforked === 0) return;
    for (; unforked > 0; unforked--) fork();
    logger.info({ workers, pid: process.pid }, 'cluster primary started its workers');
  });
  cluster.on('message', (worker: Worker, message: unknown) => {
    // SQLite: a worker committed a write that may carry live events; its siblings read them too.
    if (isLivePoke(message)) {
      for (const other of Object.values(cluster.workers ?? {})) if (other && other !== worker && other.isConnected()) other.send(message);
      return;
    }
    const entry = started.get(worker.id);
    if (entry && isStartupFailed(message)) entry.reason = message.reason;
  });

  const stopWorkers = async (): Promise<void> => {
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    const killer = setTimeout(() => {
      for (const w of alive) w.process.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    clearTimeout(killer);
    if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
  };
  /** One line for the operator (and its supervisor: exit 1), after the other workers stopped. */
  const giveUp = (line: string) => {
    stopping = true;
    void stopWorkers().then(() => {
      console.error(`retrofun-graphql: ${line}`);
      process.exit(1);
    });
  };

  const died = (worker: Worker, entry: Started, code: number | null, signal: NodeJS.Signals | null) => {
    if (stopping) return;
    const cause = entry.reason ?? (signal ? `a worker was killed by ${signal}` : `a worker exited with code ${code}`);
    const verdict = deaths.died(Date.now() - entry.at, cause);
    if ('fatal' in verdict) return giveUp(verdict.fatal);
    logger.error({ worker: worker.process.pid, code, signal, reason: entry.reason, restartInMs: verdict.restartInMs, connectionsClosed: entry.connectionsClosed }, 'a worker died: starting another');
    // Not unref'd: the primary stays up to start it, whatever else is left to keep it alive.
    setTimeout(() => !stopping && fork(), verdict.restartInMs);
  };
  const fork = () => {
    // A secret generated here (development without JWT_SECRET) is shared, or a token signed by
    // one worker would be refused by the next.
    const worker = cluster.fork(config.jwtSecretGenerated ? { JWT_SECRET: config.jwtSecret } : {});
    const entry: Started = { at: Date.now(), handoffs: trackHandoffs(worker) };
    started.set(worker.id, entry);
    // A message to a worker that has just died (a rate limit's answer) fails here, not as a crash of the primary.
    worker.on('error', (error) => logger.warn({ err: error, worker: worker.process.pid }, 'could not send to a worker'));
    // Connections on their way to this worker when it died: ended now rather than left open.
    worker.once('exit', () => (entry.connectionsClosed = entry.handoffs.closeUnanswered()));
    // Its report of why it could not start may come after 'exit'; 'close' comes after both.
    worker.process.once('close', (code, signal) => {
      started.delete(worker.id);
      died(worker, entry, code, signal);
    });
  };
  if (config.jwtSecretGenerated) {
    logger.warn('JWT_SECRET is not set: using a secret generated for this run, so tokens die with it (never do this in production)');
  }
  fork();

  return {
    stop(signal: string) {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down the cluster: workers finish their requests in flight');
      void stopWorkers().then(() => {
        logger.info('stopped');
        process.exit(0);
      });
    },
  };
}

/** Workers to run: WEB_CONCURRENCY, else one in development and one per core in production. */
export function workerCount(config: AppConfig, cores: number): number {
  return config.webConcurrency ?? (config.production ? cores : 1);
}
