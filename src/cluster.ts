import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import { AggregatorRegistry } from 'prom-client';
import type { Logger } from 'pino';
import type { AppConfig } from './config.js';
import { openOrm } from './db/orm.js';
import { prepareDatabase } from './app.js';
import { listenMetrics } from './observability/metrics-http.js';
import { projectRoot } from './paths.js';
import { trackHandoffs } from './cluster-handoff.js';

/** A worker that dies this soon after its start counts as crashing; restarts then back off. */
const CRASH_WINDOW_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
/** How long workers get to finish their requests on shutdown before they are killed. */
const STOP_GRACE_MS = 30_000;

/**
 * The primary of WEB_CONCURRENCY workers (node:cluster): migrates and seeds once, forks the
 * workers (they share the port; the primary hands out connections round-robin), restarts one
 * that dies, serves every worker's metrics on METRICS_PORT, and on SIGTERM/SIGINT stops them all
 * gracefully before exiting 0. It serves no requests itself.
 */
export async function runPrimary(config: AppConfig, workers: number, logger: Logger): Promise<{ stop(signal: string): void }> {
  const orm = await openOrm(config.database);
  try {
    await prepareDatabase(orm, config, logger);
  } finally {
    await orm.close();
  }
  let metricsServer: Awaited<ReturnType<typeof listenMetrics>> | undefined;
  if (config.metrics.enabled && config.metrics.port !== undefined) {
    // One aggregator for the primary's life: it asks every worker for its registry and sums them.
    const aggregate = new AggregatorRegistry();
    metricsServer = await listenMetrics(async () => ({ contentType: aggregate.contentType, body: await aggregate.clusterMetrics() }), config.metrics.port, process.env.HOST ?? '0.0.0.0');
  }

  // Workers start the way this process did (bin/launch.mjs: the build, or the sources through tsx).
  cluster.setupPrimary({ exec: path.join(projectRoot(), 'bin/launch.mjs'), args: ['src/server'] });
  let stopping = false;
  let crashes = 0;
  const started = new Map<number, { at: number; handoffs: ReturnType<typeof trackHandoffs> }>();
  const fork = () => {
    // A secret generated here (development without JWT_SECRET) is shared, or a token signed by
    // one worker would be refused by the next.
    const worker = cluster.fork(config.jwtSecretGenerated ? { JWT_SECRET: config.jwtSecret } : {});
    started.set(worker.id, { at: Date.now(), handoffs: trackHandoffs(worker) });
  };
  cluster.on('exit', (worker: Worker, code, signal) => {
    const entry = started.get(worker.id);
    started.delete(worker.id);
    // Connections on their way to this worker when it died: ended now rather than left open.
    const connectionsClosed = entry?.handoffs.closeUnanswered() ?? 0;
    if (stopping) return;
    const lived = Date.now() - (entry?.at ?? 0);
    crashes = lived < CRASH_WINDOW_MS ? crashes + 1 : 0;
    const delay = Math.min(MAX_BACKOFF_MS, crashes ? 250 * 2 ** crashes : 0);
    logger.error({ worker: worker.process.pid, code, signal, restartInMs: delay, connectionsClosed }, 'a worker died: starting another');
    setTimeout(() => !stopping && fork(), delay).unref();
  });
  if (config.jwtSecretGenerated) {
    logger.warn('JWT_SECRET is not set: using a secret generated for this run, so tokens die with it (never do this in production)');
  }
  for (let i = 0; i < workers; i++) fork();
  logger.info({ workers, pid: process.pid }, 'cluster primary started its workers');

  return {
    stop(signal: string) {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down the cluster: workers finish their requests in flight');
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
      const killer = setTimeout(() => alive.forEach((w) => w.process.kill('SIGKILL')), STOP_GRACE_MS);
      Promise.all(alive.map((w) => new Promise<void>((resolve) => {
        if (w.isDead()) return resolve();
        w.once('exit', () => resolve());
        w.process.kill('SIGTERM');
      }))).then(async () => {
        clearTimeout(killer);
        if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
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
