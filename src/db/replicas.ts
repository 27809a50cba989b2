import type { Configuration, ConnectionOptions, ConnectionType } from '@mikro-orm/core';
import type { PostgreSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';
import type { ReplicaConfig } from '../config.js';
import { classifyDatabaseError } from '../graphql/db-errors.js';
import { reason } from './orm.js';
import { parseLsn, PrimaryPositions } from './replica-lag.js';
import { postgreSqlDriverOn } from '../seams/mikro-orm.js';
import { DEFAULT_PREPARED_STATEMENTS, PreparingPostgreSqlConnection } from './prepared-statements.js';
import type { SqlStats } from './sql-stats.js';

/** `up`: serves reads; `lagging`: answers but is too far behind; `down`: does not answer; `starting`: not checked yet. */
export type ReplicaState = 'starting' | 'up' | 'lagging' | 'down';

/** What /health says of one replica: no host, no credentials, only its position in DATABASE_REPLICA_URLS. */
export interface ReplicaStatus {
  name: string;
  state: ReplicaState;
  /** Seconds of the primary's history not yet replayed; null until known. */
  lagSeconds: number | null;
  checkedAt: string | null;
}

// What the primary has flushed: all a standby can have been sent (with synchronous_commit=off a
// commit may sit in WAL buffers a moment longer; the WAL writer flushes it within wal_writer_delay).
const PRIMARY_POSITION = `select pg_current_wal_flush_lsn()::text as lsn`;
// A replica's replayed position, and whether a WAL receiver is connected to its primary (the view
// shows a row while one is; its pid, all this needs, is visible without pg_read_all_stats).
const REPLICA_POSITION = `select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replayed,
  exists (select 1 from pg_stat_wal_receiver) as receiving`;

/**
 * The read replicas of one process: which of them serve reads, and which request may use them.
 * MikroORM's own choice is a random replica whether or not it answers; this one takes turns among
 * the replicas that answered their last check and are not too far behind, and falls back to the
 * primary when none is (or when the request must read its own writes).
 */
export class ReplicaSet {
  readonly statuses: ReplicaStatus[];
  private connections: PostgreSqlConnection[] = [];
  private readonly probes: pg.Pool[];
  /** The primary's own connection for its WAL position, the measure of every replica's lag. */
  private readonly primaryProbe: pg.Pool;
  private readonly positions: PrimaryPositions;
  /** The last attempt to read the primary's position failed (logged once per outage). */
  private primaryUnread = false;
  private next = 0;
  private timer?: NodeJS.Timeout;
  /** Each replica's replayed WAL position as last read; null when unknown or not a standby. */
  private readonly replayed: (bigint | null)[];
  /** A question of a replica's position asked on a request's path, shared by the requests that wait for it. */
  private readonly asking: (Promise<void> | undefined)[] = [];

  constructor(
    private readonly config: ReplicaConfig,
    primaryUrl: string,
    private readonly logger: Logger,
    /** The request the statement about to run belongs to: whether it may read a replica, and which. */
    private readonly requestOf: () => Pick<SqlStats, 'replicaReads' | 'replicaFloor'> | undefined,
  ) {
    this.statuses = config.urls.map((_, i) => ({ name: `replica${i + 1}`, state: 'starting', lagSeconds: null, checkedAt: null }));
    this.replayed = config.urls.map(() => null);
    // One connection of their own: a replica whose pool is busy serving reads is not a replica that is down.
    const probe = (url: string) => {
      const pool = new pg.Pool({
        connectionString: url,
        // Two: a request's question of a replica's position (reached()) need not wait behind a check.
        max: 2,
        connectionTimeoutMillis: Math.min(2_000, config.checkIntervalMs),
        statement_timeout: 2_000,
        idleTimeoutMillis: config.checkIntervalMs * 3,
      });
      pool.on('error', () => undefined); // a dropped idle probe connection: the next check reports it
      return pool;
    };
    this.probes = config.urls.map(probe);
    this.primaryProbe = probe(primaryUrl);
    // Positions kept well past the lag limit, so that a replica beyond it always measures beyond it.
    this.positions = new PrimaryPositions(Math.max(120_000, config.maxLagSeconds * 2_000, config.checkIntervalMs * 4));
  }

  /** The MikroORM driver class that routes through this set (`preparedStatements`: see preparingDriver). */
  driver(preparedStatements = DEFAULT_PREPARED_STATEMENTS): typeof PostgreSqlDriver {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const set = this;
    let primary: PreparingPostgreSqlConnection | undefined;
    // MikroORM constructs a driver's primary connection first, then one per replica in
    // DATABASE_REPLICA_URLS order (src/seams/mikro-orm.ts, seam 5).
    class RoutedConnection extends FallbackConnection {
      override cap = preparedStatements;
      constructor(config: Configuration, options?: ConnectionOptions, type: ConnectionType = 'write') {
        super(config, options, type);
        if (type === 'write') {
          primary = this;
          set.connections = [];
        } else {
          this.fallback = { set, primary: primary! };
          set.connections.push(this);
        }
      }
    }
    return class ReplicaRoutingDriver extends postgreSqlDriverOn(RoutedConnection) {
      override getConnection(type: ConnectionType = 'write'): PostgreSqlConnection {
        return (type === 'read' && set.choose()) || super.getConnection('write');
      }
    };
  }

  /**
   * A replica for the current statement, or undefined for the primary. A request that holds a
   * consistency token (`replicaFloor`) reads only replicas known to have replayed past it: a
   * replayed position only grows, so every read of the request sees the token's commit.
   */
  choose(): PostgreSqlConnection | undefined {
    const request = this.requestOf();
    if (request?.replicaReads !== true) return undefined;
    for (let tried = 0; tried < this.connections.length; tried++) {
      const i = this.next++ % this.connections.length;
      if (this.serves(i, request.replicaFloor)) return this.connections[i];
    }
    return undefined;
  }

  /**
   * Whether some replica that serves reads has replayed the WAL up to `lsn` (a commit's position,
   * from a consistency token): as of the last check, or else asked of the replicas now, once per
   * replica however many requests wait. False sends the request's reads to the primary.
   */
  async reached(lsn: bigint): Promise<boolean> {
    if (this.statuses.some((_, i) => this.serves(i, lsn))) return true;
    await Promise.all(this.statuses.map((s, i) => (s.state === 'up' ? this.askReplayed(i) : undefined)));
    return this.statuses.some((_, i) => this.serves(i, lsn));
  }

  private serves(i: number, floor: bigint | undefined): boolean {
    if (this.statuses[i]?.state !== 'up') return false;
    const replayed = this.replayed[i];
    return floor === undefined || (replayed !== undefined && replayed !== null && replayed >= floor);
  }

  private askReplayed(i: number): Promise<void> {
    // An answer asked for a moment before this request's token was issued can only be too old,
    // which sends the request to the primary: sharing it is safe.
    this.asking[i] ??= (async () => {
      try {
        const { rows } = await this.probes[i]!.query<{ standby: boolean; replayed: string | null }>(REPLICA_POSITION);
        this.replayed[i] = rows[0]?.standby && rows[0].replayed !== null ? parseLsn(rows[0].replayed) : null;
      } catch {
        // The next check tells whether the replica is down; until then, this request reads the primary.
      } finally {
        this.asking[i] = undefined;
      }
    })();
    return this.asking[i];
  }

  /** A read failed to reach this replica: stop sending it reads until a check finds it answering. */
  markDown(connection: PostgreSqlConnection, error: unknown): void {
    const i = this.connections.indexOf(connection);
    if (i >= 0) this.transition(i, 'down', null, error);
  }

  /**
   * Checks every replica now, then every checkIntervalMs until stop(). Start-up does not wait for
   * the first answers (a replica behind a dropped route would hold it for the connect timeout):
   * until a replica has answered once, its reads go to the primary.
   */
  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.config.checkIntervalMs);
    this.timer.unref();
  }

  /**
   * The primary's position first, then each replica's against it. A replica is `lagging` when it is
   * behind by more than maxLagSeconds, or behind at all with no WAL receiver connected (cut off
   * from its primary, it would never catch up); `up` again once it has replayed what the primary had.
   * When the primary does not answer, the positions read before still measure the replicas.
   */
  async check(): Promise<void> {
    try {
      const { rows } = await this.primaryProbe.query<{ lsn: string }>(PRIMARY_POSITION);
      if (rows[0]) this.positions.record(parseLsn(rows[0].lsn), performance.now());
      this.primaryUnread = false;
    } catch (error) {
      // The primary's own outage shows in /health's status; the replicas are measured from what is
      // known. Until one position is known, no replica can be shown current: none serves reads.
      if (!this.primaryUnread) this.logger.warn({ reason: reason(error) }, "cannot read the primary's WAL position: replicas are measured from the last one read, and none serves reads before one is");
      this.primaryUnread = true;
    }
    await Promise.all(
      this.probes.map(async (probe, i) => {
        try {
          const { rows } = await probe.query<{ standby: boolean; replayed: string | null; receiving: boolean }>(REPLICA_POSITION);
          const row = rows[0];
          // Not a standby: its positions are not the primary's, so no token's commit is known there.
          this.replayed[i] = row?.standby && row.replayed !== null ? parseLsn(row.replayed) : null;
          if (!row?.standby || row.replayed === null) {
            if (this.statuses[i]?.state === 'starting') {
              this.logger.warn({ replica: this.statuses[i]?.name }, 'a read replica is not a standby (pg_is_in_recovery() is false): its data may not follow the primary');
            }
            this.transition(i, 'up', 0);
            return;
          }
          const lag = this.positions.lagSeconds(parseLsn(row.replayed), performance.now());
          if (lag === null) {
            this.transition(i, 'lagging', null, undefined, "the primary's WAL position could not be read yet");
            return;
          }
          const cutOff = !row.receiving && lag > 0;
          const tooFar = this.config.maxLagSeconds > 0 && lag > this.config.maxLagSeconds;
          this.transition(i, cutOff || tooFar ? 'lagging' : 'up', lag, undefined, cutOff ? 'no WAL receiver is connected to the primary' : undefined);
        } catch (error) {
          this.transition(i, 'down', null, error);
        }
      }),
    );
  }

  private transition(i: number, state: ReplicaState, lagSeconds: number | null, error?: unknown, why?: string): void {
    const status = this.statuses[i];
    if (!status) return;
    const before = status.state;
    status.state = state;
    status.lagSeconds = lagSeconds === null ? null : Math.round(lagSeconds * 1000) / 1000;
    status.checkedAt = new Date().toISOString();
    if (before === state) return;
    const fields = { replica: status.name, lagSeconds: status.lagSeconds };
    // The reason is the driver's one line (refused, timed out, shutting down): never the URL.
    if (state === 'down') this.logger.warn({ ...fields, reason: error === undefined ? undefined : reason(error) }, 'read replica is down: its reads go to the primary');
    else if (state === 'lagging') this.logger.warn({ ...fields, maxLagSeconds: this.config.maxLagSeconds, reason: why }, 'read replica is behind the primary: its reads go to the primary');
    else if (before !== 'starting') this.logger.info(fields, 'read replica is back: it serves reads again');
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.probes, this.primaryProbe].map((p) => p.end().catch(() => undefined)));
  }
}

