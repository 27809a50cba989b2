import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { ROOT } from '../support/process.js';

/**
 * docs/frontend.md's two ways to make a manifest, each served by id over GET: Relay's compiler
 * with the persistConfig the page shows (run for real, on one operation), and the client preset's
 * manifest this project generates (client/generated/persisted-documents.json).
 */
describe('manifests from Relay and the client preset, run by id over GET (docs/frontend.md)', () => {
  let work: string;
  let relayId: string;
  let t: TestApp;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'retrofun-relay-persist-'));
    mkdirSync(path.join(work, 'src'));
    writeFileSync(path.join(work, 'schema.graphql'), readFileSync(path.join(ROOT, 'schema.graphql')));
    const text = readFileSync(path.join(ROOT, 'operations/ProductDetail.graphql'), 'utf8');
    writeFileSync(path.join(work, 'src/ProductDetail.ts'), `import { graphql } from 'react-relay';\nexport default graphql\`\n${text}\n\`;\n`);
    // The page's config, as written there; Relay refuses to start unless the manifest file exists.
    const config = readFileSync(path.join(ROOT, 'docs/frontend.md'), 'utf8').match(/```json\n(\{[^`]*"persistConfig"[^`]*\})\n```/)?.[1];
    writeFileSync(path.join(work, 'relay.config.json'), config ?? '');
    writeFileSync(path.join(work, 'persisted_queries.json'), '{}');
    const relay = createRequire(import.meta.url).resolve('relay-compiler/cli.js');
    const run = spawnSync(process.execPath, [relay], { cwd: work, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`relay-compiler failed: ${run.stderr || run.stdout}`);
    relayId = Object.keys(JSON.parse(readFileSync(path.join(work, 'persisted_queries.json'), 'utf8')) as Record<string, string>)[0]!;
    const manifests = path.join(work, 'manifests');
    mkdirSync(manifests);
    writeFileSync(path.join(manifests, 'relay.json'), readFileSync(path.join(work, 'persisted_queries.json')));
    t = await startTestApp({ trustedDocuments: { mode: 'require', dir: manifests, bypassRoles: [] } });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const get = async (params: Record<string, string>) => {
    const res = await fetch(`${t.app.url}?${new URLSearchParams(params)}`);
    return { status: res.status, body: (await res.json()) as { data?: { product: { name: string } | null }; errors?: unknown[] } };
  };

  it("runs Relay's persisted query by doc_id, its SHA-256 id", async () => {
    expect(relayId).toMatch(/^[0-9a-f]{64}$/);
    const { status, body } = await get({ doc_id: relayId, variables: JSON.stringify({ id: 'UHJvZHVjdDox' }) });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data!.product!.name).toEqual(expect.any(String));
  });

  it("runs the client preset's document by documentId", async () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'client/generated/persisted-documents.json'), 'utf8')) as Record<string, string>;
    const documentId = Object.entries(manifest).find(([, text]) => text.startsWith('query ProductDetail'))![0];
    const { body } = await get({ documentId, variables: JSON.stringify({ id: 'UHJvZHVjdDox' }) });
    expect(body.errors).toBeUndefined();
    expect(body.data!.product!.name).toEqual(expect.any(String));
  });
});
