import { Writable } from 'node:stream';
import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const MANUFACTURERS = `{ manufacturers(first: 2, orderBy: [{ field: NAME }]) { nodes { id name } } }`;

type Answer = { data: { manufacturers: { nodes: { id: string; name: string }[] } } };

/** Starts a service whose SQL statements (LOG_LEVEL=debug) land in `into`. */
function withStatements(into: string[], overrides: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const sink = new Writable({
    write: (chunk: Buffer, _e, done) => {
      const line = JSON.parse(chunk.toString()) as { msg?: string; sql?: string };
      if (line.msg === 'sql' && line.sql && !line.sql.includes('table_versions')) into.push(line.sql);
      done();
    },
  });
  return startTestApp(overrides, pino({ level: 'debug' }, sink));
}

async function renameDirectly(t: TestApp, suffix: string): Promise<void> {
  const sql = `update manufacturers set name = name || '${suffix}'`;
  if (t.db.config.dialect === 'postgresql') {
    const client = new pg.Client({ connectionString: t.db.config.url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
    return;
  }
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(t.db.config.url);
  db.exec(sql);
  db.close();
}

describe('the response cache (RESPONSE_CACHE)', () => {
  let t: TestApp;
  const statements: string[] = [];
  const get = async () => {
    const res = await fetch(`${t.app.url}?query=${encodeURIComponent(MANUFACTURERS)}`);
    return { etag: res.headers.get('etag'), body: (await res.json()) as Answer };
  };

  beforeAll(async () => {
    t = await withStatements(statements);
  });
  afterAll(() => t?.close());

  it('serves a kept public answer without running a statement', async () => {
    const first = await get();
    statements.length = 0;
    const second = await get();
    expect(second.body).toEqual(first.body);
    expect(second.etag).toBe(first.etag);
    expect(statements).toEqual([]);
  });

  it('never serves an entry once a commit changed a table it read: every answer after the change shows it', async () => {
    const before = await get();
    await renameDirectly(t, ' (new)');
    // Until the commit is heard (PostgreSQL: its notification, within a second) the old versions
    // stand; from the first answer under new versions on, each shows the new names.
    let seen = false;
    const until = Date.now() + 1_000;
    while (Date.now() < until) {
      const now = await get();
      if (now.etag !== before.etag) seen = true;
      if (seen) expect(now.body.data.manufacturers.nodes.every((m) => m.name.endsWith(' (new)'))).toBe(true);
      else expect(now.body).toEqual(before.body);
      if (seen && t.db.config.dialect === 'sqlite') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen).toBe(true);
  });

  it('is off with RESPONSE_CACHE=off: every answer runs, ETags and 304s stay', async () => {
    const off: string[] = [];
    const other = await withStatements(off, { responseCache: { enabled: false, maxBytes: 1024 } });
    try {
      const ask = (headers: Record<string, string> = {}) => fetch(`${other.app.url}?query=${encodeURIComponent(MANUFACTURERS)}`, { headers });
      const first = await ask();
      const etag = first.headers.get('etag');
      expect(etag).not.toBeNull();
      off.length = 0;
      expect((await ask()).status).toBe(200);
      expect(off.length).toBeGreaterThan(0);
      off.length = 0;
      expect((await ask({ 'if-none-match': etag! })).status).toBe(304);
      expect(off).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
