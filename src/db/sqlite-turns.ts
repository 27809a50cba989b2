import { AbstractSqlDriver, SqlitePlatform, type Configuration } from '@mikro-orm/sql';
import { MikroORM as SqliteMikroORM, SqliteConnection } from '@mikro-orm/sqlite';

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

/** MikroORM's SQLite driver, on the connection above. */
export class TurnTakingSqliteDriver extends AbstractSqlDriver<TurnTakingSqliteConnection, SqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new SqlitePlatform(), TurnTakingSqliteConnection, ['kysely', 'better-sqlite3']);
  }

  override getORMClass() {
    return SqliteMikroORM as never;
  }
}
