import cluster from 'node:cluster';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import type { Listener } from '../db/listener.js';
import { eventsAfter, LIVE_CHANNEL, lastEventId, pruneEvents, type LiveEventRow } from '../modules/live/events.js';

/** The message a SQLite worker sends its primary after a commit, and the primary relays to every worker. */
export interface LivePoke {
  retrofun: 'live-poke';
}

export function isLivePoke(message: unknown): message is LivePoke {
  return typeof message === 'object' && message !== null && (message as { retrofun?: unknown }).retrofun === 'live-poke';
}

export interface LiveFeedOptions {
  orm: MikroORM;
  logger: Logger;
  /** PostgreSQL: the process's listening session; events are read when their notification arrives. */
  listener?: Listener;
  /** How often the log is read while notifications are not heard (PostgreSQL, session lost). */
  pollMs?: number;
  /** Events read per statement. */
  batch?: number;
}

/**
 * This process's view of the event log (src/modules/live/events.ts): every committed event, once,
 * in id (commit) order, to every handler. It reads "every event after the last one seen" whenever
 * something may have committed:
 * - PostgreSQL: the id notified on LIVE_CHANNEL, heard by the listening session from any process
 *   of any host; while that session is lost, every `pollMs`, and once more when it is back, so
 *   what was committed meanwhile is delivered in order, not lost;
 * - SQLite: this process's own commits (committed()), and its siblings' relayed by the cluster's
 *   primary (node:cluster messages).
 * One read serves every subscriber of the process, however many.
 */
export class LiveFeed {
  private readonly handlers = new Set<(event: LiveEventRow) => void>();
  private last = 0;
  /** Until start() has read where the log ends, nothing is read: a read from 0 would replay the whole log. */
  private started = false;
  private pokedBeforeStart = false;
  private reading: Promise<void> | undefined;
  private again = false;
  private poller: NodeJS.Timeout | undefined;
  private pruner: NodeJS.Timeout | undefined;
  private readonly em: EntityManager;
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly fromSiblings = (message: unknown) => isLivePoke(message) && this.poke();

  constructor(private readonly options: LiveFeedOptions) {
    this.em = options.orm.em.fork();
    this.pollMs = options.pollMs ?? 1_000;
    this.batch = options.batch ?? 500;
    options.listener?.listen(LIVE_CHANNEL, {
      notification: () => this.poke(),
      live: () => {
        this.stopPolling();
        this.poke();
      },
      lost: () => this.startPolling(),
    });
  }

  /** The id of the newest event delivered: a subscription that starts now sees every event after it. */
  get position(): number {
    return this.last;
  }

  /** Starts after the newest event committed so far. */
  async start(): Promise<void> {
    this.last = await lastEventId(this.em);
    this.started = true;
    // The listener went live before (bootstrap starts it first): read what committed since the position was read.
    if (this.pokedBeforeStart) this.poke();
    if (this.options.listener && !this.options.listener.live) this.startPolling();
    if (cluster.isWorker) process.on('message', this.fromSiblings);
    // Any process may prune: idempotent, one statement, every 10 minutes.
    this.pruner = setInterval(() => void pruneEvents(this.em.fork()).catch((error: unknown) => this.options.logger.warn({ err: error }, 'live events: pruning failed')), 600_000).unref();
  }

  async stop(): Promise<void> {
    // A notification heard from now on (bootstrap stops the listener after the feed) reads nothing.
    this.started = false;
    this.stopPolling();
    clearInterval(this.pruner);
    process.off('message', this.fromSiblings);
    this.handlers.clear();
    await this.reading;
  }

  /** Calls `handler` with every event committed from now on; returns its unsubscribe. */
  subscribe(handler: (event: LiveEventRow) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** This process committed a write that may have announced events (SQLite: siblings are told too). */
  committed(): void {
    if (this.options.listener) return; // PostgreSQL notifies every process itself.
    this.poke();
    if (cluster.isWorker && process.send) process.send({ retrofun: 'live-poke' } satisfies LivePoke);
  }

  /** Something may have committed: read the log after the last event seen (one read at a time). */
  poke(): void {
    if (!this.started) {
      this.pokedBeforeStart = true;
      return;
    }
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readAll().finally(() => {
      this.reading = undefined;
      if (this.again) {
        this.again = false;
        this.poke();
      }
    });
  }

  private async readAll(): Promise<void> {
    try {
      for (;;) {
        const events = await eventsAfter(this.em.fork(), this.last, { limit: this.batch });
        for (const event of events) {
          this.last = event.id;
          for (const handler of this.handlers) handler(event);
        }
        if (events.length < this.batch) return;
      }
    } catch (error) {
      // The next notification, poll or commit reads again from the same place: nothing is skipped.
      this.options.logger.warn({ err: error }, 'live events: reading the log failed');
    }
  }

  private startPolling(): void {
    this.poller ??= setInterval(() => this.poke(), this.pollMs).unref();
  }

  private stopPolling(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }
}
