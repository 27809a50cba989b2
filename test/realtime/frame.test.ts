import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { textFrame } from '../../src/realtime/frame.js';

/**
 * The frames the service writes itself (subscription results, src/realtime/ws.ts) must read as the
 * `ws` library's own to a real client, in order with the frames `ws` sends on the same socket.
 */
describe('textFrame: a WebSocket text frame written straight to the socket', () => {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  afterAll(() => {
    wss.close();
    server.close();
  });

  it('reads as text at every length encoding (7, 16 and 64 bits), multi-byte UTF-8 included, in order with ws.send', async () => {
    const texts = ['short é', `${'Ü'.repeat(100)} 🖥️`, 'x'.repeat(65_535), `${'y'.repeat(70_000)}😀`, ''];
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => {
        socket.write(textFrame(texts[0]!));
        ws.send('from ws');
        for (const text of texts.slice(1)) socket.write(textFrame(text));
        ws.send('end');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: { text: string; binary: boolean }[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('message', (data: Buffer, binary) => {
        received.push({ text: data.toString('utf8'), binary });
        if (data.toString() === 'end') resolve();
      });
      client.on('error', reject);
    });
    client.close();
    expect(received.map((r) => r.binary)).toEqual(received.map(() => false));
    expect(received.map((r) => r.text)).toEqual([texts[0], 'from ws', ...texts.slice(1), 'end']);
    expect(textFrame('ab').subarray(0, 2)).toEqual(Buffer.from([0x81, 2]));
    expect(textFrame('z'.repeat(200)).subarray(0, 4)).toEqual(Buffer.from([0x81, 126, 0, 200]));
  });
});
