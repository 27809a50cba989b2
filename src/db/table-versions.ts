import type { MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import type { Listener } from './listener.js';

/** The channel the tables' triggers notify at commit (migration table_versions): `<table>:<version>`. */
export const TABLES_CHANNEL = 'retrofun_tables';

/**
 * The tables with a version (migration table_versions): every table a public answer may read.
 * Orders, order lines, page views, reading sessions and blog readers are readable only by signed-in
 * staff, and their writes are hot: no version, so no public answer reading them is ever cached.
 */
export const VERSIONED_TABLES: ReadonlySet<string> = new Set([
  'products',
  'products_countries',
  'countries',
  'manufacturers',
  'customers',
  'products_reviews',
  'users',
  'pages',
  'users_follows',
  'blog_authors',
  'languages',
  'blog_articles',
  'employees',
  'engineers',
  'managers',
  'engineers_products',
]);

/** The versions of some tables, as of one moment; undefined where they cannot be vouched for. */
export type Versions = ReadonlyMap<string, number>;

export interface TableVersionsOptions {
  orm: MikroORM;
  logger: Logger;
  /** PostgreSQL: the process's listening session; versions are kept in memory and refreshed by notification. */
  listener?: Listener;
}

/**
 * The current version of each versioned table, as the database holds it (table_versions, bumped by
 * triggers in the writing transaction, so every process and host reads the same numbers):
 * - PostgreSQL: read once when the listening session is live, then moved by the notifications the
 *   triggers send at commit (any process, any host, any SQL client), and re-read at once after
 *   this process's own commits (committed()), so its next request sees them before its answer to
 *   the write reaches the client. While the session is lost nothing is vouched for (of() answers
 *   undefined) until it is live again and the versions are read afresh.
 * - SQLite: read on every call (one statement on a 16-row table), so a commit by any process on
 *   the file is seen by the next request.
 * The versions a request gets are taken before it reads any data: its data is at least as new as
 * they are, never older.
 */
export class TableVersions {
  private readonly known = new Map<string, number>();
  private live = false;
  private reading: Promise<void> | undefined;

  constructor(private readonly options: TableVersionsOptions) {
    options.listener?.listen(TABLES_CHANNEL, {
      notification: (payload) => this.heard(payload),
      live: () => void this.refresh(true),
      lost: () => {
        this.live = false;
      },
    });
  }

  /** True while versions are vouched for (always on SQLite). */
  get active(): boolean {
    return !this.options.listener || this.live;
  }

  /** The versions of `tables` now; undefined when one of them has none or none can be vouched for. */
  async of(tables: Iterable<string>): Promise<Versions | undefined> {
    const source = this.options.listener ? await this.inMemory() : await this.read();
    if (!source) return undefined;
    const versions = new Map<string, number>();
    for (const table of tables) {
      const version = source.get(table);
      if (version === undefined) return undefined;
      versions.set(table, version);
    }
    return versions;
  }

  /** This process committed a write (PostgreSQL): read the versions again before answering anything cached. */
  committed(): void {
    if (this.options.listener && this.live) void this.refresh(false);
  }

  private async inMemory(): Promise<ReadonlyMap<string, number> | undefined> {
    await this.reading;
    return this.live ? this.known : undefined;
  }

  private async read(): Promise<Map<string, number>> {
    const rows = await this.options.orm.em.getConnection('write').execute<{ name: string; version: number | string }[]>('select name, version from table_versions');
    return new Map(rows.map((r) => [r.name, Number(r.version)]));
  }

  /** Reads every version; `goLive`: the session just became live, vouch from now on (if still live). */
  private refresh(goLive: boolean): Promise<void> {
    const reading = (async () => {
      try {
        for (const [name, version] of await this.read()) this.raise(name, version);
        if (goLive) this.live = true;
      } catch (error) {
        // Not vouched for until the next live(): a failed read must not leave old versions served.
        this.live = false;
        this.options.logger.warn({ err: error }, 'table versions: reading them failed; HTTP caching is off until the listening session reconnects');
      }
    })();
    const chained = Promise.all([this.reading, reading]).then(() => undefined);
    this.reading = chained;
    void chained.finally(() => {
      if (this.reading === chained) this.reading = undefined;
    });
    return chained;
  }

  private heard(payload: string): void {
    // Notifications arrive but a read failed: try again (the session is live, or nothing would arrive).
    if (!this.live && !this.reading) void this.refresh(true);
    const at = payload.lastIndexOf(':');
    const version = Number(payload.slice(at + 1));
    if (at > 0 && Number.isSafeInteger(version)) this.raise(payload.slice(0, at), version);
  }

  /** Versions only grow: a table's writers take its version row's lock, so its bumps commit in order. */
  private raise(table: string, version: number): void {
    if (version > (this.known.get(table) ?? Number.NEGATIVE_INFINITY)) this.known.set(table, version);
  }
}