/**
 * A replica connection that, when the replica cannot be reached (stopped, restarting, network),
 * marks it down and runs the read on the primary instead: the client never sees a replica's outage.
 * A read cancelled by a recovery conflict (40001 on a standby) is re-run on the primary too.
 * The primary's own connection (no `fallback`) runs as it is.
 */
class FallbackConnection extends PreparingPostgreSqlConnection {
  fallback?: { set: ReplicaSet; primary: PreparingPostgreSqlConnection };

  override async execute(...args: Parameters<PostgreSqlConnection['execute']>): Promise<never> {
    const [query, params, method, ctx, loggerContext] = args;
    return this.orPrimary(
      () => super.execute(...args),
      !!ctx,
      (primary) => primary.execute(query, params, method, undefined, loggerContext),
    );
  }

  override async executePrepared(...args: Parameters<PreparingPostgreSqlConnection['executePrepared']>): ReturnType<PreparingPostgreSqlConnection['executePrepared']> {
    return this.orPrimary(
      () => super.executePrepared(...args),
      false,
      (primary) => primary.executePrepared(...args),
    );
  }

  /** A read the replica could not answer (down, or a conflict with recovery), asked of the primary instead. */
  private async orPrimary<T>(run: () => Promise<T>, inTransaction: boolean, onPrimary: (primary: PreparingPostgreSqlConnection) => Promise<T>): Promise<T> {
    const fallback = this.fallback;
    if (!fallback) return run();
    try {
      return await run();
    } catch (error) {
      const unreachable = classifyDatabaseError(error) === 'unavailable';
      if (inTransaction || !(unreachable || (error as { code?: unknown }).code === '40001')) throw error;
      if (unreachable) fallback.set.markDown(this, error);
      return await onPrimary(fallback.primary);
    }
  }
}
