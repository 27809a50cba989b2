import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { useServer } from 'graphql-ws/use/ws';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { TokenClaims } from '../modules/wiki/tokens.js';
import type { AddressCap } from './caps.js';
import type { LiveClient, LiveEngine } from './engine.js';
import type { Prepared } from './prepare.js';
import { WriteCoalescer } from './coalesce.js';
import { sendAfter } from '../seams/ws.js';

export interface WebSocketOptions {
  engine: LiveEngine;
  logger: Logger;
  /** The client's address as the HTTP routes see it (TRUST_PROXY applied). */
  addressOf(req: http.IncomingMessage): string;
  /** Whether a browser page of this Origin may connect (CORS_ORIGINS). */
  originAllowed(origin: string | undefined): boolean;
  /** Verifies an Authorization value ("Bearer <token>"); throws a coded error for a bad one. */
  authenticate(header: string | undefined): Promise<TokenClaims | null>;
  prepare(payload: { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown }): Prepared | GraphQLError[];
  perAddress: AddressCap;
  idleTimeoutMs: number;
  /** Messages to one socket within this window leave in one write (WriteCoalescer); 0: each at once. */
  flushIntervalMs: number;
  /** Unsent bytes a socket may hold before its client counts as too slow (closed with 4413). */
  maxBufferedBytes: number;
}

/** Refuses an upgrade with a plain HTTP answer, before any WebSocket exists. */
function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

/**
 * GraphQL over WebSocket (the graphql-transport-ws protocol, the `graphql-ws` package) on
 * /graphql of the HTTP server. The token travels in connection_init's payload
 * (`{"authorization": "Bearer <token>"}`); a bad one closes the socket with 4403. Per address
 * connections are capped before the handshake (429); a socket with no subscription for
 * `idleTimeoutMs` is closed (1000, "idle"); the server pings every 12 s and drops a peer that
 * does not answer.
 */
export function serveWebSockets(server: http.Server, options: WebSocketOptions): { close(): Promise<void> } {
  const { engine, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024, perMessageDeflate: false });
  const clients = new WeakMap<WebSocket, LiveClient & { auth: TokenClaims | null }>();
  const sockets = new Set<WebSocket>();
  const coalescer = new WriteCoalescer(options.flushIntervalMs);

  const onUpgrade = async (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/graphql') return refuse(socket, 404, 'Not Found');
    if (!options.originAllowed(req.headers.origin)) return refuse(socket, 403, 'Forbidden: this Origin is not in CORS_ORIGINS');
    const address = options.addressOf(req);
    if (!(await options.perAddress.take(address))) return refuse(socket, 429, 'Too Many Requests: too many live connections from this address');
    wss.handleUpgrade(req, socket, head, (ws) => {
      let open = true;
      const client: LiveClient & { auth: TokenClaims | null } = {
        auth: null,
        address,
        open: 0,
        close: (code, reason) => {
          if (open) ws.close(code, reason.slice(0, 120));
        },
        // graphql-transport-ws `next` frames, the payload's JSON shared by every subscriber of the
        // event: no per-subscriber serialization, no awaited write; each socket's frames of a window
        // leave in one buffer (coalesce.ts). The bound is the bytes the client has not read.
        frames: (subscriptionId) => {
          const head = `{"id":${JSON.stringify(subscriptionId)},"type":"next","payload":`;
          return {
            write: (payload) => {
              if (!open || ws.readyState !== WebSocket.OPEN) return true;
              coalescer.send(socket, `${head}${payload}}`);
              return coalescer.unsent(socket) <= options.maxBufferedBytes;
            },
          };
        },
      };
      // Whatever graphql-ws or this module sends through `ws` (complete, errors, the close frame)
      // goes after the frames waiting for this socket, as it was sent after them.
      sendAfter(ws, () => coalescer.flushSocket(socket));
      clients.set(ws, client);
      sockets.add(ws);
      const idle = setInterval(
        () => {
          if (client.open === 0 && Date.now() - lastBusy > options.idleTimeoutMs) ws.close(1000, 'idle');
          if (client.open > 0) lastBusy = Date.now();
        },
        Math.min(options.idleTimeoutMs, 10_000),
      ).unref();
      let lastBusy = Date.now();
      ws.once('close', () => {
        sockets.delete(ws);
        open = false;
        clearInterval(idle);
        options.perAddress.give(address);
      });
      wss.emit('connection', ws, req);
    });
  };
  server.on(
    'upgrade',
    (req, socket, head) =>
      void onUpgrade(req, socket, head).catch((error: unknown) => {
        logger.error({ err: error }, 'live: a WebSocket upgrade failed');
        refuse(socket, 500, 'Internal Server Error');
      }),
  );

  const disposable = useServer(
    {
      connectionInitWaitTimeout: 5_000,
      onConnect: async (ctx) => {
        const client = clients.get(ctx.extra.socket);
        if (!client) return false;
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          client.auth = await options.authenticate(typeof header === 'string' ? header : undefined);
          return true;
        } catch (error) {
          // 4403 with the reason (graphql-ws's own refusal says only "Forbidden").
          ctx.extra.socket.close(4403, `Forbidden: ${(error as Error).message}`.slice(0, 120));
          return false;
        }
      },
      onSubscribe: (_ctx, id, payload) => {
        const prepared = options.prepare(payload);
        return Array.isArray(prepared) ? prepared : { ...prepared, variableValues: prepared.variableValues ?? {}, liveId: id };
      },
      context: (ctx) => clients.get(ctx.extra.socket),
      subscribe: (args) => engine.subscribe(args),
    },
    wss,
  );

  return {
    /** Every subscription completes (each client hears `complete`), then every socket closes with 1001. */
    async close() {
      engine.stop();
      coalescer.flush();
      // Let the completes go out before the sockets close.
      await new Promise((resolve) => setTimeout(resolve, 50));
      coalescer.flush();
      await disposable.dispose();
      // Each socket's place goes back when it has closed: wait for the closing handshakes (2 s at most), then cut the rest.
      for (let waited = 0; sockets.size && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const socket of sockets) socket.terminate();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
