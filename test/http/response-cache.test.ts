import { Writable } from 'node:stream';
import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWN_MANIFEST, readManifest } from '../../src/graphql/documents/manifest.js';
import { startTestApp, type TestApp } from '../support/app.js';

const MANUFACTURERS = `{ manufacturers(first: 2, orderBy: [{ field: NAME }]) { nodes { id name } } }`;
/** An answer above compression's 1 KB threshold. */
const PRODUCTS = `{ products(first: 40) { nodes { id name } } }`;

/** An answer's headers but those of its request alone or of its transfer. */
function lasting(res: Response): Record<string, string> {
  const skip = new Set(['x-request-id', 'date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  return Object.fromEntries([...res.headers].filter(([name]) => !skip.has(name)));
}

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

  it('serves a hit with the headers of the miss that kept it, CORS, gzip when accepted, and 304s, running no statement', async () => {
    const ask = (headers: Record<string, string> = {}) =>
      fetch(`${t.app.url}?query=${encodeURIComponent(PRODUCTS)}`, { headers: { 'accept-encoding': 'gzip', origin: 'https://example.org', ...headers } });
    const miss = await ask();
    const missBody = await miss.text();
    expect(missBody.length).toBeGreaterThan(1024);
    expect(miss.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    statements.length = 0;
    const hit = await ask();
    expect(lasting(hit)).toEqual(lasting(miss));
    expect(hit.headers.get('content-encoding')).toBe('gzip');
    expect(hit.headers.get('access-control-allow-origin')).toBe('*');
    expect(hit.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await hit.text()).toBe(missBody);
    const plain = await ask({ 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(missBody);
    const unchanged = await ask({ 'if-none-match': hit.headers.get('etag')! });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(hit.headers.get('etag'));
    expect(statements).toEqual([]);
  });

  it('leaves to the playground a document id asked for by a browser, though the same text was kept for the same Accept', async () => {
    const [id, text] = readManifest(OWN_MANIFEST).find(([, text]) => text.startsWith('query ProductDetail'))!;
    const variables = JSON.stringify({ id: 'UHJvZHVjdDox' });
    const accept = 'text/html, application/json;q=0.9';
    const byText = () => fetch(`${t.app.url}?${new URLSearchParams({ query: text, variables })}`, { headers: { accept } });
    expect((await byText()).headers.get('cache-control')).toMatch(/^public/);
    expect((await byText()).headers.get('content-type')).toMatch(/json/);
    const byId = await fetch(`${t.app.url}?${new URLSearchParams({ documentId: id, variables })}`, { headers: { accept } });
    expect(byId.headers.get('content-type')).toMatch(/^text\/html/);
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

describe('kept answers under TRUSTED_DOCUMENTS=require', () => {
  const detail = readManifest(OWN_MANIFEST).find(([, text]) => text.startsWith('query ProductDetail'))!;
  const variables = JSON.stringify({ id: 'UHJvZHVjdDox' });
  let t: TestApp;
  const statements: string[] = [];
  beforeAll(async () => {
    t = await withStatements(statements, { trustedDocuments: { mode: 'require', bypassRoles: ['editor', 'admin'] } });
  });
  afterAll(() => t?.close());

  it('serves a document id from the cache, and still refuses the same text, whose answer is kept under the same key', async () => {
    const byId = () => fetch(`${t.app.url}?${new URLSearchParams({ documentId: detail[0], variables })}`);
    const first = await byId();
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/^public/);
    statements.length = 0;
    const second = await byId();
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await second.json()).toEqual(await first.json());
    expect(statements).toEqual([]);
    const byText = await fetch(`${t.app.url}?${new URLSearchParams({ query: detail[1], variables })}`);
    expect(byText.status).toBe(400);
    expect(((await byText.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
  });
});
