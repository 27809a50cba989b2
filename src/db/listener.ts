import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';

/** The channel probes travel on; every process listens to it, and each hears only its own payloads. */
export const PROBE_CHANNEL = 'retrofun_probe';

export interface ListenerOptions {
  /** The session that LISTENs: a direct connection (DATABASE_LISTEN_URL, else DATABASE_URL), never PgBouncer in transaction mode. */
  listenUrl: string;
  /** Sends `pg_notify(channel, payload)` through the service's own pool: the probe's other end. */
  notify(channel: string, payload: string): Promise<void>;
  logger: Logger;
  /** How often the session proves it still hears the database (a probe round trip). */
  heartbeatMs?: number;
  /** How long a probe may take before the session counts as lost. */
  probeTimeoutMs?: number;
}

/** What a user of the session hears: its channel's payloads, and when hearing starts and stops. */
export interface ListenerHandler {
  notification(payload: string): void;
  /** The session hears every notification from now on (after a probe came back). */
  live?(): void;
  /** Notifications may have been missed from now on, until live() again. */
  lost?(): void;
}

/**
 * One PostgreSQL session per process that LISTENs to the service's channels (the viewer cache's
 * account changes, live events) and proves that it hears them: a probe sent through the service's
 * own pool must come back on this session, at start and every heartbeat. Through PgBouncer in
 * transaction mode, or when the session drops or a probe is late, it is lost: its users hear
 * lost(), and a fresh session is tried after a growing pause (1 s to 30 s); live() once a probe
 * returns again.
 */
export class Listener {
  private readonly handlers = new Map<string, ListenerHandler[]>();
  private readonly probes = new Map<string, () => void>();
  private client: pg.Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private isLive = false;
  private stopped = false;
  private failures = 0;
  private readonly heartbeatMs: number;
  private readonly probeTimeoutMs: number;

  constructor(private readonly options: ListenerOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 2_000;
  }

  /** True while the session is connected and its last probe came back. */
  get live(): boolean {
    return this.isLive;
  }

  /** Registers a channel's handler; before start(). */
  listen(channel: string, handler: ListenerHandler): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
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
    this.setLive(false);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.listenUrl, keepAlive: true, application_name: 'retrofun-listen', connectionTimeoutMillis: 5_000 });
    this.client = client;
    client.on('notification', (message) => this.heard(message.channel, message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'the listening session ended'));
    try {
      await client.connect();
      for (const channel of [PROBE_CHANNEL, ...this.handlers.keys()]) await client.query(`listen ${channel}`);
      await this.probe();
      this.failures = 0;
      this.setLive(true);
      this.options.logger.info({ channels: [...this.handlers.keys()] }, 'listening to PostgreSQL notifications');
    } catch (error) {
      this.lost(client, (error as Error).message);
    }
  }

  private heard(channel: string, payload: string): void {
    if (channel === PROBE_CHANNEL) {
      this.probes.get(payload)?.();
      return;
    }
    for (const handler of this.handlers.get(channel) ?? []) handler.notification(payload);
  }

  private setLive(live: boolean): void {
    if (live === this.isLive) {
      // Lost while already off: users that keep state still hear it (they may have refilled meanwhile).
      if (!live) for (const handler of this.allHandlers()) handler.lost?.();
      return;
    }
    this.isLive = live;
    for (const handler of this.allHandlers()) (live ? handler.live : handler.lost)?.call(handler);
  }

  private allHandlers(): ListenerHandler[] {
    return [...this.handlers.values()].flat();
  }

  /** Resolves when a notification sent through the service's pool arrives on the listening session. */
  private async probe(): Promise<void> {
    const payload = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.probes.set(payload, resolve);
        timer = setTimeout(
          () => reject(new Error(`a probe notification did not arrive within ${this.probeTimeoutMs} ms (is DATABASE_LISTEN_URL a direct connection, not PgBouncer?)`)),
          this.probeTimeoutMs,
        );
        this.options.notify(PROBE_CHANNEL, payload).catch(reject);
      });
    } finally {
      clearTimeout(timer);
      this.probes.delete(payload);
    }
  }

  private async beat(): Promise<void> {
    if (!this.isLive) return;
    const client = this.client;
    try {
      await this.probe();
    } catch (error) {
      if (client) this.lost(client, (error as Error).message);
    }
  }

  private lost(client: pg.Client, reason: string): void {
    if (client !== this.client) return;
    this.client = undefined;
    if (this.isLive || this.failures === 0) this.options.logger.warn({ reason }, 'not hearing PostgreSQL notifications: the viewer cache is off and live events are polled until they arrive again');
    this.setLive(false);
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const pause = Math.min(30_000, 1_000 * 2 ** this.failures++);
    this.retry = setTimeout(() => void this.connect(), pause).unref();
  }
}
