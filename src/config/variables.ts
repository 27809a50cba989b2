import { DATABASE_VARIABLES } from './variables-database.js';
import { COUNT_MODES } from '../loading/counting.js';
import { LOADING_STRATEGIES } from '../loading/strategy.js';
import { parseTrustProxy } from '../trust-proxy.js';
import { ConfigError } from './errors.js';
import { custom, flag, integer, oneOf, secret, text } from './kinds.js';
import { parseOrigins } from './origins.js';
import { ACCOUNT_ROLES, LOG_LEVELS, STRATEGY_HEADER_POLICIES, TRUSTED_DOCUMENT_MODES, type AccountRole } from './types.js';

/**
 * Every environment variable the service reads: the one place where each is named, typed,
 * bounded, given its defaults and described. src/config/parse.ts reads them in this order (so
 * that a missing JWT_SECRET in production is reported after any other bad value);
 * `npm run config:docs` writes .env.example and docs/configuration.md from it.
 */
export const VARIABLES = {
  // --- Server
  NODE_ENV: text({
    group: 'server',
    default: 'development',
    description:
      '`development`, `test` or `production`. Production never creates demo accounts, loads no demo data unless SEED_DEMO=true, turns SQL_STATS, INTROSPECTION and PLAYGROUND off unless set, lets only staff choose a loading strategy, and requires JWT_SECRET, listed CORS_ORIGINS and BCRYPT_ROUNDS of 12 or more.',
  }),
  HOST: text({ group: 'server', default: '0.0.0.0', description: 'Address `npm start` binds to, for the GraphQL port and METRICS_PORT.' }),
  PORT: integer({ group: 'server', default: 4000, min: 0, max: 65_535, description: 'HTTP port of `/graphql`; 0 picks a free one.' }),
  LOG_LEVEL: oneOf(LOG_LEVELS, {
    group: 'server',
    default: { development: 'info', test: 'silent' },
    description:
      "pino's level; logs are JSON lines. At `debug` every SQL statement is logged too (placeholders, never values), and the commands (npm run user, db:*) print an unexpected error's stack, not only its first line.",
  }),
  TRUST_PROXY: custom({
    group: 'server',
    type: 'addresses and CIDR ranges, loopback, linklocal, uniquelocal; a hop count 0–100; true or false',
    defaults: 'loopback',
    example: 'loopback,10.0.0.0/8',
    description:
      "Which proxies' `X-Forwarded-For` names the client, as Express's `trust proxy` takes it (comma-separated); the sign-in and write limits key on the address it gives. `true` believes every client (production logs a warning): list your proxies instead.",
    read: (raw) => parseTrustProxy(raw, (message) => new ConfigError(message)),
  }),
  MAX_CONNECTIONS: integer({ group: 'server', default: 1_000, min: 1, max: 100_000, description: 'Open HTTP connections the server accepts at once.' }),
  WEB_CONCURRENCY: integer({
    group: 'server',
    min: 1,
    max: 256,
    unset: '1; one per core in production',
    example: '2',
    description: "Worker processes sharing the port. Their primary migrates once, restarts a worker that dies and serves all workers' metrics on METRICS_PORT.",
  }),

  // --- Database, replicas and the listening session (variables-database.ts)
  ...DATABASE_VARIABLES,

  // --- HTTP caching
  RESPONSE_CACHE: flag({
    group: 'caching',
    default: true,
    description:
      'Keep the answers of public GET queries in memory per process, keyed by document, variables and the versions of the tables they read, and serve them until a commit changes one of those tables. Signed-in and viewer-dependent answers are never kept.',
  }),
  RESPONSE_CACHE_MAX_MB: integer({
    group: 'caching',
    default: 64,
    min: 1,
    max: 16_384,
    description: "The response cache's bound per process, in megabytes of answers (least recently used first out).",
  }),

  // --- Subscriptions
  LIVE_MAX_CONNECTIONS_PER_ADDRESS: integer({
    group: 'live',
    default: 20,
    min: 1,
    max: 100_000,
    description:
      'Open subscription connections (WebSockets and event streams) per client address, counted across every worker and host (where the rate limits count); more are refused with 429 before the handshake.',
  }),
  LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: integer({
    group: 'live',
    default: 50,
    min: 1,
    max: 10_000,
    description: 'Open subscriptions on one connection; more are refused with TOO_MANY_SUBSCRIPTIONS.',
  }),
  LIVE_MAX_SUBSCRIPTIONS_PER_ADDRESS: integer({
    group: 'live',
    default: 200,
    min: 1,
    max: 1_000_000,
    description: 'Open subscriptions per client address across every worker and host; more are refused with TOO_MANY_SUBSCRIPTIONS.',
  }),
  LIVE_QUEUE_LIMIT: integer({
    group: 'live',
    default: 100,
    min: 1,
    max: 100_000,
    description: 'Messages waiting for one subscriber that reads too slowly; past it the client is closed (WebSocket code 4413, an event stream ends), never buffered without bound.',
  }),
  LIVE_FLUSH_INTERVAL_MS: integer({
    group: 'live',
    // Measured (docs/benchmarks/realtime-2026-12-07.md): 50 ms halves the write calls of a busy fan-out.
    default: 50,
    min: 0,
    max: 1_000,
    description:
      'Subscription messages to one WebSocket within this many milliseconds leave in one write: fewer system calls under a busy stream of events, at most this much later. Events further apart are sent at once. 0 writes every message on its own.',
  }),
  LIVE_IDLE_TIMEOUT_SECONDS: integer({ group: 'live', default: 300, min: 1, max: 86_400, description: 'A WebSocket with no subscription open for this long is closed (code 1000, "idle").' }),

  // --- GraphQL
  LOADING_STRATEGY: oneOf(LOADING_STRATEGIES, {
    group: 'graphql',
    // eager ran the fewest statements on every example operation.
    default: 'eager',
    description: 'Default relation loading; a request may choose another with the `x-loading-strategy` header (see LOADING_STRATEGY_HEADER).',
  }),
  LOADING_STRATEGY_HEADER: oneOf(STRATEGY_HEADER_POLICIES, {
    group: 'graphql',
    // A teaching tool outside production; in production a lazy strategy is a lever for anyone.
    default: { development: 'all', production: 'staff' },
    description: 'Who may choose a strategy with `x-loading-strategy`: anyone, signed-in editors and admins, or nobody.',
  }),
  INTROSPECTION: flag({ group: 'graphql', default: { development: true, production: false }, description: 'Schema introspection, and field suggestions ("Did you mean") in error messages.' }),
  PLAYGROUND: flag({ group: 'graphql', default: { development: true, production: false }, description: 'Serve the GraphQL playground to browsers at `GET /graphql` and `GET /`.' }),
  TRUSTED_DOCUMENTS: oneOf(TRUSTED_DOCUMENT_MODES, {
    group: 'graphql',
    // A public API: its documented clients write their own operations, and every text passes the same
    // token, depth, field, cost and statement limits. `require` is for an API only its own apps call.
    default: 'allow',
    description:
      "`allow`: a request sends a document's text or the id of a trusted document (`documentId`, Relay's `doc_id`). `require`: ids only; text (and automatic persisted queries) is refused with PERSISTED_QUERY_REQUIRED, except from accounts with a TRUSTED_DOCUMENTS_BYPASS_ROLES role. `off`: text only; ids are refused with PERSISTED_QUERY_NOT_SUPPORTED and no manifest is read.",
  }),
  TRUSTED_DOCUMENTS_BYPASS_ROLES: custom({
    group: 'graphql',
    type: `comma-separated roles (${ACCOUNT_ROLES.join(', ')}), or none`,
    defaults: 'editor,admin',
    description: 'Under TRUSTED_DOCUMENTS=require, signed-in accounts with one of these roles (exactly these, not ranked) may still send text: staff tools and the playground. `none`: nobody.',
    read: (raw, name) => {
      const value = raw?.trim() ?? '';
      if (value === '') return ['editor', 'admin'] as AccountRole[];
      if (value.toLowerCase() === 'none') return [] as AccountRole[];
      return value.split(',').map((part) => {
        const role = part.trim().toLowerCase();
        if (!(ACCOUNT_ROLES as readonly string[]).includes(role)) throw new ConfigError(`${name} must list roles among ${ACCOUNT_ROLES.join(', ')} (or be none), got "${part.trim()}"`);
        return role as AccountRole;
      });
    },
  }),
  PERSISTED_DOCUMENTS_DIR: custom({
    group: 'graphql',
    type: 'directory',
    defaults: undefined,
    unset: "the service's own manifest only",
    example: '/etc/retrofun/documents',
    description:
      "Manifests of trusted documents: every `*.json` in it, each a JSON object mapping ids to document texts (graphql-codegen's `persisted-documents.json`, Relay's `persisted_queries.json`), besides the service's own (client/generated/persisted-documents.json). Read at start; a bad manifest stops the service with one line naming it.",
    read: (raw) => (raw?.trim() ? raw.trim() : undefined),
  }),
  CORS_ORIGINS: custom({
    group: 'graphql',
    type: 'comma-separated origins, or *',
    defaults: { development: '*', production: undefined },
    example: 'http://localhost:5173',
    description: 'Origins allowed to call `/graphql` from a browser; `*` (any) is refused in production.',
    read: (raw, _name, { nodeEnv }) => parseOrigins(raw, nodeEnv === 'production'),
  }),
  SQL_STATS: flag({ group: 'graphql', default: { development: true, production: false }, description: 'Report `extensions.sql = { statements, strategy }` in responses.' }),
  COUNT_MODE: oneOf(COUNT_MODES, {
    group: 'graphql',
    default: 'capped',
    description:
      'How a connection\'s `totalCount` counts when the query names no `mode` (docs/api.md, "Counts"). `capped`: exact up to COUNT_CAP, beyond it the cap with `totalCountIsExact: false` (reads at most COUNT_CAP + 1 rows). `estimated`: the same, but beyond the cap PostgreSQL\'s planner estimate (SQLite keeps the cap). `exact`: always `count(*)` of every matching row, as before; a query asking for it by name pays for it in the cost model.',
  }),
  COUNT_CAP: integer({
    group: 'graphql',
    default: 10_000,
    min: 1,
    max: 1_000_000,
    description: 'Rows a `capped` or `estimated` totalCount counts exactly: beyond it the count stops and says it is not exact.',
  }),
  GRAPHQL_COMPILE_AFTER: integer({
    group: 'graphql',
    default: 2,
    min: 0,
    max: 1_000_000,
    description:
      "A query document runs compiled (graphql-jit) from its Nth execution on: the same resolvers and answers without graphql-js's per-field work; a compiled query is kept as long as its document is (GRAPHQL_DOCUMENT_CACHE_MB). 0: always graphql-js. Mutations always run through graphql-js.",
  }),

  GRAPHQL_DOCUMENT_CACHE_MB: integer({
    group: 'graphql',
    default: 16,
    min: 1,
    max: 4_096,
    description:
      'Parsed and validated query documents kept per process, in megabytes of estimated heap (least recently used first out); what is worked out per document (plans, compiled queries) goes with it.',
  }),

  // --- Request limits
  QUERY_DEPTH_LIMIT: integer({ group: 'limits', default: 10, min: 2, max: 50, description: 'Deepest operation accepted; deeper ones fail validation.' }),
  QUERY_COST_LIMIT: integer({ group: 'limits', default: 500_000, min: 10, max: 10_000_000, description: 'Highest computed cost accepted (the cost model counts the rows each list may return).' }),
  QUERY_TOKEN_LIMIT: integer({ group: 'limits', default: 5_000, min: 100, max: 1_000_000, description: 'Lexical tokens of the document: the parser stops past it.' }),
  QUERY_FIELD_LIMIT: integer({ group: 'limits', default: 1_000, min: 10, max: 1_000_000, description: 'Field selections, every fragment expanded.' }),
  QUERY_ALIAS_LIMIT: integer({ group: 'limits', default: 30, min: 0, max: 10_000, description: 'Aliased fields, fragments expanded.' }),
  QUERY_DIRECTIVE_LIMIT: integer({ group: 'limits', default: 30, min: 0, max: 10_000, description: 'Directives, fragments expanded.' }),
  QUERY_STATEMENT_LIMIT: integer({ group: 'limits', default: 500, min: 1, max: 1_000_000, description: 'SQL statements one request may run.' }),
  REQUEST_TIMEOUT_MS: integer({
    group: 'limits',
    default: 10_000,
    min: 100,
    max: 600_000,
    description: "Wall-clock milliseconds one request may run; also PostgreSQL's `statement_timeout` unless DATABASE_STATEMENT_TIMEOUT_MS is set.",
  }),

  // --- Metrics
  METRICS: flag({ group: 'metrics', default: false, description: 'Prometheus metrics at `GET /metrics`.' }),
  METRICS_PORT: integer({
    group: 'metrics',
    min: 1,
    max: 65_535,
    unset: 'the public port',
    example: '9464',
    description: 'Serve `/metrics` on this port only (same HOST), never on the public one.',
  }),

  // --- Accounts and tokens
  BCRYPT_ROUNDS: integer({
    group: 'accounts',
    // 12 is the production floor; tests use bcrypt's minimum so that suites stay fast.
    default: { development: 10, test: 4, production: 12 },
    min: { development: 4, production: 12 },
    max: 16,
    description: 'bcrypt cost factor for password hashes.',
  }),
  JWT_SECRET: secret({
    group: 'accounts',
    minLength: 32,
    howTo: 'e.g. openssl rand -base64 48',
    unset: 'generated per process (tokens die with it); required in production',
    description: 'HMAC key that signs access tokens.',
  }),
  JWT_TTL_SECONDS: integer({ group: 'accounts', default: 8 * 3_600, min: 60, max: 30 * 86_400, description: 'Access token lifetime.' }),
};
