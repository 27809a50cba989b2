import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAt, startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { testDialect } from '../support/target.js';

/** A database that cannot take the request answers a retryable 503, and the service carries on. */
describe.runIf(testDialect() === 'sqlite')('a locked SQLite database', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    t = await startTestApp({ sqliteBusyTimeoutMs: 50 }, pino({ level: 'info' }, stream));
  });
  afterAll(() => t?.close());

  it('answers 503 SERVICE_UNAVAILABLE while another process holds the write lock, then writes again', async () => {
    const editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
    const create = (name: string) =>
      fetch(t.app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...editor },
        body: JSON.stringify({ query: `mutation { createCountry(input: { name: "${name}" }) { country { name } } }` }),
      });
    const other = new Database(t.db.config.url, { timeout: 0 });
    other.prepare('begin immediate').run();
    try {
      const res = await create('Lockland');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      // The log line says what the client got: 503, not the 200 Apollo had set when it was written.
      const id = res.headers.get('x-request-id');
      await new Promise((r) => setTimeout(r, 20));
      expect(lines.find((l) => l.requestId === id && l.msg === 'graphql request')).toMatchObject({ status: 503, errorCodes: ['SERVICE_UNAVAILABLE'] });
    } finally {
      other.prepare('rollback').run();
      other.close();
    }
    const again = await create('Lockland');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ data: { createCountry: { country: { name: 'Lockland' } } }, extensions: expect.anything() });
  });
});

describe('subscriptions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('sent as a plain HTTP request get a code of their own, and a 400, pointing at the live transports', async () => {
    const res = await postAt(t.app.url, `subscription { productChanged { name } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors![0]).toMatchObject({
      message: 'Subscriptions are served over WebSocket (graphql-ws) and Server-Sent Events (graphql-sse) on /graphql, not as plain HTTP requests',
      extensions: { code: 'SUBSCRIPTIONS_NOT_SUPPORTED' },
    });
  });
});
