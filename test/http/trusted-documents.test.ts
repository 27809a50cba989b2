import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedDocuments } from '../../src/http/trusted-documents.js';
import { checkOwnManifest, loadTrustedDocuments, ManifestError, OWN_MANIFEST, readManifest } from '../../src/graphql/documents/manifest.js';
import { createSchema } from '../../src/graphql/schema.js';
import { startupFailureLine } from '../../src/startup-errors.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ensureUser, type Who } from '../support/auth.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const own = new Map(readManifest(OWN_MANIFEST).map(([id, text]) => [text.split(/[ (]/)[1]!, id]));
/** A document as Relay's compiler persists it: MD5 of the text, plain hex. */
const RELAY_TEXT = 'query RelayProductName($id: ID!) { product(id: $id) { name } }';

describe('persisted and trusted documents (TRUSTED_DOCUMENTS=require)', () => {
  let t: TestApp;
  let dir: string;
  const accounts = new Map<Who, Record<string, string>>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'retrofun-documents-'));
    writeFileSync(path.join(dir, 'relay.json'), JSON.stringify({ [md5(RELAY_TEXT)]: RELAY_TEXT }));
    t = await startTestApp({ trustedDocuments: { mode: 'require', bypassRoles: ['editor', 'admin'], dir } });
    // Signing in is a document's text too: the test signs in through the trusted Login document.
    const login = async (who: 'basic' | 'editor') => {
      await ensureUser(t, who);
      const res = await post({ documentId: own.get('Login'), variables: { name: who, password: who } });
      accounts.set(who, { authorization: `Bearer ${(res.body as { data: { login: { token: string } } }).data.login.token}` });
    };
    await login('basic');
    await login('editor');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } };
  };
  const get = async (params: Record<string, string>) => {
    const res = await fetch(`${t.app.url}?${new URLSearchParams(params)}`);
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } };
  };
  const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) => res.body.errors?.[0]?.extensions?.code;

  it('runs a document by its sha256: id with variables, by POST and by GET', async () => {
    const variables = { id: 'UHJvZHVjdDox' };
    const byPost = await post({ documentId: own.get('ProductDetail'), variables });
    expect(byPost.status).toBe(200);
    expect(byPost.body.data).toMatchObject({ product: { id: 'UHJvZHVjdDox' } });
    const byGet = await get({ documentId: own.get('ProductDetail')!, variables: JSON.stringify(variables) });
    expect([byGet.status, byGet.body.data]).toEqual([200, byPost.body.data]);
  });

  it('runs a Relay-persisted document by its MD5 id, sent as doc_id or id', async () => {
    const res = await post({ doc_id: md5(RELAY_TEXT), query: null, variables: { id: 'UHJvZHVjdDox' } });
    expect(res.body.data).toMatchObject({ product: { name: expect.any(String) } });
    expect((await get({ id: md5(RELAY_TEXT), variables: JSON.stringify({ id: 'UHJvZHVjdDox' }) })).body.data).toEqual(res.body.data);
  });

  it('refuses unknown and malformed ids and an APQ hash that is not its text, with 400s and their codes', async () => {
    const unknown = await post({ documentId: `sha256:${sha256('query Nope { __typename }')}` });
    expect([unknown.status, codeOf(unknown)]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    const malformed = await get({ documentId: 'sha256:xyz' });
    expect([malformed.status, codeOf(malformed)]).toEqual([400, 'PERSISTED_QUERY_ID_INVALID']);
    const query = '{ __typename }';
    const mismatch = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } } });
    expect([mismatch.status, codeOf(mismatch)]).toEqual([400, 'PERSISTED_QUERY_HASH_MISMATCH']);
  });

  it('refuses text with PERSISTED_QUERY_REQUIRED, except from an account with a bypass role', async () => {
    const query = '{ products(first: 1) { nodes { id } } }';
    const anonymous = await post({ query });
    expect([anonymous.status, codeOf(anonymous)]).toEqual([400, 'PERSISTED_QUERY_REQUIRED']);
    const basic = await get({ query });
    expect(codeOf(basic)).toBe('PERSISTED_QUERY_REQUIRED');
    expect(codeOf(await post({ query }, accounts.get('basic')))).toBe('PERSISTED_QUERY_REQUIRED');
    const editor = await post({ query }, accounts.get('editor'));
    expect([editor.status, editor.body.errors]).toEqual([200, undefined]);
  });
});

