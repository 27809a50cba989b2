import type { TokenClaims } from '../modules/wiki/tokens.js';
import type { FrameWriter } from './sink.js';

/** One client connection (a WebSocket, an event stream): who it is, and how to close it. */
export interface LiveClient {
  readonly auth: TokenClaims | null;
  readonly address: string;
  /** Subscriptions open on this connection now. */
  open: number;
  /** Ends the connection with a code its transport understands (WebSocket close code, or the stream's end). */
  close(code: number, reason: string): void;
  /** WebSocket: a writer of the subscription's `next` frames straight to the socket (see Sink). */
  frames?(subscriptionId: string): FrameWriter;
}
