/**
 * The WebSocket client side of npm run bench:realtime's subscriber processes, over a plain TCP
 * socket: the handshake, masked client frames and a reader of the server's frames (RFC 6455).
 * Not the `ws` client: at 161,000 deliveries a second its per-message work (a stream, events, a
 * Buffer and a string per message) made the load generators, which share the machine with the
 * service, use as much CPU as the service itself, and the measured latency became theirs.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export const TEXT = 0x1;
export const CLOSE = 0x8;
export const PING = 0x9;
export const PONG = 0xa;

/** A client frame: FIN, the opcode, a random mask (clients must mask) over `payload`. */
export function clientFrame(opcode: number, payload: Buffer | string): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = data.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + 4 + length);
  frame[0] = 0x80 | opcode;
  if (header === 2) frame[1] = 0x80 | length;
  else if (header === 4) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  mask.copy(frame, header);
  for (let i = 0; i < length; i++) frame[header + 4 + i] = data[i]! ^ mask[i & 3]!;
  return frame;
}

export interface RawSocketHandlers {
  /** A whole frame from the server (servers do not mask; the service never fragments). */
  frame(opcode: number, payload: Buffer): void;
  /** The handshake succeeded. */
  open(): void;
  /** The connection ended: the close frame's code and reason when there was one. */
  close(code: number, reason: string): void;
  error(error: Error): void;
}

/** Opens a WebSocket to `url` (ws://host:port/path) speaking `protocol`; frames go to `handlers`. */
export function rawWebSocket(url: string, protocol: string, handlers: RawSocketHandlers): net.Socket {
  const target = new URL(url);
  const socket = net.connect(Number(target.port), target.hostname);
  socket.setNoDelay(true);
  let pending: Buffer | undefined;
  let upgraded = false;
  let closeCode = 1006;
  let closeReason = '';
  socket.once('connect', () => {
    const key = randomBytes(16).toString('base64');
    socket.write(
      `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
    );
  });
  socket.on('data', (chunk: Buffer) => {
    let data = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = undefined;
    if (!upgraded) {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) {
        pending = data;
        return;
      }
      const status = data.subarray(0, data.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.1 101 /.test(status)) {
        handlers.error(new Error(`handshake refused: ${status}`));
        socket.destroy();
        return;
      }
      upgraded = true;
      handlers.open();
      data = data.subarray(end + 4);
    }
    let at = 0;
    while (data.length - at >= 2) {
      let length = data[at + 1]! & 0x7f;
      let header = 2;
      if (length === 126) {
        if (data.length - at < 4) break;
        length = data.readUInt16BE(at + 2);
        header = 4;
      } else if (length === 127) {
        if (data.length - at < 10) break;
        length = Number(data.readBigUInt64BE(at + 2));
        header = 10;
      }
      if (data.length - at < header + length) break;
      const opcode = data[at]! & 0x0f;
      const payload = data.subarray(at + header, at + header + length);
      at += header + length;
      if (opcode === PING) socket.write(clientFrame(PONG, payload));
      else if (opcode === CLOSE) {
        closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        closeReason = payload.subarray(2).toString('utf8');
        socket.end(clientFrame(CLOSE, payload.subarray(0, 2)));
      } else handlers.frame(opcode, payload);
    }
    if (at < data.length) pending = data.subarray(at);
  });
  socket.on('error', (error) => handlers.error(error));
  socket.on('close', () => handlers.close(closeCode, closeReason));
  return socket;
}
