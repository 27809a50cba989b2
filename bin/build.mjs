// npm run build: compiles the service, its CLIs, seeders and migrations to dist/ with tsc,
// copies what tsc does not (migration snapshots), bundles the server and the CLIs, and stamps the
// build so that bin/launch.mjs can tell a current build from a stale one and knows which entry is bundled.
import './require-node.cjs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundlePlayground } from './bundle-playground.mjs';
import { bundleClis, bundleServer } from './bundle-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The command-line tools package.json's scripts start through bin/launch.mjs (`node bin/launch.mjs src/cli/…`). */
const CLIS = [
  ...new Set(
    Object.values(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts).flatMap((script) => [...script.matchAll(/bin\/launch\.mjs (src\/cli\/[\w-]+)/g)].map((match) => match[1])),
  ),
].sort();
if (CLIS.length === 0) throw new Error('no script of package.json starts a src/cli entry point through bin/launch.mjs');
const dist = path.join(root, 'dist');
const started = performance.now();
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
for (const dialect of readdirSync(path.join(root, 'migrations'))) {
  mkdirSync(path.join(dist, 'migrations', dialect), { recursive: true });
  copyFileSync(path.join(root, 'migrations', dialect, '.snapshot.json'), path.join(dist, 'migrations', dialect, '.snapshot.json'));
}
// The orders page's script, bundled by the same function the development server uses, and the
// playground's ruru over tsc's re-export of it (src/http/ruru.ts).
const esbuild = await import('esbuild');
const { bundleOrdersPage } = await import(pathToFileURL(path.join(dist, 'src', 'http', 'orders-page.js')).href);
mkdirSync(path.join(dist, 'client'), { recursive: true });
writeFileSync(path.join(dist, 'client', 'orders.js'), await bundleOrdersPage(esbuild));
await bundlePlayground(esbuild, path.join(dist, 'src', 'http'));
// The server as bundles, and the command-line tools as bundles of their own (bin/bundle-server.mjs);
// tsc's files stay beside them for what loads by path (the MikroORM CLI's configuration, seeders).
await bundleServer(esbuild, dist);
const bundles = { 'src/server': 'server.js', ...(await bundleClis(esbuild, dist, CLIS)) };
writeFileSync(path.join(dist, '.build.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), node: process.version, bundles }, null, 2)}\n`);
console.log(`built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
