import cluster from 'node:cluster';
import os from 'node:os';
import { runPrimary, workerCount } from './cluster.js';
import { createLogger } from './logger.js';
import { loadConfig, loadDotEnv } from './config.js';
import { redactUrl } from './db/orm.js';
import { startupFailureLine, type StartupFailed } from './startup-errors.js';
import { watchParent } from './parent-watch.js';

/** Entry point: configure, bootstrap, serve, and shut down cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const isWorker = cluster.isWorker;
  const workers = workerCount(config, os.availableParallelism());
  if (!isWorker && workers > 1) {
    const primary = await runPrimary(config, workers, createLogger(config.logLevel));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => primary.stop(signal));
    if (process.env.npm_lifecycle_event) watchParent(() => primary.stop('parent exited'));
    return;
  }
  // Loaded here, not above: a cluster's primary serves no requests, so it never loads the GraphQL
  // layer, the HTTP stack or the resolvers, and forks its workers that much sooner.
  const { bootstrap } = await import('./app.js');
  const app = await bootstrap({
    config,
    host: config.host,
    // The primary migrated and seeded once, and serves the workers' metrics on METRICS_PORT.
    migrate: !isWorker,
    metricsPortInPrimary: isWorker,
    limitsInPrimary: isWorker,
  });
  app.logger.info(
    { url: app.url.replace('0.0.0.0', 'localhost'), pid: process.pid, ...(isWorker ? { worker: cluster.worker?.id } : {}), database: config.database.dialect, at: redactUrl(config.database.url) },
    'RetroFun GraphQL is serving',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down: finishing requests in flight');
    app.close().then(
      () => {
        app.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        app.logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(signal));
  // Started by npm (npm → sh → node): npm's signals die with sh, so follow the parent instead.
  // A worker follows its primary the same way: killed outright, it must not leave workers behind.
  if (process.env.npm_lifecycle_event || isWorker) watchParent(() => stop('parent exited'));
}

main().catch((error: unknown) => {
  // Expected start-up failures are one line for the operator, not a stack trace.
  const line = startupFailureLine(error);
  if (line === undefined) console.error(error);
  if (cluster.isWorker && process.send) {
    // The primary says why, once for all its workers, and decides whether to start another.
    const report: StartupFailed = { retrofun: 'startup-failed', reason: line ?? String(error).split('\n')[0]! };
    process.send(report, () => process.exit(1));
    return;
  }
  if (line !== undefined) console.error(`retrofun-graphql: ${line}`);
  process.exit(1);
});
