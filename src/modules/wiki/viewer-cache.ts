import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import type { Logger } from 'pino';

/** The channel the users table's trigger notifies (migration account_notices): an id, or '*' for all. */
export const ACCOUNTS_CHANNEL = 'retrofun_accounts';
const PROBE = 'probe:';

/** The columns a role check reads of the signed-in account, as the database returned them. */
export type ViewerRow = Readonly<Record<string, unknown>>;

export interface ViewerCacheOptions {
  /** The session that LISTENs: a direct connection (DATABASE_LISTEN_URL, else DATABASE_URL). */
  listenUrl: string;
  /** Sends `pg_notify(channel, payload)` through the service's own pool (the probe's other end). */
  notify(channel: string, payload: string): Promise<void>;
  logger: Logger;
  /** How often the listening session proves it still hears the database (a probe round trip). */
  heartbeatMs?: number;
  /** How long a probe may take before the cache is off. */
  probeTimeoutMs?: number;
  /** Accounts remembered at most (least recently used first out). */
  max?: number;
}

/**
 * The signed-in accounts this process has read, kept while PostgreSQL tells it of every change.
 *
 * Every signed-in request checks its token against the account's current row (role, token stamp):
 * a second round trip per request that PostGraphile's and Hasura's JWT checks skip by trusting the
 * token until it expires. This keeps the "changes apply at once" rule without the round trip: a
 * trigger on users notifies ACCOUNTS_CHANNEL on every update, delete and truncate, one session
 * per process LISTENs, and a notification drops the account (or all of them).
 *
 * It serves rows only while it can prove it hears those notifications: a probe it sends through
 * the service's own pool must come back on the listening session (at start and every heartbeat).
 * Through PgBouncer in transaction mode, or when the session drops or a probe is late, it is off
 * (every request reads the row, as without it) and forgets everything until a probe returns.
 * A row read while a change arrives is not kept (generation check in remember()).
 */
export class ViewerCache {
  private readonly rows: LRUCache<number, ViewerRow>;
  private generation = 0;
  private live = false;
  private client: pg.Client | undefined;
  private readonly probes = new Map<string, () => void>();
  private heartbeat: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  private failures = 0;
  private readonly heartbeatMs: number;
  private readonly probeTimeoutMs: number;

  constructor(private readonly options: ViewerCacheOptions) {
    this.rows = new LRUCache({ max: options.max ?? 10_000 });
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 2_000;
  }

  /** True while rows are served: the listening session is connected and its last probe came back. */
  get active(): boolean {
    return this.live;
  }

  /**
   * Changes heard (or the cache turned off) so far. Taken before reading an account, for
   * remember(), which keeps the row only if nothing changed since; tests wait on it too.
   */
  get changes(): number {
    return this.generation;
  }

  get(userId: number): ViewerRow | undefined {
    return this.live ? this.rows.get(userId) : undefined;
  }

  remember(userId: number, row: ViewerRow, since: number): void {
    if (this.live && since === this.generation) this.rows.set(userId, row);
  }

  /** An account this process changed: dropped at once, before its notification arrives. */
  forget(userId: number): void {
    this.generation++;
    this.rows.delete(userId);
  }

  /** Connects and listens; resolves once live or once the first attempt has failed (it keeps trying). */
  async start(): Promise<void> {
    await this.connect();
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatMs).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.retry);
    this.off();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.listenUrl, keepAlive: true, application_name: 'retrofun-viewer-cache', connectionTimeoutMillis: 5_000 });
    this.client = client;
    client.on('notification', (message) => this.heard(message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'the listening session ended'));
    try {
      await client.connect();
      await client.query(`listen ${ACCOUNTS_CHANNEL}`);
      await this.probe();
      this.failures = 0;
      this.live = true;
      this.options.logger.info('viewer cache on: account changes arrive by LISTEN/NOTIFY');
    } catch (error) {
      this.lost(client, (error as Error).message);
    }
  }

  private heard(payload: string): void {
    if (payload.startsWith(PROBE)) {
      this.probes.get(payload)?.();
      return;
    }
    this.generation++;
    const id = Number(payload);
    if (payload === '*' || !Number.isSafeInteger(id)) this.rows.clear();
    else this.rows.delete(id);
  }

  /** Resolves when a notification sent through the service's pool arrives on the listening session. */
  private async probe(): Promise<void> {
    const payload = `${PROBE}${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.probes.set(payload, resolve);
        timer = setTimeout(
          () => reject(new Error(`a probe notification did not arrive within ${this.probeTimeoutMs} ms (is DATABASE_LISTEN_URL a direct connection, not PgBouncer?)`)),
          this.probeTimeoutMs,
        );
        this.options.notify(ACCOUNTS_CHANNEL, payload).catch(reject);
      });
    } finally {
      clearTimeout(timer);
      this.probes.delete(payload);
    }
  }

  private async beat(): Promise<void> {
    if (!this.live) return;
    const client = this.client;
    try {
      await this.probe();
    } catch (error) {
      if (client) this.lost(client, (error as Error).message);
    }
  }

  private off(): void {
    this.live = false;
    this.generation++;
    this.rows.clear();
  }

  /** Off at once; a fresh session is tried after a growing pause (1 s to 30 s). */
  private lost(client: pg.Client, reason: string): void {
    if (client !== this.client) return;
    this.client = undefined;
    if (this.live || this.failures === 0) this.options.logger.warn({ reason }, 'viewer cache off: every signed-in request reads its account until notifications arrive again');
    this.off();
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const pause = Math.min(30_000, 1_000 * 2 ** this.failures++);
    this.retry = setTimeout(() => void this.connect(), pause).unref();
  }
}
