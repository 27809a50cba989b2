/**
 * WebSocket text frames as a server sends them (RFC 6455 §5.2), back to back in one buffer: each
 * FIN set, opcode 1 (text), no mask, the length in 7, 16 or 64 bits, then the UTF-8 of its text.
 * One buffer for a socket's frames of a window (coalesce.ts) is one chunk and one system call,
 * instead of the `ws` library's two chunks per frame (header and payload) and their per-send
 * bookkeeping, which a fan-out to thousands of sockets pays thousands of times.
 * Only for data frames of a connection `ws` holds open with compression off (ws.ts), written
 * before any frame `ws` sends itself on that socket.
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
