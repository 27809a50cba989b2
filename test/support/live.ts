import { createClient as createSseClient } from 'graphql-sse';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** What one subscription received, as a client sees it. */
export interface Received {
  results: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> }[];
  /** The protocol-level error (graphql-ws `error` message, a refused connection), if any. */
  error?: unknown;
  completed: boolean;
  /** The WebSocket's close, when it closed. */
  closed?: { code: number; reason: string };
  dispose(): void;
}

export interface LiveOptions {
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  /** "Bearer …" */
  authorization?: string;
}

function collector(): Omit<Received, 'dispose'> {
  return { results: [], completed: false };
}

/** The sink both clients take: every result, the protocol error, the completion, into `state`. */
function sinkInto(state: Omit<Received, 'dispose'>) {
  return {
    next: (value: unknown) => state.results.push(value as Received['results'][number]),
    error: (error: unknown) => {
      state.error = error;
    },
    complete: () => {
      state.completed = true;
    },
  };
}

/** A real graphql-ws client with one subscription. */
export function wsSubscribe(url: string, query: string, options: LiveOptions = {}): Received & { client: Client } {
  const state = collector();
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: options.authorization ? { authorization: options.authorization } : {},
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string };
        state.closed = { code: e.code, reason: String(e.reason) };
      },
    },
    onNonLazyError: (error) => {
      state.error ??= error;
    },
  });
  const stop = client.subscribe({ query, variables: options.variables, extensions: options.extensions }, sinkInto(state));
  return Object.assign(state, {
    client,
    dispose: () => {
      stop();
      void client.dispose();
    },
  });
}

/** A real graphql-sse client (distinct connections mode, or single connection mode) with one subscription. */
export function sseSubscribe(url: string, query: string, options: LiveOptions & { singleConnection?: boolean } = {}): Received {
  const state = collector();
  const client = createSseClient({
    url,
    singleConnection: options.singleConnection ?? false,
    retryAttempts: 0,
    headers: options.authorization ? { authorization: options.authorization } : {},
  });
  const stop = client.subscribe({ query, variables: options.variables }, sinkInto(state));
  return Object.assign(state, {
    dispose: () => {
      stop();
      client.dispose();
    },
  });
}

/** Polls until `done()` holds, failing after `ms` with what was awaited. */
export async function until(done: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
