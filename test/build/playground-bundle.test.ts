import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without types
import { bundlePlayground } from '../../bin/bundle-playground.mjs';

type Ruru = typeof import('../../src/http/ruru.js');

/**
 * npm run build's bundle of ruru (bin/bundle-playground.mjs): what a pruned production install
 * serves the playground from, with no ruru package to fall back on. Checked on ruru 2.0.2, which
 * loads its assets with import('./bundleCode.js') and its source maps from bundleMeta.js.
 */
describe('the playground bundle of a production build', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-ruru-'));
  let files: string[] = [];
  let base = '';
  let close = () => {};
  beforeAll(async () => {
    files = (await bundlePlayground(esbuild, dir)) as string[];
    const ruru = (await import(pathToFileURL(path.join(dir, 'ruru.js')).href)) as Ruru;
    const app = express();
    app.get('/graphql', (_req, res) => res.type('html').send(ruru.ruruHTML({ staticPath: '/playground/', endpoint: '/graphql' })));
    app.use(ruru.serveStatic('/playground/'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports nothing from ruru or its dependencies', () => {
    const imports = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(?:from\s*|import\(\s*|require\(\s*)["']([^"']+)["']/g)].map((m) => m[1]));
    expect(imports.filter((s) => !s?.startsWith('./') && !s?.startsWith('node:'))).toEqual([]);
  });

  it('serves the page and its assets, brotli-compressed or plain', async () => {
    const page = await (await fetch(`${base}/graphql`)).text();
    expect(page).toContain('/playground/ruru.js');
    const br = await fetch(`${base}/playground/ruru.js`, { headers: { 'accept-encoding': 'br' } });
    expect([br.status, br.headers.get('content-type'), br.headers.get('content-encoding')]).toEqual([200, 'text/javascript; charset=utf-8', 'br']);
    // fetch decodes br itself: the same script either way.
    const decoded = await br.text();
    const plain = await fetch(`${base}/playground/ruru.js`, { headers: { 'accept-encoding': 'identity' } });
    expect([plain.status, plain.headers.get('content-encoding')]).toEqual([200, null]);
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(100_000);
    expect(decoded).toBe(text);
  });

  it('leaves ruru’s source maps out (10 MB): a .map is not found', async () => {
    expect((await fetch(`${base}/playground/ruru.js.map`)).status).toBe(404);
    expect(files.reduce((size, f) => size + readFileSync(f).length, 0)).toBeLessThan(5_000_000);
  });
});
