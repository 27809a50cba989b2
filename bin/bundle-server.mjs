// The server, and the command-line tools, as a few esbuild bundles over tsc's output, for npm run
// build: loading ~2,000 modules one by one (resolving, reading and instantiating each) was most of
// their start-up time.
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Packages left to Node: native addons, and what only development or an optional path loads. */
const EXTERNAL = ['better-sqlite3', 'bcrypt', 'pg-native', 'esbuild', 'pino-pretty'];

/**
 * src/db/bundled-migrations.ts, replaced by a module importing every compiled migration of every
 * dialect, named as the migrator names their files: a migration loaded by path would import its
 * own copy of @mikro-orm/migrations, and of MikroORM with it, next to the bundled one.
 */
function bundledMigrations(dist, replaced) {
  return {
    name: 'bundled-migrations',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]db[\\/]bundled-migrations\.js$/ }, () => {
        replaced.add('src/db/bundled-migrations.js');
        const imports = [];
        const lists = [];
        for (const dialect of readdirSync(path.join(dist, 'migrations'))) {
          const names = readdirSync(path.join(dist, 'migrations', dialect))
            .filter((file) => /^Migration\w+\.js$/.test(file))
            .map((file) => file.slice(0, -'.js'.length))
            .sort();
          const entries = names.map((name) => {
            imports.push(`import { ${name} as m${imports.length} } from ${JSON.stringify(path.join(dist, 'migrations', dialect, `${name}.js`))};`);
            return `{ name: ${JSON.stringify(name)}, class: m${imports.length - 1} }`;
          });
          lists.push(`${JSON.stringify(dialect)}: [${entries.join(', ')}]`);
        }
        return { contents: `${imports.join('\n')}\nexport const bundledMigrations = { ${lists.join(', ')} };\n`, loader: 'js', resolveDir: dist };
      });
    },
  };
}

/**
 * `createRequire(import.meta.url)('pkg')` (src/graphql/scalars.ts, limits/cost.ts pick a package's
 * CommonJS build so that it shares graphql with TypeGraphQL) as `require('pkg')`, which esbuild
 * follows: the bundle holds one graphql, and a package left outside would load a second.
 */
