import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { TokenClaims } from '../modules/wiki/tokens.js';
import type { AddressCap } from './caps.js';
import type { LiveClient, LiveEngine } from './engine.js';
import type { Prepared } from './prepare.js';

export interface EventStreamOptions {
  engine: LiveEngine;
  logger: Logger;
  authenticate(header: string | undefined): Promise<TokenClaims | null>;
  prepare(payload: { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown }): Prepared | GraphQLError[];
  perAddress: AddressCap;
}

const TOKEN_HEADER = 'x-graphql-event-stream-token';

/** Whether a request on /graphql belongs to the GraphQL over SSE protocol rather than to plain HTTP. */
export function isEventStreamRequest(req: Request): boolean {
  if (req.headers.accept === 'text/event-stream' || streamToken(req) !== undefined) return true;
  // The single connection mode's reservation: a PUT without a body (anything else on /graphql is not GraphQL's).
  return req.method === 'PUT' && (req.headers['content-length'] ?? '0') === '0' && !req.headers['transfer-encoding'];
}

function streamToken(req: Request): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string') return header;
  return typeof req.query.token === 'string' ? req.query.token : undefined;
}

/**
 * GraphQL over Server-Sent Events (the `graphql-sse` package's protocol) on /graphql: in the
 * distinct connections mode a subscription is a POST or GET with `Accept: text/event-stream`, its
 * own stream; in the single connection mode a PUT reserves a stream (its token), a GET opens it,
 * POSTs with the token add subscriptions and DELETEs complete them. The Authorization header of
 * the request that subscribes is its viewer. An open stream holds one of its address's places
 * (LIVE_MAX_CONNECTIONS_PER_ADDRESS); a stream of the single connection mode lives in the process
 * that reserved it, so a cluster needs sticky sessions for that mode (docs/realtime.md).
 */
export function eventStreams(options: EventStreamOptions): RequestHandler {
  const { engine, logger } = options;
  /** Single connection mode: the client of each reserved stream, and the response that carries it. */
  const reserved = new Map<string, { client: LiveClient; res?: Response }>();
  const clients = new WeakMap<object, LiveClient>();

  const handler = createHandler<LiveClient & Record<PropertyKey, unknown>>({
    // Stream tokens from the crypto generator (graphql-sse's default uses Math.random).
    authenticate: (req) => streamToken(req.raw) ?? randomUUID(),
    onSubscribe: (req, params) => {
      const prepared = options.prepare(params);
      if (Array.isArray(prepared)) return { errors: prepared };
      return { ...prepared, variableValues: prepared.variableValues ?? {}, contextValue: clients.get(req.raw) as LiveClient & Record<PropertyKey, unknown> };
    },
    subscribe: (args) => engine.subscribe(args),
  });

  return async (req, res) => {
    try {
      const token = streamToken(req);
      let client = token ? reserved.get(token)?.client : undefined;
      const auth = await options.authenticate(req.headers.authorization);
      if (!client) {
        const ended = () => res.end();
        client = { auth, address: req.ip ?? 'unknown', open: 0, close: ended };
      } else if (auth) {
        // A subscription added to a reserved stream runs as the request's own viewer.
        client = { ...client, auth };
      }
      clients.set(req, client);
      const opens = req.headers.accept === 'text/event-stream';
      if (opens && !(await options.perAddress.take(client.address))) {
        res.status(429).json({ errors: [{ message: 'Too many live connections from this address', extensions: { code: 'RATE_LIMITED' } }] });
        return;
      }
      if (opens) res.once('close', () => options.perAddress.give(client.address));
      if (req.method === 'PUT') {
        const fresh = randomUUID();
        req.headers[TOKEN_HEADER] = fresh;
        reserved.set(fresh, { client });
        res.once('finish', () => res.statusCode !== 201 && reserved.delete(fresh));
      } else if (opens && token && reserved.has(token)) {
        const entry = reserved.get(token)!;
        entry.res = res;
        entry.client.close = () => res.end();
        res.once('close', () => reserved.delete(token));
      }
      await handler(req, res);
    } catch (error) {
      if ((error as GraphQLError).extensions?.code === 'UNAUTHENTICATED') {
        if (!res.headersSent) res.status(401).json({ errors: [{ message: (error as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      logger.error({ err: error }, 'live: an event stream failed');
      if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  };
}
