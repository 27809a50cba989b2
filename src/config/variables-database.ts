import { DEFAULT_SQLITE_PATH, parseDatabaseUrl } from './database-url.js';
import { custom, decimal, flag, integer, postgres, postgresList } from './kinds.js';

/** The database's variables (the `database` and `scaling` groups' connections), in the order VARIABLES reads them: a part of that table (variables.ts). */
export const DATABASE_VARIABLES = {
  // --- Database
  DATABASE_URL: custom({
    group: 'database',
    type: 'PostgreSQL URL, SQLite URL or file path',
    defaults: DEFAULT_SQLITE_PATH,
    example: 'postgresql://retrofun:secret@127.0.0.1:5432/retrofun',
    description:
      "`postgresql://` (or `postgres://`) URL, or SQLite: a file path, the book's `sqlite:///relative.sqlite` and `sqlite:////absolute/path.sqlite`, or `sqlite://` (in memory). Passwords are never printed.",
    read: (raw) => parseDatabaseUrl(raw),
  }),
  SEED_DEMO: flag({
    group: 'database',
    default: { development: true, production: false },
    description: 'Load the demo dataset into an empty database at start-up; a database holding any row is never seeded.',
  }),
  SQLITE_BUSY_TIMEOUT_MS: integer({
    group: 'database',
    default: 2_000,
    min: 0,
    max: 60_000,
    description: "How long a SQLite write waits for another writer's lock before answering 503; the driver waits synchronously, so keep it short.",
  }),
  DATABASE_POOL_MAX: integer({ group: 'database', min: 1, max: 1_000, unset: '10', example: '10', description: 'Most connections the PostgreSQL pool opens.' }),
  DATABASE_STATEMENT_TIMEOUT_MS: integer({
    group: 'database',
    min: 0,
    max: 3_600_000,
    unset: 'REQUEST_TIMEOUT_MS',
    example: '10000',
    description: "PostgreSQL's `statement_timeout` for the service's connections.",
  }),
  DATABASE_PREPARED_STATEMENTS: integer({
    group: 'database',
    min: 0,
    max: 10_000,
    unset: '100',
    example: '100',
    description: 'Statement shapes each PostgreSQL connection keeps prepared (the least recently used is deallocated to make room). 0: none, as PgBouncer before 1.21 in transaction mode requires.',
  }),
  DATABASE_RANDOM_PAGE_COST: decimal({
    group: 'database',
    default: 1.1,
    above: 0,
    max: 100,
    keyword: 'server',
    description:
      "PostgreSQL's `random_page_cost` for the service's connections, sent as a startup parameter. 1.1 is PostgreSQL's advice for data in memory or on SSD; at the server's default of 4 the planner scans small tables once per outer row. `server` keeps the server's setting.",
  }),
  DATABASE_URL_PG: postgres({
    group: 'database',
    unset: 'DATABASE_URL, when it is PostgreSQL',
    example: 'postgresql://retrofun:secret@127.0.0.1:5432/retrofun_dev',
    description: 'Only for `npm run db:migrate -- create|check`: the PostgreSQL database the PostgreSQL migration set is generated and checked against.',
  }),

  // --- Read replicas and the viewer cache
  DATABASE_REPLICA_URLS: postgresList({
    group: 'scaling',
    unset: 'none: every read goes to the primary',
    postgresOnly: 'SQLite has no replicas',
    example: 'postgresql://retrofun:secret@replica1:5432/retrofun,postgresql://retrofun:secret@replica2:5432/retrofun',
    description: "Streaming replicas that serve queries' reads.",
  }),
  DATABASE_REPLICA_MAX_LAG_SECONDS: integer({
    group: 'scaling',
    default: 30,
    min: 0,
    max: 86_400,
    description: 'A replica further behind gets no reads until it catches up; 0: never left out for lag.',
  }),
  DATABASE_REPLICA_CHECK_INTERVAL_MS: integer({ group: 'scaling', default: 5_000, min: 100, max: 600_000, description: "How often each replica's state and lag are checked." }),
  VIEWER_CACHE: flag({
    group: 'scaling',
    default: true,
    description: 'PostgreSQL: keep each signed-in account per process while the database notifies its changes, so that role checks cost no statement. SQLite has none.',
  }),
  DATABASE_LISTEN_URL: postgres({
    group: 'scaling',
    unset: 'DATABASE_URL',
    postgresOnly: 'SQLite has no notifications',
    example: 'postgresql://retrofun:secret@db1:5432/retrofun',
    description:
      "The session that LISTENs for the viewer cache and for subscriptions' events: a direct connection when DATABASE_URL is PgBouncer's in transaction mode (without one the cache stays off by itself and events are polled every second).",
  }),
};
