import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ReplicaStatus } from '../db/replicas.js';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** What the metrics read from the service; each part is optional. */
export interface MetricsSources {
  pool?: () => PoolStats | undefined;
  replicas?: () => ReplicaStatus[];
  viewerCache?: { readonly active: boolean };
  /**
   * Operation names that are a label of their own (knownOperationNames: the documents the project
   * ships); every other name is "other", so the labels stay bounded whatever names clients send.
   */
  operations?: ReadonlySet<string>;
}

/**
 * The service's Prometheus metrics (prom-client), one registry per process: GraphQL requests by
 * operation and outcome, their latency, SQL statements per request, the database pool and Node's
 * own (event-loop lag, heap, GC, CPU). A cluster's primary aggregates its workers' registries.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations: ReadonlySet<string>;
  private readonly requests = new Counter({
    name: 'retrofun_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and outcome (ok, client_error, server_error).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'retrofun_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its answer, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly statements = new Histogram({
    name: 'retrofun_graphql_sql_statements',
    help: 'SQL statements one GraphQL request ran, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50, 100, 250],
    registers: [this.registry],
  });

  constructor({ pool, replicas, viewerCache, operations = new Set() }: MetricsSources = {}) {
    this.operations = operations;
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    if (viewerCache) {
      // Over workers: on only if every worker's is.
      new Gauge({
        name: 'retrofun_viewer_cache_on',
        help: 'Whether role checks are answered from the viewer cache (1) or read the account from the database (0: its listening session is down or unproven).',
        aggregator: 'min',
        registers: [this.registry],
        collect() {
          this.set(viewerCache.active ? 1 : 0);
        },
      });
    }
    if (pool) {
      new Gauge({
        name: 'retrofun_db_pool_connections',
        help: 'Database pool connections by state: in use, idle, and requests waiting for one.',
        labelNames: ['state'] as const,
        registers: [this.registry],
        collect() {
          const stats = pool();
          if (!stats) return;
          this.set({ state: 'used' }, stats.total - stats.idle);
          this.set({ state: 'idle' }, stats.idle);
          this.set({ state: 'waiting' }, stats.waiting);
        },
      });
    }
    if (replicas) {
      // Over workers: a replica is up only if every worker finds it so, and lags as much as the worst sees.
      new Gauge({
        name: 'retrofun_db_replica_up',
        help: 'Whether a read replica serves reads (1) or not (0: down, too far behind, not checked yet), by its position in DATABASE_REPLICA_URLS.',
        labelNames: ['replica'] as const,
        aggregator: 'min',
        registers: [this.registry],
        collect() {
          for (const r of replicas()) this.set({ replica: r.name }, r.state === 'up' ? 1 : 0);
        },
      });
      new Gauge({
        name: 'retrofun_db_replica_lag_seconds',
        help: "A read replica's replay lag at its last check (absent while it does not answer).",
        labelNames: ['replica'] as const,
        aggregator: 'max',
        registers: [this.registry],
        collect() {
          this.reset();
          for (const r of replicas()) if (r.lagSeconds !== null) this.set({ replica: r.name }, r.lagSeconds);
        },
      });
    }
  }

  /** In a cluster worker: answer the primary's requests for this registry (it sums all workers'). */
  answerPrimary(): void {
    AggregatorRegistry.setRegistries([this.registry]);
    // Constructing one installs prom-client's listener for the primary's requests.
    new AggregatorRegistry();
  }

  /** The label for an operation name: the name itself when it is a known one, else "other". */
  operation(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    return this.operations.has(name) ? name : 'other';
  }

  record(operation: string, outcome: 'ok' | 'client_error' | 'server_error', seconds: number, statements: number): void {
    this.requests.inc({ operation, outcome });
    this.duration.observe({ operation }, seconds);
    this.statements.observe({ operation }, statements);
  }
}

/** The primary's aggregate of every worker's registry (METRICS_PORT under WEB_CONCURRENCY > 1). */
export function clusterAggregator() {
  return new AggregatorRegistry();
}
