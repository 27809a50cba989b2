import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import { ruruHTML, serveStatic, type RuruServerConfig } from './ruru.js';

export const PLAYGROUND_STATIC = '/playground/';

/** What the playground opens with: a query that shows what the service does, and the SQL it costs. */
const DEFAULT_DOCUMENT = `# RetroFun GraphQL. Run with ▶ or Ctrl-Enter.
# "extensions" in the answer: the SQL statements
# this request cost, and its computed cost.
# Headers tab: {"x-loading-strategy": "lazy"} to
# compare strategies; after SignIn, add
# {"Authorization": "Bearer <token>"}.
query ProductsWithManufacturer {
  products(first: 5, orderBy: [{ field: YEAR }]) {
    totalCount
    nodes {
      id
      name
      year
      manufacturer { id name }
      reviews(first: 2) { nodes { id rating } }
    }
  }
}

mutation SignIn {
  login(input: { name: "editor", password: "editor" }) {
    token
    expiresAt
  }
}
`;

/**
 * Ruru (PostGraphile's GraphiQL build) served entirely by this service: the page, its scripts,
 * styles, fonts and Monaco's workers come from the npm package (in production, from the build's
 * bundle of it: see ./ruru.ts), never from a CDN. Its assets are stored brotli-compressed and served
 * as such (decompressed for clients without br).
 */
export function mountPlayground(app: Express): void {
  const page = ruruHTML({
    staticPath: PLAYGROUND_STATIC,
    endpoint: '/graphql',
    // Ruru's types mark every client option as required; these three are all it needs.
    clientConfig: { defaultQuery: DEFAULT_DOCUMENT, isHeadersEditorEnabled: true, initialHeaders: '{}' } as unknown as NonNullable<RuruServerConfig['clientConfig']>,
    htmlParts: { titleTag: '<title>RetroFun GraphQL playground</title>' },
  });
  // The page runs inline scripts and module workers of its own origin: a CSP for it alone.
  const csp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      workerSrc: ["'self'", 'blob:'],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      frameAncestors: ["'self'"],
    },
  });
  const wantsHtml: RequestHandler = (req, res, next) => {
    if (req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html' && req.query.query === undefined) {
      csp(req, res, () => res.type('html').send(page));
      return;
    }
    next();
  };
  app.get('/', (_req, res) => res.redirect(302, '/graphql'));
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  app.use('/graphql', wantsHtml);
  // Mounted without a path: Ruru's handler strips PLAYGROUND_STATIC from the URL itself.
  const assets = serveStatic(PLAYGROUND_STATIC);
  app.use((req, res, next) => (req.path.startsWith(PLAYGROUND_STATIC) ? csp(req, res, () => assets(req, res, next)) : next()));
}
