import type { ExecutionResult, GraphQLError } from 'graphql';
import type { LiveEventRow } from '../modules/live/events.js';
import { eventCursor, matches, type LiveFilter } from '../modules/live/source.js';
import type { TokenClaims } from '../modules/wiki/tokens.js';
import type { Role } from '../modules/wiki/user.entity.js';
import type { LiveClient } from './client.js';
import type { LiveFeed } from './feed.js';
import type { Sink } from './sink.js';

/** Runs a subscription's selection for one event, as its viewer. */
export type Execute = (event: LiveEventRow, auth: TokenClaims | null, address: string) => Promise<ExecutionResult>;

export interface GroupOptions {
  filter: LiveFilter;
  auth: TokenClaims | null;
  address: string;
  feed: LiveFeed;
  execute: Execute;
  /** The last subscriber left. */
  onEmpty(): void;
  /** Asks the field's authorization rule again (the viewer's role changed): the errors that now refuse it, or null. */
  reauthorize(): Promise<readonly GraphQLError[] | null>;
  /** The viewer's role when the group opened. */
  role: Role | null;
  /** An event that could not be executed at all (the database down): logged; the group goes on. */
  onError(error: unknown, event: LiveEventRow): void;
  /** Events waiting to be executed, at most: past it the service has fallen behind this group. */
  maxBehind: number;
  /** The group fell behind (more than maxBehind events waiting): its subscribers are ended, to resume by cursor. */
  onBehind(): void;
}

/** An event whose object was deleted before its subscribers read it: nothing to send. */
function gone(result: ExecutionResult): boolean {
  return result.data === null && (result.errors ?? []).some((e) => (e as GraphQLError | { extensions?: Record<string, unknown> }).extensions?.gone === true);
}

/**
 * The subscribers of one selection, variables and viewer: each matching event is executed once,
 * in event order, and the same result goes to every subscriber's outbox.
 */
export class Group {
  readonly auth: TokenClaims | null;
  /** The viewer's role as last checked. */
  role: Role | null;
  readonly reauthorize: () => Promise<readonly GraphQLError[] | null>;
  private readonly sinks = new Map<Sink, LiveClient>();
  private chain: Promise<void> = Promise.resolve();
  private waiting = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: GroupOptions) {
    this.auth = options.auth;
    this.role = options.role;
    this.reauthorize = options.reauthorize;
    this.unsubscribe = options.feed.subscribe((event) => {
      if (!matches(options.filter, event) || !this.sinks.size) return;
      // Bounded: a backlog the service cannot work off ends the subscriptions (they resume by cursor) rather than growing without end.
      if (++this.waiting > options.maxBehind) {
        this.waiting = 0;
        options.onBehind();
        return;
      }
      this.chain = this.chain
        .then(() => this.deliver(event))
        .catch((error: unknown) => options.onError(error, event))
        .finally(() => {
          this.waiting = Math.max(0, this.waiting - 1);
        });
    });
  }

  get size(): number {
    return this.sinks.size;
  }

  /** The connections of this group's subscribers. */
  clients(): LiveClient[] {
    return [...new Set(this.sinks.values())];
  }

  add(sink: Sink, client: LiveClient): void {
    this.sinks.set(sink, client);
  }

  remove(sink: Sink): void {
    if (!this.sinks.delete(sink) || this.sinks.size) return;
    this.unsubscribe();
    this.options.onEmpty();
  }

  /** Ends every subscriber, after a last result when given (an error saying why). */
  end(last?: ExecutionResult): void {
    for (const sink of [...this.sinks.keys()]) sink.end(last);
  }

  /** The result for one event with its cursor, or null when there is nothing to send. */
  async run(event: LiveEventRow): Promise<ExecutionResult | null> {
    const result = await this.options.execute(event, this.options.auth, this.options.address);
    if (gone(result)) return null;
    result.extensions = { ...result.extensions, cursor: eventCursor(event.id) };
    return result;
  }

  private async deliver(event: LiveEventRow): Promise<void> {
    if (!this.sinks.size) return;
    const result = await this.run(event);
    if (result) for (const sink of [...this.sinks.keys()]) sink.push(event.id, result);
  }
}