function visibleRequires() {
  return {
    name: 'visible-requires',
    setup(build) {
      build.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('createRequire(import.meta.url)(')) return undefined;
        return { contents: text.replace(/createRequire\(import\.meta\.url\)\((['"][\w@/.-]+['"])\)/g, 'require($1)'), loader: 'js' };
      });
    },
  };
}

/**
 * Node warns once (DEP0169) when url.parse() is called from outside node_modules, which it tells
 * by the caller's file: bundled, the packages that call it (@as-integrations/express5 on every
 * request, parseurl) would look like the service's own code. Their `url` is Node's with parse()
 * as Node runs it for a package (the same Url object, without the warning); the service's own
 * code keeps Node's url and its warning.
 */
function packagesUrl() {
  return {
    name: 'packages-url',
    setup(build) {
      build.onResolve({ filter: /^(node:)?url$/ }, (args) => (/[\\/]node_modules[\\/]/.test(args.importer) ? { path: 'url', namespace: 'packages-url' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'packages-url' }, () => ({
        contents: [
          "import url from 'node:url';",
          "export * from 'node:url';",
          'export function parse(input, parseQueryString, slashesDenoteHost) {',
          '  if (input instanceof url.Url) return input;',
          '  const parsed = new url.Url();',
          '  parsed.parse(input, parseQueryString, slashesDenoteHost);',
          '  return parsed;',
          '}',
          'export default { ...url, parse };',
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}

/**
 * src/graphql/documents/bundled-checks.ts, replaced by the checks of the service's own manifest of
 * trusted documents made here, against the schema of the compiled code being bundled: every
 * document validated and measured once per build instead of at every start (~0.1 s). A document
 * that does not validate fails the build, as it would fail the start.
 */
function bundledChecks(dist, replaced) {
  return {
    name: 'bundled-checks',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]graphql[\\/]documents[\\/]bundled-checks\.js$/ }, async () => {
        replaced.add('src/graphql/documents/bundled-checks.js');
        await import('reflect-metadata');
        const { createSchema } = await import(pathToFileURL(path.join(dist, 'src', 'graphql', 'schema.js')).href);
        const { checkOwnManifest } = await import(pathToFileURL(path.join(dist, 'src', 'graphql', 'documents', 'manifest.js')).href);
        const checked = checkOwnManifest(await createSchema());
        return { contents: `export const bundledChecks = ${JSON.stringify(checked)};\n`, loader: 'js' };
      });
    },
  };
}

/**
 * Apollo hashes every request's query text with @apollo/utils.createhash, which uses Node's crypto
 * only when `module.require` exists: inside a bundle's CommonJS wrapper it does not, and every hash
 * fell back to sha.js, SHA-256 in JavaScript (2 % of the server's CPU on a product's detail).
 * Bundled, the package is Node's own `createHash`, the same function it picks when unbundled.
 */
export function nodeCreateHash() {
  return {
    name: 'node-create-hash',
    setup(build) {
      build.onResolve({ filter: /^@apollo\/utils\.createhash$/ }, () => ({ path: 'createhash', namespace: 'node-create-hash' }));
      build.onLoad({ filter: /.*/, namespace: 'node-create-hash' }, () => ({ contents: "export { createHash } from 'node:crypto';", loader: 'js' }));
    },
  };
}

/**
 * `import … from 'node:http'` (or https) in an ES module makes Node build the built-in's ES facade,
 * which reads every export, among them http's lazy WebSocket, CloseEvent and MessageEvent getters:
 * that loads undici, 40–100 ms of every start for classes the server never uses. Through `require`
 * (the banner's) Node hands over the CommonJS module and leaves the getters alone.
 */
export function httpThroughRequire() {
  return {
    name: 'http-through-require',
    setup(build) {
      build.onResolve({ filter: /^(node:)?https?$/ }, (args) => (args.kind === 'import-statement' ? { path: args.path.replace(/^node:/, ''), namespace: 'http-through-require' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'http-through-require' }, (args) => ({ contents: `module.exports = require('node:${args.path}');`, loader: 'js' }));
    },
  };
}

/**
 * Packages that bundled code loads at start for a feature the service never uses, with the reason:
 * ~60 ms of each start. Each is replaced by a stand-in that fails loudly if it is ever used.
 */
export const UNUSED_PACKAGES = {
  // graphql-jit's customJSONSerializer option (src/graphql/compiled-queries.ts does not set it),
  // with ajv and ajv-formats behind it.
  'fast-json-stringify': 'graphql-jit customJSONSerializer',
  // class-validator's IsPhoneNumber (no input of the schema uses it), with its metadata.
  'libphonenumber-js/max': "class-validator's IsPhoneNumber",
};

export function unusedPackages() {
  const names = Object.keys(UNUSED_PACKAGES).map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return {
    name: 'unused-packages',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'unused-packages' }));
      build.onLoad({ filter: /.*/, namespace: 'unused-packages' }, (args) => {
        const message = JSON.stringify(`${args.path} (${UNUSED_PACKAGES[args.path]}) is not in the build's bundles: see UNUSED_PACKAGES in bin/bundle-server.mjs`);
        return {
          contents: `function fail() { throw new Error(${message}); }\nmodule.exports = new Proxy(fail, { get: (target, key) => (key === '__esModule' ? false : typeof key === 'symbol' ? target[key] : fail()), apply: fail, construct: fail });\n`,
          loader: 'js',
        };
      });
    },
  };
}

/** The playground's own bundle (bin/bundle-playground.mjs, ~3.5 MB) stays a file of its own, loaded where it is. */
function playgroundOutside(dist) {
  return {
    name: 'playground-outside',
    setup(build) {
      build.onResolve({ filter: /^\.\/ruru\.js$/ }, (args) => ({ path: `./${path.relative(dist, path.join(args.resolveDir, args.path)).replaceAll(path.sep, '/')}`, external: true }));
    },
  };
}

/**
 * Writes DIST/server.js, the bundle of DIST/src/server.js, and its chunks (server-*.js): a cluster's
 * primary loads the entry and what migrating needs, its workers the rest too. They sit in DIST
 * itself, where tsc put mikro-orm.config.js, so that paths derived from import.meta.url are the
 * same. Class names are kept: TypeGraphQL and MikroORM name types and entities after them.
 */
export async function bundleServer(esbuild, dist) {
  await bundle(esbuild, dist, 'server', { server: path.join(dist, 'src', 'server.js') }, ['src/db/bundled-migrations.js', 'src/graphql/documents/bundled-checks.js']);
}

/**
 * The command-line tools (npm run user, db:migrate, db:seed, …) as one more set of bundles, beside
 * the server's and sharing nothing with them, so that the server's own chunks stay as they are:
 * from tsc's files each run loaded ~1,800 modules before doing anything (~0.9 s).
 * Returns the build stamp's map from each entry point to its bundle.
 */
export async function bundleClis(esbuild, dist, entries) {
  const points = Object.fromEntries(entries.map((entry) => [`cli-${path.basename(entry)}`, path.join(dist, `${entry}.js`)]));
  await bundle(esbuild, dist, 'cli', points, ['src/db/bundled-migrations.js']);
  return Object.fromEntries(entries.map((entry) => [entry, `cli-${path.basename(entry)}.js`]));
}

/**
 * One esbuild build of `entryPoints` into DIST as `prefix`.js files. `mustReplace`: the modules the
 * build's plugins must have replaced; a build that did not (a module renamed, a filter that no
 * longer matches) fails, rather than a bundle that silently loads migrations by path or checks the
 * trusted documents again at every start.
 */
async function bundle(esbuild, dist, prefix, entryPoints, mustReplace) {
  const replaced = new Set();
  const own = new RegExp(`^${prefix}(-.*)?\\.js(\\.map)?$`);
  for (const file of readdirSync(dist)) if (own.test(file)) rmSync(path.join(dist, file));
  const { metafile } = await esbuild.build({
    entryPoints,
    outdir: dist,
    chunkNames: `${prefix}-[name]-[hash]`,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    external: EXTERNAL,
    // Bundled CommonJS packages require Node's built-ins: an ES module has no require of its own.
    banner: { js: "import { createRequire as __serverRequire } from 'node:module'; const require = __serverRequire(import.meta.url);" },
    plugins: [bundledMigrations(dist, replaced), bundledChecks(dist, replaced), visibleRequires(), playgroundOutside(dist), packagesUrl(), nodeCreateHash(), httpThroughRequire(), unusedPackages()],
    logLevel: 'warning',
    metafile: true,
  });
  // graphql's ES build next to its CommonJS one would be two graphql-js, whose schemas and errors
  // fail each other's checks at run time ("from another module or realm"): refuse such a bundle.
  const twice = Object.keys(metafile.inputs).filter((file) => /node_modules\/graphql\/.*\.mjs$/.test(file));
  if (twice.length) throw new Error(`the ${prefix} bundle would hold graphql twice (${twice[0]}, …): see bin/bundle-server.mjs`);
  const missed = mustReplace.filter((module) => !replaced.has(module));
  if (missed.length) throw new Error(`the ${prefix} bundle did not replace ${missed.join(', ')}: no module matched its plugin's filter (see bin/bundle-server.mjs)`);
}
