/**
 * A WebSocket text frame as a server sends it (RFC 6455 §5.2): FIN set, opcode 1 (text), no mask,
 * the length in 7, 16 or 64 bits, then the UTF-8 of `text`: one buffer, so that a delivery is one
 * chunk of its socket's write instead of the `ws` library's two (header and payload) and their
 * per-send bookkeeping, which a fan-out to thousands of sockets pays thousands of times.
 * Only for data frames of a connection `ws` holds open with compression off (ws.ts): `ws` writes
 * its own frames (pongs, `complete`, close) to the same socket, in the order they are sent.
 */
export function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.write(text, header, 'utf8');
  return frame;
}
