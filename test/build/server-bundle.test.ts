import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without types
import { httpThroughRequire, nodeCreateHash, unusedPackages } from '../../bin/bundle-server.mjs';

/**
 * The server's bundle (bin/bundle-server.mjs) gives Apollo Node's own SHA-256: bundled as it is,
 * @apollo/utils.createhash would find no `module.require` inside esbuild's CommonJS wrapper and hash
 * every request's query text with sha.js, in JavaScript. Checked with @apollo/utils.createhash 3.
 */
describe("the server bundle's stand-ins for packages and built-ins", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bundle = async (plugins: unknown[]) => {
    const entry = path.join(dir, 'entry.mjs');
    writeFileSync(entry, "import { createHash } from '@apollo/utils.createhash';\nexport const hash = (text) => createHash('sha256').update(text).digest('hex');\n");
    const outfile = path.join(dir, `out-${plugins.length}.mjs`);
    const { metafile } = await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      nodePaths: [path.resolve('node_modules')],
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
      plugins: plugins as esbuild.Plugin[],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs);
    const { hash } = (await import(pathToFileURL(outfile).href)) as { hash: (text: string) => string };
    return { inputs, hash };
  };

  it('bundles no sha.js and hashes as Node does', async () => {
    const { inputs, hash } = await bundle([nodeCreateHash()]);
    expect(inputs.filter((file) => file.includes('sha.js'))).toEqual([]);
    expect(hash('{ __typename }')).toBe(createHash('sha256').update('{ __typename }').digest('hex'));
  });

  it("loads Node's http through require, not as an ES module (whose facade would load undici)", async () => {
    const entry = path.join(dir, 'http-entry.mjs');
    writeFileSync(
      entry,
      "import http, { createServer } from 'node:http';\nimport { request } from 'https';\nexport const ok = typeof createServer === 'function' && http.createServer === createServer && typeof request === 'function';\n",
    );
    const outfile = path.join(dir, 'http-out.mjs');
    const banner = "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);";
    await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', banner: { js: banner }, plugins: [httpThroughRequire()], logLevel: 'silent' });
    const text = readFileSync(outfile, 'utf8');
    expect(text).not.toMatch(/from\s*["'](node:)?https?["']/);
    expect(text).toMatch(/require\(["']node:http["']\)/);
    expect(((await import(pathToFileURL(outfile).href)) as { ok: boolean }).ok).toBe(true);
  });

  it('leaves out the packages of features the service does not use, failing loudly if one is used', async () => {
    const entry = path.join(dir, 'unused-entry.mjs');
    writeFileSync(
      entry,
      "import fastJson from 'fast-json-stringify';\nimport { compileQuery } from 'graphql-jit';\nimport { IsPhoneNumber } from 'class-validator';\nexport { compileQuery, IsPhoneNumber };\nexport const stringify = () => fastJson({ type: 'object' });\n",
    );
    const outfile = path.join(dir, 'unused-out.mjs');
    const banner = "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);";
    const { metafile } = await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      banner: { js: banner },
      nodePaths: [path.resolve('node_modules')],
      plugins: [unusedPackages()],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((file) => /node_modules\/(fast-json-stringify|ajv|ajv-formats|libphonenumber-js)\//.test(file))).toEqual([]);
    // Loading them (graphql-jit's and class-validator's modules) touches nothing; using them fails with the reason.
    const loaded = (await import(pathToFileURL(outfile).href)) as { stringify: () => unknown; compileQuery: unknown; IsPhoneNumber: unknown };
    expect(typeof loaded.compileQuery).toBe('function');
    expect(typeof loaded.IsPhoneNumber).toBe('function');
    expect(() => loaded.stringify()).toThrow("fast-json-stringify (graphql-jit customJSONSerializer) is not in the server's bundle");
  });

  it('would bundle sha.js without it (what the plugin is for)', async () => {
    const { inputs } = await bundle([]);
    expect(inputs.some((file) => file.includes('node_modules/sha.js/'))).toBe(true);
  });
});
