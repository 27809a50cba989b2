import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import helmet from 'helmet';
import { projectRoot } from '../paths.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>RetroFun orders</title>
<link rel="stylesheet" href="/orders/app.css" />
</head>
<body>
<div id="app"><p style="margin:2rem">Loading…</p></div>
<noscript>The orders page needs JavaScript.</noscript>
<script type="module" src="/orders/app.js"></script>
</body>
</html>`;

/** The page's script: the build's bundle (npm run build), or bundled on first use with esbuild in development. */
async function loadBundle(): Promise<string> {
  const built = path.join(projectRoot(), 'dist', 'client', 'orders.js');
  if (existsSync(built)) return readFileSync(built, 'utf8');
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('the orders page is not built: run npm run build');
  }
  return bundleOrdersPage(esbuild);
}

/** esbuild options shared by the build and the development server, so both ship the same script. */
export async function bundleOrdersPage(esbuild: typeof import('esbuild')): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(projectRoot(), 'client', 'orders', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

/**
 * GET /orders: chapter 8's page, a small bundled script over the generated typed client. It talks
 * to /graphql like any client, so the API's own rules (editors only) apply; its CSP allows only
 * this origin.
 */
export function mountOrdersPage(app: Express): void {
  let bundle: Promise<string> | undefined;
  const css = readFileSync(path.join(projectRoot(), 'client', 'orders', 'orders.css'), 'utf8');
  const csp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      frameAncestors: ["'self'"],
    },
  });
  app.get('/orders', csp, (_req, res) => res.type('html').send(PAGE));
  app.get('/orders/app.css', (_req, res) => res.type('css').set('cache-control', 'no-cache').send(css));
  app.get('/orders/app.js', async (_req, res, next) => {
    try {
      bundle ??= loadBundle();
      res
        .type('js')
        .set('cache-control', 'no-cache')
        .send(await bundle);
    } catch (error) {
      bundle = undefined;
      next(error);
    }
  });
}
