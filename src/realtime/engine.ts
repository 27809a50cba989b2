import { createSourceEventStream, execute, GraphQLError, print, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Role } from '../modules/wiki/user.entity.js';
import { operationCost } from '../graphql/limits/cost.js';
import { eventById, eventsAfter, MAX_REPLAY, REPLAY_WINDOW_MS, type LiveEventRow } from '../modules/live/events.js';
import { LiveSource } from '../modules/live/source.js';
import type { TokenClaims } from '../modules/wiki/tokens.js';
import type { LiveFeed } from './feed.js';
import type { AddressCap } from './caps.js';
import type { LiveClient } from './client.js';
import { Group, type Execute } from './group.js';
import { startRevocation } from './revocation.js';
import { Sink } from './sink.js';

export type { LiveClient } from './client.js';

export interface LiveLimits {
  /** The cost limit of an operation (COST_LIMIT), applied to each subscription's selection. */
  cost: number;
  /** Open subscriptions per connection. */
  perConnection: number;
  /** Results queued for one subscriber before the client is closed as too slow. */
  queue: number;
  /** Events waiting to be executed for one group before its subscribers are ended (to resume by cursor). */
  behind: number;
}

export interface LiveEngineOptions {
  schema: GraphQLSchema;
  feed: LiveFeed;
  logger: Logger;
  limits: LiveLimits;
  /** A fresh per-request context (unit of work, loaders) for a viewer. */
  context(auth: TokenClaims | null, address: string): Context;
  /** Runs one execution under a request's statement budget; returns its statement count. */
  budget<T>(work: () => Promise<T>): Promise<{ value: T; statements: number }>;
  /** Formats errors as HTTP answers do (internal errors masked and logged with an id). */
  formatErrors(errors: readonly GraphQLError[]): ExecutionResult['errors'];
  /** Adds extensions.sql to each result (SQL_STATS). */
  reportStatements: boolean;
  /** Open subscriptions per client address, across processes. */
  perAddress: AddressCap;
  /** TRUSTED_DOCUMENTS=require: only trusted texts open, unless the viewer has one of these roles. */
  trustedOnly?: { bypassRoles: readonly string[] };
}

/** WebSocket close code for a client whose outbox filled up (it does not read its messages). */
export const SLOW_CLIENT = 4413;

const printed = new WeakMap<DocumentNode, string>();
function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/**
 * Subscriptions of every live transport: authorizes and prices each one as a query is, replays
 * what a resuming client missed, and shares one execution per event among every subscriber with
 * the same selection, variables and viewer (a Group), so an event costs its selection's statements
 * once, however many clients watch it.
 */
export class LiveEngine {
  private readonly groups = new Map<string, Group>();
  private revoker: NodeJS.Timeout | undefined;
  private executed = 0;

  constructor(private readonly options: LiveEngineOptions) {}

  /** Subscribers open in this process (for metrics and tests). */
  get subscribers(): number {
    let n = 0;
    for (const group of this.groups.values()) n += group.size;
    return n;
  }

  /** Executions run for events so far (one per event per group, however many subscribers share it). */
  get executions(): number {
    return this.executed;
  }

  /** The groups of signed-in viewers, for the revocation check. */
  signedIn(): Group[] {
    return [...this.groups.values()].filter((g) => g.auth !== null);
  }

