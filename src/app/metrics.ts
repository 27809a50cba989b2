import type http from 'node:http';
import type { AppConfig } from '../config.js';
import type { ViewerCache } from '../modules/wiki/viewer-cache.js';
import type { Metrics } from '../observability/metrics.js';
import { fromRegistry, listenMetrics } from '../observability/metrics-http.js';
import { knownOperationNames } from '../observability/operation-names.js';
import { listenOn } from '../startup-errors.js';
import type { Database } from './database.js';

/**
 * The Prometheus metrics (METRICS=true), reading the pool, the replicas and the viewer cache.
 * prom-client is loaded here, only then.
 */
export async function createMetrics(config: AppConfig, db: Database, viewers: ViewerCache | undefined): Promise<Metrics | undefined> {
  if (!config.metrics.enabled) return undefined;
  const { Metrics } = await import('../observability/metrics.js');
  const { replicas } = db;
  return new Metrics({ pool: db.poolStats, replicas: replicas && (() => replicas.statuses), viewerCache: viewers, operations: knownOperationNames() });
}

/**
 * METRICS_PORT's server, when configured. A cluster worker (`inPrimary`) leaves that port to its
 * primary, which serves all workers' metrics there, asking each worker for this registry.
 */
export async function serveMetrics(metrics: Metrics | undefined, config: AppConfig, host: string, inPrimary: boolean): Promise<http.Server | undefined> {
  if (metrics && inPrimary) metrics.answerPrimary();
  const port = config.metrics.port;
  if (!metrics || port === undefined || inPrimary) return undefined;
  return listenOn('METRICS_PORT', () => listenMetrics(fromRegistry(metrics.registry), port, host));
}
