/**
 * The playground's only door to the ruru package, a development dependency. From the sources it
 * imports the installed package; `npm run build` replaces this module's compiled form with an
 * esbuild bundle of these two entry points and the compressed assets they serve (bin/build.mjs,
 * bundlePlayground), so a production install serves the playground with ruru, GraphiQL, Monaco
 * and React pruned. Checked on ruru 2.0.2: `serveStatic` reads its assets from the package's
 * dist/bundleCode.js (brotli buffers), never from its static/ folder.
 */
export { ruruHTML, type RuruServerConfig } from 'ruru/server';
export { serveStatic } from 'ruru/static';
