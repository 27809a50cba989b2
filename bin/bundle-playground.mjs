// The playground's ruru (a development dependency) as an esbuild bundle, for npm run build.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * ruru loads its assets with import('./bundleCode.js'), a CommonJS module: a split chunk of it
 * would export only `default`, so it is imported through an ES module that re-exports
 * `bundleData`. Its source maps (bundleMeta.js, 10 MB) are left out: /playground/*.map is 404.
 */
const ruruAssets = {
  name: 'ruru-assets',
  setup(build) {
    build.onResolve({ filter: /^\.\/bundle(Code|Meta)\.js$/ }, (args) => ({ path: path.join(args.resolveDir, args.path), namespace: 'ruru-assets' }));
    build.onLoad({ filter: /bundleCode\.js$/, namespace: 'ruru-assets' }, (args) => ({
      contents: `export { bundleData } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
    build.onLoad({ filter: /bundleMeta\.js$/, namespace: 'ruru-assets' }, () => ({ contents: 'export const bundleData = {};', loader: 'js' }));
  },
};

/**
 * Writes OUTDIR/ruru.js, the same exports as src/http/ruru.ts with ruru inside, and its chunks
 * (ruru-*.js; the compressed assets, ~3.5 MB, load on the first asset request). npm run build
 * writes it over tsc's compiled re-export, so that a pruned production install serves the
 * playground without ruru, GraphiQL, Monaco or React. Returns the files written.
 */
export async function bundlePlayground(esbuild, outdir) {
  rmSync(path.join(outdir, 'ruru.js.map'), { force: true });
  const result = await esbuild.build({
    entryPoints: { ruru: path.join(root, 'src', 'http', 'ruru.ts') },
    outdir,
    chunkNames: 'ruru-[name]-[hash]',
    allowOverwrite: true,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    metafile: true,
    // ruru is CommonJS: its require() of Node's built-ins needs a require in an ES module.
    banner: { js: "import { createRequire as __ruruRequire } from 'node:module'; const require = __ruruRequire(import.meta.url);" },
    plugins: [ruruAssets],
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.outputs).map((file) => path.resolve(file));
}
