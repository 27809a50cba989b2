import { AbstractSqlDriver, SqlitePlatform, type Configuration } from '@mikro-orm/sql';
import { MikroORM as SqliteMikroORM, SqliteConnection } from '@mikro-orm/sqlite';
import { RetroFunSqlitePlatform } from './sqlite-platform.js';

/** How long one request may hold the event loop with SQLite statements before it lets others in. */
const SLICE_MS = 5;

interface KyselyConnection {
  executeQuery(query: unknown): Promise<unknown>;
}
interface KyselyDriver {
  acquireConnection(): Promise<KyselyConnection>;
}

/**
 * better-sqlite3 runs each statement synchronously, and a request awaits its statements as
 * microtasks: a long request (hundreds of lazy loads) would hold the event loop, and /health with
 * it, until it ends. This connection gives the event loop a turn (setImmediate) before a
 * statement whenever 5 ms have passed since the last one, so other requests are served in
 * between. Statements still run one at a time, in order: Kysely's mutex on the connection holds.
 */
class TurnTakingSqliteConnection extends SqliteConnection {
  override createKyselyDialect(options: Parameters<SqliteConnection['createKyselyDialect']>[0]) {
    const dialect = super.createKyselyDialect(options);
    // The better-sqlite3 handle super just opened (private in MikroORM's types, public at run time).
    registerRegexp((this as unknown as { database: Parameters<typeof registerRegexp>[0] }).database);
    const createDriver = dialect.createDriver.bind(dialect);
    let lastTurn = performance.now();
    dialect.createDriver = () => {
      const driver = createDriver() as unknown as KyselyDriver;
      const acquire = driver.acquireConnection.bind(driver);
      const wrapped = new WeakSet<KyselyConnection>();
      driver.acquireConnection = async () => {
        const connection = await acquire();
        if (!wrapped.has(connection)) {
          const execute = connection.executeQuery.bind(connection);
          connection.executeQuery = async (query) => {
            if (performance.now() - lastTurn > SLICE_MS) {
              await new Promise<void>((resolve) => setImmediate(resolve));
              lastTurn = performance.now();
            }
            return execute(query);
          };
          wrapped.add(connection);
        }
        return connection;
      };
      return driver as unknown as ReturnType<typeof createDriver>;
    };
    return dialect;
  }
}

/**
 * SQLite's `x REGEXP p` calls a function regexp(p, x) that SQLite leaves to the application: this
 * one uses JavaScript regular expressions, with a leading `(?i)` (what MikroORM writes for a
 * case-insensitive RegExp) as the i flag. Compiled patterns are cached: a query applies one to many rows.
 */
function registerRegexp(db: { function(name: string, options: { deterministic: boolean }, fn: (pattern: unknown, value: unknown) => number): unknown }): void {
  const cache = new Map<string, RegExp>();
  db.function('regexp', { deterministic: true }, (pattern, value) => {
    if (typeof pattern !== 'string' || value === null || value === undefined) return 0;
    let re = cache.get(pattern);
    if (!re) {
      re = pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'iu') : new RegExp(pattern, 'u');
      if (cache.size > 1000) cache.clear();
      cache.set(pattern, re);
    }
    return re.test(String(value)) ? 1 : 0;
  });
}

/** MikroORM's SQLite driver, on the connection above. */
export class TurnTakingSqliteDriver extends AbstractSqlDriver<TurnTakingSqliteConnection, SqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new RetroFunSqlitePlatform(), TurnTakingSqliteConnection, ['kysely', 'better-sqlite3']);
  }

  override getORMClass() {
    return SqliteMikroORM as never;
  }
}
