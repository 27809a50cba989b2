import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { freePort } from '../support/process.js';

const base = (t: TestApp) => t.app.url.replace(/\/graphql$/, '');
const text = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};
/** The value of one sample line, e.g. retrofun_graphql_requests_total{operation="X",outcome="ok"}. */
const sample = (body: string, line: string) => Number(new RegExp(`^${line.replace(/[{}()[\]|.+*?^$\\]/g, '\\$&')} (\\S+)$`, 'm').exec(body)?.[1] ?? NaN);

describe('GET /metrics (Prometheus)', () => {
  it('is off unless METRICS=true', async () => {
    const t = await startTestApp();
    try {
      expect((await text(`${base(t)}/metrics`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  describe('on the public port (METRICS=true, no METRICS_PORT)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ metrics: { enabled: true } });
    });
    afterAll(() => t?.close());

    it('counts requests by operation and outcome, with latency, statements, pool and event-loop lag', async () => {
      for (let i = 0; i < 3; i++) expect((await t.gql(`query ProductSearch { products(first: 2) { nodes { name } } }`)).errors).toBeUndefined();
      await t.gql(`query ProductDetail { products(first: 2) { nodes { nope } } }`);
      await t.gql(`query RecentOrders { orders(first: 1) { totalCount } }`);
      const { status, type, body } = await text(`${base(t)}/metrics`);
      expect(status).toBe(200);
      expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(sample(body, 'retrofun_graphql_requests_total{operation="ProductSearch",outcome="ok"}')).toBe(3);
      expect(sample(body, 'retrofun_graphql_requests_total{operation="ProductDetail",outcome="client_error"}')).toBe(1);
      // Anonymous readers get null orders with UNAUTHENTICATED: a client error, not the service's.
      expect(sample(body, 'retrofun_graphql_requests_total{operation="RecentOrders",outcome="client_error"}')).toBe(1);
      expect(sample(body, 'retrofun_graphql_request_duration_seconds_count{operation="ProductSearch"}')).toBe(3);
      // One statement per request: the page of product names (eager).
      expect(sample(body, 'retrofun_graphql_sql_statements_sum{operation="ProductSearch"}')).toBe(3);
      expect(body).toMatch(/^nodejs_eventloop_lag_seconds \S+$/m);
      if (t.db.config.dialect === 'postgresql') expect(body).toMatch(/^retrofun_db_pool_connections\{state="idle"\} \d+$/m);
    });

    it('labels only the operation names of the documents the project ships: any other name a client sends is "other"', async () => {
      const before = sample((await text(`${base(t)}/metrics`)).body, 'retrofun_graphql_requests_total{operation="other",outcome="ok"}') || 0;
      // Names a client invents, first: before, the first 200 of them took every label slot.
      await Promise.all(Array.from({ length: 230 }, (_, i) => t.gql(`query Name${i} { __typename }`)));
      // Then the example operations' and the orders page's names, still labelled as themselves.
      await t.gql(`query WikiPages { __typename }`);
      await t.gql(`query OrdersPage { __typename }`);
      await t.gql(`{ __typename }`);
      const { body } = await text(`${base(t)}/metrics`);
      const names = new Set([...body.matchAll(/^retrofun_graphql_requests_total\{operation="([^"]+)"/gm)].map((m) => m[1]));
      expect([...names].filter((n) => /^Name\d+$/.test(n!))).toEqual([]);
      expect(sample(body, 'retrofun_graphql_requests_total{operation="other",outcome="ok"}') - before).toBe(230);
      expect(sample(body, 'retrofun_graphql_requests_total{operation="WikiPages",outcome="ok"}')).toBe(1);
      expect(sample(body, 'retrofun_graphql_requests_total{operation="OrdersPage",outcome="ok"}')).toBe(1);
      expect(sample(body, 'retrofun_graphql_requests_total{operation="anonymous",outcome="ok"}')).toBe(1);
    });
  });

  it('with METRICS_PORT: only on that port, never on the public one', async () => {
    const port = await freePort();
    const t = await startTestApp({ metrics: { enabled: true, port } });
    try {
      await t.gql(`query ProductSearch { products(first: 1) { nodes { name } } }`);
      expect((await text(`${base(t)}/metrics`)).status).toBe(404);
      const own = await text(`http://127.0.0.1:${port}/metrics`);
      expect(own.status).toBe(200);
      expect(sample(own.body, 'retrofun_graphql_requests_total{operation="ProductSearch",outcome="ok"}')).toBe(1);
      expect((await text(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
    } finally {
      await t.close();
    }
    // Closed with the service.
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
