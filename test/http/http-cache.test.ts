import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { sqlEchoLogger } from '../support/statements.js';

const PRODUCTS = `query Products { products(first: 3, orderBy: [{ field: NAME }]) { nodes { id name price manufacturer { name } } } }`;
const PRODUCT_NAME = `query ProductName($id: ID!) { product(id: $id) { name } }`;

/** A write made outside the service: a plain pg client (PostgreSQL), or a second SQLite connection on the file. */
async function writeDirectly(t: TestApp, sql: string, rollback = false): Promise<void> {
  if (t.db.config.dialect === 'postgresql') {
    const client = new pg.Client({ connectionString: t.db.config.url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(sql);
      await client.query(rollback ? 'rollback' : 'commit');
    } finally {
      await client.end();
    }
    return;
  }
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(t.db.config.url);
  try {
    db.exec('begin');
    db.exec(sql);
    db.exec(rollback ? 'rollback' : 'commit');
  } finally {
    db.close();
  }
}

/** Polls `probe` until it holds, for at most `ms`. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('HTTP caching of public GET queries', () => {
  let t: TestApp;
  const sql: string[] = [];
  const tokens = new Map<Who, Record<string, string>>();
  const url = (query: string, variables?: Record<string, unknown>) =>
    `${t.app.url}?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;
  const get = (query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) => fetch(url(query, variables), { headers });
  const etagOf = async (query: string, variables?: Record<string, unknown>) => (await get(query, {}, variables)).headers.get('etag');
  let firstId: string;

  beforeAll(async () => {
    t = await startTestApp({}, sqlEchoLogger(sql));
    const first = await t.gql<{ products: { nodes: { id: string }[] } }>(PRODUCTS);
    firstId = first.data!.products.nodes[0]!.id;
  });
  afterAll(() => t?.close());

  it('answers Cache-Control public with the shortest maxAge, and an ETag', async () => {
    const res = await get(PRODUCTS);
    expect(res.status).toBe(200);
    // Product 60 s, Manufacturer 300 s, Product.price 30 s: the shortest wins.
    expect(res.headers.get('cache-control')).toBe('public, max-age=30');
    expect(res.headers.get('etag')).toMatch(/^W\/"[\w-]+"$/);
    const names = await get(PRODUCT_NAME, {}, { id: firstId });
    expect(names.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('answers a current If-None-Match with 304, running no statement of the operation', async () => {
    const etag = (await etagOf(PRODUCTS))!;
    sql.length = 0;
    const res = await get(PRODUCTS, { 'if-none-match': etag });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(etag);
    expect(await res.text()).toBe('');
    // SQLite reads the versions (one statement on table_versions); PostgreSQL keeps them in memory.
    expect(sql.filter((s) => !s.includes('table_versions'))).toEqual([]);
    expect(sql.length).toBe(t.db.config.dialect === 'sqlite' ? 1 : 0);
  });

  it('changes the ETag within a second of a mutation committed through the service', async () => {
    const before = await etagOf(PRODUCT_NAME, { id: firstId });
    const editor = await headersFor(t, 'editor', tokens);
    const renamed = await t.gql(`mutation($id: ID!) { updateProduct(input: { productId: $id, name: "Renamed by a mutation" }) { product { name } } }`, { id: firstId }, editor);
    expect(renamed.errors).toBeUndefined();
    // This process re-reads the versions at its own commit: the very next request sees them.
    const after = await get(PRODUCT_NAME, {}, { id: firstId });
    expect(after.headers.get('etag')).not.toBe(before);
    expect(((await after.json()) as { data: { product: { name: string } } }).data.product.name).toBe('Renamed by a mutation');
    const stale = await get(PRODUCT_NAME, { 'if-none-match': before! }, { id: firstId });
    expect(stale.status).toBe(200);
  });

  it('changes the ETag within a second of a write committed by another connection, not of a rolled-back one', async () => {
    const before = await etagOf(PRODUCTS);
    await writeDirectly(t, `update manufacturers set name = name || ' (rolled back)'`, true);
    await new Promise((r) => setTimeout(r, 300));
    expect(await etagOf(PRODUCTS)).toBe(before);
    await writeDirectly(t, `update manufacturers set name = name || ' (renamed)'`);
    expect(await within(1_000, async () => (await etagOf(PRODUCTS)) !== before)).toBe(true);
    const res = await get(PRODUCTS);
    const body = (await res.json()) as { data: { products: { nodes: { manufacturer: { name: string } }[] } } };
    expect(body.data.products.nodes.every((p) => p.manufacturer.name.endsWith(' (renamed)'))).toBe(true);
  });

  it("makes signed-in and viewer-dependent answers no-store, with no ETag, and never serves one account another's", async () => {
    const editor = await headersFor(t, 'editor', tokens);
    const admin = await headersFor(t, 'admin', tokens);
    const mine = await get(`{ me { name } }`, editor);
    expect(mine.headers.get('cache-control')).toBe('no-store');
    expect(mine.headers.get('etag')).toBeNull();
    expect(await mine.json()).toMatchObject({ data: { me: { name: 'editor' } } });
    const theirs = await get(`{ me { name } }`, admin);
    expect(await theirs.json()).toMatchObject({ data: { me: { name: 'admin' } } });
    // Anonymous, a viewer field still makes the answer private.
    const anonymous = await get(`{ me { name } }`);
    expect(anonymous.headers.get('cache-control')).toBe('private, no-store');
    expect(anonymous.headers.get('etag')).toBeNull();
    // A public query asked with a token: no-store, and no ETag to revalidate with.
    const signed = await get(PRODUCTS, editor);
    expect(signed.headers.get('cache-control')).toBe('no-store');
    expect(signed.headers.get('etag')).toBeNull();
    // A field behind @Authorized (a customer's address) is viewer-dependent even in a public type.
    const staffOnly = await get(`{ products(first: 1) { nodes { reviews(first: 1) { nodes { customer { address } } } } } }`);
    expect(staffOnly.headers.get('cache-control')).toBe('private, no-store');
  });

  it('never caches a POST', async () => {
    const res = await fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PRODUCTS }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
  });

  it('makes answers with errors, or reading tables without a version, no-store', async () => {
    const missing = await get(PRODUCT_NAME, {}, { id: 'bm90IGFuIGlk' });
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(missing.headers.get('etag')).toBeNull();
    const views = await get(`{ blogArticles(first: 1) { nodes { title viewCount } } }`);
    expect(views.headers.get('cache-control')).toBe('no-store');
  });
});
