/**
 * `ws` seams: the only file that writes under a `ws` WebSocket or patches one. Checked on ws 8.23.1
 * with graphql-ws 6.4.2; contract test: test/seams/ws.test.ts.
 *
 * Why: a subscription's result goes to thousands of sockets per event. Through `ws.send` each
 * costs two chunks (header and payload), a callback slot and its bookkeeping, and one system call
 * per frame; written here, a socket's frames of a window leave in one buffer and one call
 * (src/realtime/coalesce.ts). `ws` has no public way to send several frames in one write.
 *
 * 1. On a connection `ws` holds open with per-message deflate off, `ws` writes each frame of its
 *    own to the socket, header and payload, within the `send` or `close` call that makes it (its
 *    Sender queues only while compressing, or for a Blob, which this service never sends). So
 *    bytes written to the socket between two of its calls never split one of its frames, and a
 *    client reads them as frames in the order they were written.
 * 2. `send` and `close` are looked up on the instance at each call, by graphql-ws
 *    (`socket.send(…)` for connection_ack, next, error and complete; `socket.close(…)`) and by `ws`
 *    itself (its `close()` answering a client's close frame). So wrapping them on one WebSocket,
 *    before graphql-ws is handed it, sees every data and close frame sent on it. Pings and pongs
 *    (graphql-ws's keep-alive `ping()`, `ws`'s automatic pong) skip the wrapper: they are control
 *    frames, which RFC 6455 §5.4 allows between any two frames.
 */
import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * WebSocket text frames as a server sends them (RFC 6455 §5.2), back to back in one buffer: each
 * FIN set, opcode 1 (text), no mask, the length in 7, 16 or 64 bits, then the UTF-8 of its text.
 */
export function textFrames(texts: readonly string[]): Buffer {
  const lengths = texts.map((text) => Buffer.byteLength(text));
  const total = lengths.reduce((sum, length) => sum + headerSize(length) + length, 0);
  const frames = Buffer.allocUnsafe(total);
  let at = 0;
  texts.forEach((text, i) => {
    const length = lengths[i]!;
    const header = headerSize(length);
    frames[at] = 0x81;
    if (header === 2) frames[at + 1] = length;
    else if (header === 4) {
      frames[at + 1] = 126;
      frames.writeUInt16BE(length, at + 2);
    } else {
      frames[at + 1] = 127;
      frames.writeBigUInt64BE(BigInt(length), at + 2);
    }
    at += header;
    at += frames.write(text, at, 'utf8');
  });
  return frames;
}

function headerSize(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

/**
 * Writes `texts` as text frames, in one write, to the socket under a WebSocket that `ws` holds open
 * with per-message deflate off (seam 1). Nothing is written to a destroyed socket.
 */
export function writeTextFrames(socket: Writable, texts: readonly string[]): void {
  if (!socket.destroyed) socket.write(textFrames(texts));
}

/**
 * Makes every frame `ws` sends on `ws` itself (through `send` or `close`, whoever calls them) go
 * after the frames written by `writeTextFrames` that wait to be written: `before()` runs first at
 * each such call (seam 2). Call it before the WebSocket is handed to graphql-ws (before the
 * server's 'connection' event), so that no frame of graphql-ws's goes out unwrapped.
 */
export function sendAfter(ws: WebSocket, before: () => void): void {
  const send = ws.send.bind(ws);
  const close = ws.close.bind(ws);
  ws.send = ((...args: Parameters<WebSocket['send']>) => {
    before();
    send(...args);
  }) as WebSocket['send'];
  ws.close = (...args: Parameters<WebSocket['close']>) => {
    before();
    close(...args);
  };
}