  /** graphql-ws's and graphql-sse's `subscribe`: a stream of results, or the errors that refuse it. */
  async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const client = args.contextValue as LiveClient;
    if (client.open >= this.options.limits.perConnection) {
      return this.refuse(new AppError(ErrorCode.TOO_MANY_SUBSCRIPTIONS, `At most ${this.options.limits.perConnection} subscriptions may be open on one connection: complete one first`));
    }
    // Counted from now: subscriptions that arrive together on one connection see each other.
    client.open++;
    let released = false;
    const release = () => {
      if (!released) client.open--;
      released = true;
    };
    const opened = await this.open(args, client, release).catch((error: unknown) => {
      release();
      throw error;
    });
    if (!(Symbol.asyncIterator in opened)) release();
    return opened;
  }

  private refuse(error: GraphQLError): ExecutionResult {
    return { errors: this.options.formatErrors([error]) };
  }

  private async open(args: ExecutionArgs, client: LiveClient, release: () => void): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const { schema, document, operationName } = args;
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    const refuse = (error: GraphQLError) => this.refuse(error);
    // The transport's id of this subscription (graphql-ws), for frames written straight to its socket.
    const liveId = (args as { liveId?: string }).liveId;
    const cost = operationCost(schema, { document, operationName, variables });
    if (cost !== undefined && cost > this.options.limits.cost) {
      return refuse(
        new AppError(ErrorCode.QUERY_TOO_COMPLEX, `This subscription would cost ${cost} per event, above the limit of ${this.options.limits.cost}: select smaller pages`, {
          cost,
          limit: this.options.limits.cost,
        }),
      );
    }
    // The field's own subscribe, behind its @Authorized rule: which events, from where.
    const ctx = this.options.context(client.auth, client.address);
    const source = await createSourceEventStream({ schema, document, contextValue: ctx, variableValues: variables, operationName });
    if (!(source instanceof LiveSource)) {
      return 'errors' in source && source.errors ? { errors: this.options.formatErrors(source.errors) } : refuse(new GraphQLError('Not a live subscription'));
    }
    if (source.after !== undefined && source.after > this.options.feed.position) {
      return refuse(new AppError(ErrorCode.BAD_USER_INPUT, 'This cursor names an event that has not happened', { argument: 'after' }));
    }
    if (!(await this.options.perAddress.take(client.address))) {
      return refuse(new AppError(ErrorCode.TOO_MANY_SUBSCRIPTIONS, 'Too many subscriptions are open from this address: complete some first'));
    }
    const role = (await ctx.account())?.role ?? null;
    const { trustedOnly } = this.options;
    if (trustedOnly && !(args as { trusted?: boolean }).trusted && !(role && trustedOnly.bypassRoles.includes(role))) {
      this.options.perAddress.give(client.address);
      return refuse(new GraphQLError('This server runs trusted documents only: subscribe with the text of a document of its manifests', { extensions: { code: 'PERSISTED_QUERY_REQUIRED' } }));
    }
    const group = this.groupFor(args, variables, client, source, role);
    const sink = new Sink(
      this.options.limits.queue,
      () => client.close(SLOW_CLIENT, `more than ${this.options.limits.queue} messages waited for this client: it reads too slowly`),
      () => {
        release();
        this.options.perAddress.give(client.address);
        group.remove(sink);
      },
      {
        replaying: source.after !== undefined,
        after: source.after ?? this.options.feed.position,
        writer: liveId !== undefined ? client.frames?.(liveId) : undefined,
      },
    );
    // Joined before the missed events are read: what commits meanwhile waits in the outbox, and
    // whatever both bring is sent once (by id).
    group.add(sink, client);
    if (source.after === undefined) return sink;
    const missed = await this.missed(ctx, source.after, source);
    if (missed instanceof GraphQLError) {
      await sink.return();
      return refuse(missed);
    }
    void this.replay(group, sink, missed);
    return sink;
  }

  private groupFor(args: ExecutionArgs, variables: Record<string, unknown>, client: LiveClient, source: LiveSource, role: Role | null): Group {
    const { schema, document, operationName } = args;
    const key = JSON.stringify([textOf(document), operationName ?? null, variables, client.auth?.userId ?? null]);
    const known = this.groups.get(key);
    if (known) return known;
    const group: Group = new Group({
      filter: source.filter,
      auth: client.auth,
      address: client.address,
      feed: this.options.feed,
      execute: this.execute(args, variables),
      role,
      onEmpty: () => this.groups.delete(key),
      onError: (error, event) => {
        // Not skipped silently: its subscribers end, and resume from their last cursor once the database is back.
        this.options.logger.error({ err: error, event: event.id }, 'live event: could not be read for its subscribers; ending them so they resume');
        group.end({ errors: this.options.formatErrors([new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'This event could not be read: subscribe again with after: <your last cursor>')]) });
      },
      maxBehind: this.options.limits.behind,
      onBehind: () => {
        this.options.logger.warn({ subscribers: group.size, behind: this.options.limits.behind }, 'live: a group fell behind its events; ending its subscriptions so they resume by cursor');
        group.end({
          errors: this.options.formatErrors([
            new AppError(ErrorCode.SERVICE_UNAVAILABLE, `The service fell more than ${this.options.limits.behind} events behind: subscribe again with after: <your last cursor>`, { retryable: true }),
          ]),
        });
      },
      reauthorize: async () => {
        const again = await createSourceEventStream({ schema, document, contextValue: this.options.context(client.auth, client.address), variableValues: variables, operationName });
        return again instanceof LiveSource ? null : 'errors' in again && again.errors ? again.errors : [new GraphQLError('Not a live subscription')];
      },
    });
    this.groups.set(key, group);
    return group;
  }

  /** Starts the revocation check (revocation.ts) of this process's signed-in subscribers. */
  start(): void {
    this.revoker = startRevocation({
      groups: () => this.signedIn(),
      em: () => this.options.context(null, 'revocation check').em,
      formatErrors: this.options.formatErrors,
      logger: this.options.logger,
    });
  }

  /** Ends every subscription (SIGTERM): each client hears `complete`. */
  stop(): void {
    clearInterval(this.revoker);
    for (const group of this.groups.values()) group.end();
    this.groups.clear();
  }

  /** The events a resuming subscription missed, or why it cannot resume. */
  private async missed(ctx: Context, after: number, source: LiveSource): Promise<LiveEventRow[] | GraphQLError> {
    const expired = new AppError(
      ErrorCode.CURSOR_EXPIRED,
      `This cursor is too old to resume from (events are kept ${REPLAY_WINDOW_MS / 3_600_000} hours, at most ${MAX_REPLAY} are replayed): subscribe without "after" and read what you missed with a query`,
    );
    if (after > 0 && !(await eventById(ctx.em, after))) return expired;
    const events = await eventsAfter(ctx.em, after, { limit: MAX_REPLAY + 1, ...source.filter });
    return events.length > MAX_REPLAY ? expired : events;
  }

  private async replay(group: Group, sink: Sink, events: LiveEventRow[]): Promise<void> {
    for (const event of events) {
      if (sink.closed) return;
      const result = await group.run(event);
      if (result) sink.push(event.id, result, true);
    }
    sink.replayed();
  }

  private execute(args: ExecutionArgs, variables: Record<string, unknown>): Execute {
    const { schema, document, operationName } = args;
    const { budget, context, formatErrors, reportStatements } = this.options;
    return async (event, auth, address) => {
      this.executed++;
      const { value, statements } = await budget(async () => execute({ schema, document, operationName, variableValues: variables, rootValue: event, contextValue: context(auth, address) }));
      const result: ExecutionResult = { data: value.data ?? null };
      if (value.errors?.length) result.errors = formatErrors(value.errors);
      if (reportStatements) result.extensions = { sql: { statements } };
      return result;
    };
  }
}
