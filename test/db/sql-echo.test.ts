import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactSql } from '../../src/db/sql-log.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDialect } from '../support/target.js';

/** The book's echo=True: every statement at debug level, with its duration and request, values redacted. */
describe('SQL echo', () => {
  let debug: TestApp;
  let info: TestApp;
  const debugLines: Record<string, unknown>[] = [];
  const infoLines: Record<string, unknown>[] = [];
  const sink = (into: Record<string, unknown>[]) =>
    new Writable({
      write: (chunk: Buffer, _e, done) => {
        for (const line of chunk.toString().trim().split('\n')) into.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });

  beforeAll(async () => {
    debug = await startTestApp({}, pino({ level: 'debug' }, sink(debugLines)));
    info = await startTestApp({}, pino({ level: 'info' }, sink(infoLines)));
  });
  afterAll(async () => {
    await debug?.close();
    await info?.close();
  });

  it('logs each statement of a request with its duration and the request id, string values redacted', async () => {
    debugLines.length = 0;
    const res = await debug.gql(`{ products(first: 3, filter: { nameContains: "Amiga" }) { nodes { name manufacturer { name } } } }`);
    expect(res.errors).toBeUndefined();
    const sql = debugLines.filter((l) => l.component === 'sql' && l.msg === 'sql');
    const request = debugLines.find((l) => l.msg === 'graphql request')!;
    expect(sql.length).toBe((res.extensions!.sql as { statements: number }).statements);
    for (const line of sql) {
      expect(line.level).toBe(20);
      expect(line.requestId).toBe(request.requestId);
      expect(typeof line.durationMs).toBe('number');
      expect(line.sql).toMatch(/^select /i);
      expect(line.sql).not.toContain('Amiga');
      // Values are placeholders in the logged text, and literal strings are redacted.
      expect(line.sql).toMatch(/\?/);
    }
  });

  it('logs no statement at info level', async () => {
    infoLines.length = 0;
    await info.gql(`{ products(first: 3) { nodes { name } } }`);
    expect(infoLines.some((l) => l.component === 'sql')).toBe(false);
  });

  it('redacts string literals, quotes inside them included, and keeps numbers', () => {
    expect(redactSql(`select * from "users" where "name" = 'O''Brien' and "id" = 5 and "hash" = '$2b$10$abc'`)).toBe(`select * from "users" where "name" = '…' and "id" = 5 and "hash" = '…'`);
  });

  it.runIf(testDialect() === 'postgresql')('takes the pool size and statement timeout from DATABASE_POOL_MAX and DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    const tuned = await startTestApp({ database: { ...info.config.database, poolMax: 3, statementTimeoutMs: 1500 } });
    try {
      const conn = tuned.app.orm.em.fork().getConnection();
      const pool = (await conn.getNativeClient()) as unknown as { options: { max: number } };
      expect(pool.options.max).toBe(3);
      const rows = await conn.execute<{ statement_timeout: string }[]>('show statement_timeout');
      expect(rows[0]!.statement_timeout).toBe('1500ms');
    } finally {
      await tuned.app.close();
    }
  });
});
