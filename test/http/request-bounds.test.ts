import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

/** A logger whose lines the test can read. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const nested = (n: number, open = '[', close = ']') => open.repeat(n) + close.repeat(n);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('bounded input and client mistakes: a 400 with a code before anything recurses, logged at warn', () => {
  let t: TestApp;
  let lines: Record<string, unknown>[];

  beforeAll(async () => {
    const log = capture();
    lines = log.lines;
    t = await startTestApp({}, log.logger);
  });
  afterAll(() => t?.close());

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, id: res.headers.get('x-request-id'), text: await res.text() };
  };
  const codeOf = (text: string) => (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  /** The warn line logged for a refused request, found by its request id. */
  const loggedFor = (id: string | null) => lines.find((l) => l.requestId === id && l.level === 40);

  it('refuses a JSON body nested thousands deep (arrays at the top, or under any key)', async () => {
    for (const body of [nested(5_000), `{"query":"{ __typename }","x":${nested(5_000)}}`, `{"query":"{ __typename }","x":${nested(20_000, '{"a":', '}').replaceAll('}{', '}')}}`]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(codeOf(res.text)).toBe('JSON_TOO_DEEP');
      expect(loggedFor(res.id)).toMatchObject({ code: 'JSON_TOO_DEEP', status: 400 });
    }
  });

  it('refuses variables nested too deep, in a POST body and in a GET query string', async () => {
    const res = await post(`{"query":"query($a: String) { __typename }","variables":{"a":${nested(5_000)}}}`);
    expect([res.status, codeOf(res.text)]).toEqual([400, 'JSON_TOO_DEEP']);
    const url = `${t.app.url}?query=${encodeURIComponent('query($a: String) { __typename }')}&variables=${encodeURIComponent(`{"a":${nested(100)}}`)}`;
    const get = await fetch(url, { headers: { 'apollo-require-preflight': '1' } });
    expect(get.status).toBe(400);
    expect(codeOf(await get.text())).toBe('JSON_TOO_DEEP');
  });

  it('refuses list literals, object literals and selection sets nested thousands deep in the document, never with a runtime message', async () => {
    const documents = [
      `{ products(first: ${nested(5_000)}) { totalCount } }`,
      `{ products(filter: ${'{ nameContains: '.repeat(5_000)}"x"${' }'.repeat(5_000)}) { totalCount } }`,
      `{ ${'products { '.repeat(5_000)}${' }'.repeat(5_000)} }`,
    ];
    for (const query of documents) {
      const res = await post(JSON.stringify({ query }));
      expect(res.status).toBe(400);
      expect(codeOf(res.text)).toBe('DOCUMENT_TOO_DEEP');
      expect(res.text).not.toMatch(/call stack|RangeError/i);
    }
  });

  it('counts no brackets inside strings, block strings and comments, and answers ordinary documents as before', async () => {
    const query = `# ${'['.repeat(500)}\n{ products(filter: { nameContains: "${'{'.repeat(60)}" }) { totalCount } a: products(filter: { nameContains: """${'('.repeat(60)}""" }) { totalCount } }`;
    const res = await post(JSON.stringify({ query }));
    expect(res.text).not.toContain('errors');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ data: { products: { totalCount: 0 }, a: { totalCount: 0 } } });
  });

  it('answers automatic persisted query mistakes with 400s and codes of their own, and runs a correct one', async () => {
    const query = '{ __typename }';
    const mismatch = await post(JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }));
    expect([mismatch.status, codeOf(mismatch.text)]).toEqual([400, 'PERSISTED_QUERY_HASH_MISMATCH']);
    expect(loggedFor(mismatch.id)).toMatchObject({ code: 'PERSISTED_QUERY_HASH_MISMATCH' });
    const version = await post(JSON.stringify({ query, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(query) } } }));
    expect([version.status, codeOf(version.text)]).toEqual([400, 'PERSISTED_QUERY_VERSION_NOT_SUPPORTED']);
    const unknownQuery = `{ products(first: 1) { totalCount } }`;
    const unknown = await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(unknownQuery) } } }));
    expect([unknown.status, codeOf(unknown.text)]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    expect(lines.find((l) => l.requestId === unknown.id && l.msg === 'graphql request')).toMatchObject({ level: 40, status: 400, errorCodes: ['PERSISTED_QUERY_NOT_FOUND'] });
    // The protocol's second step registers the text; the hash alone then runs it.
    const registered = await post(JSON.stringify({ query: unknownQuery, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(unknownQuery) } } }));
    expect(registered.status).toBe(200);
    const byHash = await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(unknownQuery) } } }));
    expect(byHash.status).toBe(200);
    expect(JSON.parse(byHash.text)).toMatchObject({ data: { products: { totalCount: expect.any(Number) } } });
    expect(lines.filter((l) => l.level === 50)).toEqual([]);
  });

  it('uses a valid incoming X-Request-Id, makes one otherwise, returns it on every answer and logs it', async () => {
    const given = await post(JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': 'edge-7f3a:42' });
    expect(given.id).toBe('edge-7f3a:42');
    expect(lines.find((l) => l.requestId === 'edge-7f3a:42' && l.msg === 'graphql request')).toMatchObject({ status: 200 });
    for (const bad of ['has spaces in it', 'x'.repeat(129), 'semi;colon']) {
      const res = await post(JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': bad });
      expect(res.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const other = await fetch(t.app.url.replace('/graphql', '/nowhere'), { headers: { 'x-request-id': 'lost-1' } });
    expect([other.status, other.headers.get('x-request-id')]).toEqual([404, 'lost-1']);
    const unreadable = await post('{"query": ', { 'x-request-id': 'broken-1' });
    expect([unreadable.status, unreadable.id]).toEqual([400, 'broken-1']);
    expect(loggedFor('broken-1')).toMatchObject({ status: 400 });
  });
});
