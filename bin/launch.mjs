// Starts one of the project's entry points (the server or a CLI) on the running Node:
// the compiled build in dist/ when there is one and it is current, the TypeScript sources
// through tsx otherwise. It runs the entry point in this same process, so that signals sent
// to `npm start` reach the service itself rather than a wrapper.
import './require-node.cjs';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry || !/^(src|scripts)\/[\w/.-]+$/.test(entry)) {
  process.stderr.write('usage: node bin/launch.mjs src/<entry point without extension> [args…]\n');
  process.exit(2);
}
const stamp = path.join(root, 'dist', '.build.json');
/** The build's bundle of this entry point (bin/bundle-server.mjs), else tsc's compiled file. */
function compiledFile() {
  const bundle = existsSync(stamp) ? JSON.parse(readFileSync(stamp, 'utf8')).bundles?.[entry] : undefined;
  return typeof bundle === 'string' ? { compiled: path.join(root, 'dist', bundle), bundled: true } : { compiled: path.join(root, 'dist', `${entry}.js`), bundled: false };
}
const { compiled, bundled } = compiledFile();
const source = path.join(root, `${entry}.ts`);

/** Newest modification time under the folders the build compiles. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) walk(full);
      else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ['src', 'seeders', 'migrations']) if (existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return Math.max(newest, statSync(path.join(root, 'mikro-orm.config.ts'), { throwIfNoEntry: false })?.mtimeMs ?? 0);
}

/** The entry point sees its own arguments, as if it had been started directly. */
function startAs(file) {
  process.argv.splice(1, 2, file);
}

/** Whether tsx is installed, without loading it (a production install has pruned it). */
function tsxInstalled() {
  try {
    import.meta.resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

// V8's compiled code for every module, kept on disk between starts (Node's compile cache, in the
// system's temporary folder unless NODE_COMPILE_CACHE says where): compiling the server's bundle
// (or, from the sources or for a CLI, its modules) is a large part of its start-up time.
module.enableCompileCache?.();

const built = existsSync(stamp) && existsSync(compiled);
const hasTsx = tsxInstalled();
if (built && !(hasTsx && existsSync(source) && newestSource() > statSync(stamp).mtimeMs)) {
  // tsc's files map stack traces to the TypeScript sources. A bundle's maps are megabytes that Node
  // would parse at every start, as MikroORM's decorators read a stack trace per entity: its traces
  // name functions and bundle lines, and NODE_OPTIONS=--enable-source-maps maps them to the sources.
  if (!bundled) process.setSourceMapsEnabled(true);
  startAs(compiled);
  await import(pathToFileURL(compiled).href);
} else if (hasTsx && existsSync(source)) {
  const tsx = await import('tsx/esm/api');
  if (built) process.stderr.write('retrofun-graphql: dist/ is older than the sources, running them with tsx (npm run build refreshes it)\n');
  tsx.register();
  startAs(source);
  await import(pathToFileURL(source).href);
} else {
  process.stderr.write(`retrofun-graphql: no build of ${entry} in dist/ and no tsx to run the sources: run npm run build, or npm ci without --omit=dev\n`);
  process.exit(1);
}
