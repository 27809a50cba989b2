import http from 'node:http';
import type { Registry } from 'prom-client';

/** The exposition text of a registry (or of a cluster's aggregate), for GET /metrics. */
export type MetricsSource = () => Promise<{ contentType: string; body: string }>;

export function fromRegistry(registry: Registry): MetricsSource {
  return async () => ({ contentType: registry.contentType, body: await registry.metrics() });
}

/** Answers GET /metrics from `source`; anything else is a 404. */
export function metricsHandler(source: MetricsSource): http.RequestListener {
  return (req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: this port serves GET /metrics only\n');
      return;
    }
    source().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  };
}

/** A server of its own for /metrics (METRICS_PORT), so that the public port never exposes them. */
export async function listenMetrics(source: MetricsSource, port: number, host: string): Promise<http.Server> {
  const server = http.createServer(metricsHandler(source));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