describe('loading manifests: a document over the cost limit or a malformed file stops the start with one line', () => {
  it('names the document that may cost more than QUERY_COST_LIMIT', async () => {
    const schema = await createSchema();
    const error = (() => {
      try {
        loadTrustedDocuments(schema, { costLimit: 450 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ManifestError);
    expect(startupFailureLine(error)).toMatch(
      /^persisted documents manifest client\/generated\/persisted-documents\.json: document LanguageQuestions \(sha256:[0-9a-f]{64}\) costs 460 at its largest pages, above QUERY_COST_LIMIT 450$/,
    );
  });

  it('names a manifest that is not JSON, and one whose id is not its text', async () => {
    const schema = await createSchema();
    const dir = mkdtempSync(path.join(tmpdir(), 'retrofun-manifest-'));
    try {
      writeFileSync(path.join(dir, 'broken.json'), '{"sha256:00": ');
      const line = () => {
        try {
          loadTrustedDocuments(schema, { dir, costLimit: 500_000 });
        } catch (e) {
          return startupFailureLine(e);
        }
      };
      const notJson = line();
      expect(notJson).toMatch(/^persisted documents manifest \/\S+\/broken\.json is not JSON: [^\n]+$/);
      expect(notJson).toContain(path.join(dir, 'broken.json'));
      writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ [md5('{ a }')]: '{ b }' }));
      expect(line()).toContain(`broken.json: ${md5('{ a }')} is not the md5 of its document (PERSISTED_QUERY_HASH_MISMATCH)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the build's checks of the service's own manifest (bundled-checks.ts)", () => {
  it('give the same documents as checking them at start, with the limit still applied', async () => {
    const schema = await createSchema();
    const checked = checkOwnManifest(schema);
    expect(checked.sha256).toBe(createHash('sha256').update(readFileSync(OWN_MANIFEST)).digest('hex'));
    expect(Object.keys(checked.measures).sort()).toEqual(
      readManifest(OWN_MANIFEST)
        .map(([id]) => id)
        .sort(),
    );
    expect(loadTrustedDocuments(schema, { costLimit: 500_000, checked })).toEqual(loadTrustedDocuments(schema, { costLimit: 500_000 }));
    expect(() => loadTrustedDocuments(schema, { costLimit: 450, checked })).toThrow(/document LanguageQuestions \(sha256:[0-9a-f]{64}\) costs 460 at its largest pages, above QUERY_COST_LIMIT 450$/);
  });

  it('are taken only for the text they were made of', async () => {
    const schema = await createSchema();
    const checked = checkOwnManifest(schema);
    // Measures that no check would give: taken while the digest matches, ignored once it does not.
    const marked = { ...checked, measures: Object.fromEntries(Object.entries(checked.measures).map(([id, m]) => [id, { ...m, depth: 99 }])) };
    expect([...loadTrustedDocuments(schema, { costLimit: 500_000, checked: marked }).values()].every((d) => d.depth === 99)).toBe(true);
    const stale = { ...marked, sha256: '0'.repeat(64) };
    expect([...loadTrustedDocuments(schema, { costLimit: 500_000, checked: stale }).values()].some((d) => d.depth === 99)).toBe(false);
    // A cost the build's JSON could not carry (Infinity became null) is checked again.
    const [one] = Object.keys(checked.measures);
    const unreadable = JSON.parse(JSON.stringify({ ...marked, measures: { ...marked.measures, [one!]: { ...marked.measures[one!]!, cost: Number.POSITIVE_INFINITY } } })) as typeof marked;
    expect([...loadTrustedDocuments(schema, { costLimit: 500_000, checked: unreadable }).values()].some((d) => d.depth === 99)).toBe(false);
    // A manifest missing from the checks (a document added since) is checked in full.
    const [first] = Object.keys(checked.measures);
    const partial = { ...marked, measures: Object.fromEntries(Object.entries(marked.measures).filter(([id]) => id !== first)) };
    expect([...loadTrustedDocuments(schema, { costLimit: 500_000, checked: partial }).values()].some((d) => d.depth === 99)).toBe(false);
  });

  it('still check the manifests of PERSISTED_DOCUMENTS_DIR in full', async () => {
    const schema = await createSchema();
    const dir = mkdtempSync(path.join(tmpdir(), 'retrofun-manifest-'));
    try {
      const text = '{ products(first: 1) { nodes { nope } } }';
      writeFileSync(path.join(dir, 'extra.json'), JSON.stringify({ [`sha256:${createHash('sha256').update(text).digest('hex')}`]: text }));
      expect(() => loadTrustedDocuments(schema, { dir, costLimit: 500_000, checked: checkOwnManifest(schema) })).toThrow(/extra\.json: document anonymous .* does not validate against the schema/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TRUSTED_DOCUMENTS=off', () => {
  it('refuses an id with PERSISTED_QUERY_NOT_SUPPORTED and passes text on to Apollo', async () => {
    const app = express();
    app.use(express.json());
    app.use(trustedDocuments({ config: { mode: 'off', bypassRoles: [] }, documents: new Map(), logger: pino({ level: 'silent' }), roleOf: async () => null }));
    app.use((_req, res) => res.json({ passedOn: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const byId = await post({ documentId: `sha256:${'0'.repeat(64)}` });
      expect([byId.status, ((await byId.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code]).toEqual([400, 'PERSISTED_QUERY_NOT_SUPPORTED']);
      expect(await (await post({ query: '{ __typename }' })).json()).toEqual({ passedOn: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
