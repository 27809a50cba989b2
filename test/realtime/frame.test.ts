import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { textFrames } from '../../src/realtime/frame.js';

/**
 * The frames the service writes itself (subscription results, src/realtime/ws.ts) must read as the
 * `ws` library's own to a real client, in order with the frames `ws` sends on the same socket.
 */
describe('textFrames: WebSocket text frames written straight to the socket, back to back in one buffer', () => {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  afterAll(() => {
    wss.close();
    server.close();
  });

  it('reads as text at every length encoding (7, 16 and 64 bits), multi-byte UTF-8 included, several in one buffer, in order with ws.send', async () => {
    const texts = ['short é', `${'Ü'.repeat(100)} 🖥️`, 'x'.repeat(65_535), `${'y'.repeat(70_000)}😀`, ''];
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => {
        socket.write(textFrames([texts[0]!]));
        ws.send('from ws');
        socket.write(textFrames(texts.slice(1)));
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
    expect(textFrames(['ab', 'z'.repeat(200)]).subarray(0, 8)).toEqual(Buffer.from([0x81, 2, 0x61, 0x62, 0x81, 126, 0, 200]));
  });
});
