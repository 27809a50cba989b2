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
 * What the server's bundle (bin/bundle-server.mjs) puts in place of packages and built-ins, each
 * bundled here the way the build bundles the server (ES module, Node's require in a banner):
 * - Node's own SHA-256 for Apollo: bundled as it is, @apollo/utils.createhash finds no
 *   `module.require` inside esbuild's CommonJS wrapper and hashes every request's query text with
 *   sha.js, in JavaScript (checked with @apollo/utils.createhash 3);
 * - Node's http through require, not its ES facade, which loads undici;
 * - stand-ins for the packages of features the service does not use.
 */
describe("the server bundle's stand-ins for packages and built-ins", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Bundles `source` with `plugins`; the bundle's text, the files it took in, and the module it exports. */
  const bundle = async <T>(name: string, source: string, plugins: unknown[]) => {
    const entry = path.join(dir, `${name}-entry.mjs`);
    writeFileSync(entry, source);
    const outfile = path.join(dir, `${name}.mjs`);
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
    return { text: readFileSync(outfile, 'utf8'), inputs: Object.keys(metafile.inputs), module: (await import(pathToFileURL(outfile).href)) as T };
  };
  const HASH = "import { createHash } from '@apollo/utils.createhash';\nexport const hash = (text) => createHash('sha256').update(text).digest('hex');\n";

  it('bundles no sha.js and hashes as Node does', async () => {
    const { inputs, module } = await bundle<{ hash: (text: string) => string }>('hash', HASH, [nodeCreateHash()]);
    expect(inputs.filter((file) => file.includes('sha.js'))).toEqual([]);
    expect(module.hash('{ __typename }')).toBe(createHash('sha256').update('{ __typename }').digest('hex'));
  });

  it('would bundle sha.js without it (what the plugin is for)', async () => {
    const { inputs } = await bundle('hash-plain', HASH, []);
    expect(inputs.some((file) => file.includes('node_modules/sha.js/'))).toBe(true);
  });

  it("loads Node's http through require, not as an ES module (whose facade would load undici)", async () => {
    const source =
      "import http, { createServer } from 'node:http';\nimport { request } from 'https';\nexport const ok = typeof createServer === 'function' && http.createServer === createServer && typeof request === 'function';\n";
    const { text, module } = await bundle<{ ok: boolean }>('http', source, [httpThroughRequire()]);
    expect(text).not.toMatch(/from\s*["'](node:)?https?["']/);
    expect(text).toMatch(/require\(["']node:http["']\)/);
    expect(module.ok).toBe(true);
  });

  it('leaves out the packages of features the service does not use, failing loudly if one is used', async () => {
    const source =
      "import fastJson from 'fast-json-stringify';\nimport { compileQuery } from 'graphql-jit';\nimport { IsPhoneNumber } from 'class-validator';\nexport { compileQuery, IsPhoneNumber };\nexport const stringify = () => fastJson({ type: 'object' });\nexport const construct = () => new fastJson();\n";
    const { inputs, module } = await bundle<{ stringify: () => unknown; construct: () => unknown; compileQuery: unknown; IsPhoneNumber: unknown }>('unused', source, [unusedPackages()]);
    expect(inputs.filter((file) => /node_modules\/(fast-json-stringify|ajv|ajv-formats|libphonenumber-js)\//.test(file))).toEqual([]);
    // Loading them (graphql-jit's and class-validator's modules) touches nothing; using them fails with the reason.
    expect(typeof module.compileQuery).toBe('function');
    expect(typeof module.IsPhoneNumber).toBe('function');
    expect(() => module.stringify()).toThrow("fast-json-stringify (graphql-jit customJSONSerializer) is not in the build's bundles");
    expect(() => module.construct()).toThrow("fast-json-stringify (graphql-jit customJSONSerializer) is not in the build's bundles");
  });
});
