import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { sendAfter, textFrames, writeTextFrames } from '../../src/seams/ws.js';
import { installedVersion } from './installed.js';

const CHECKED = 'ws 8.23.1 with graphql-ws 6.4.2';
const contract = (assumption: string) => `ws seam (src/seams/ws.ts), checked on ${CHECKED}, installed ${installedVersion('ws')}: ${assumption}`;

/**
 * The frames the service writes under `ws` (subscription results, src/realtime/coalesce.ts) must
 * read as `ws`'s own to a real client, in order with the frames `ws` sends on the same socket, and
 * every frame `ws` sends must pass through the wrapped `send` and `close`.
 */
describe('ws contract: frames written to the socket under a WebSocket, and send/close wrapped', () => {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  let onSocket: (ws: WebSocket, socket: Socket, req: http.IncomingMessage) => void = () => undefined;
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws, socket as Socket, req)));
  const listening = new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => {
    wss.close();
    server.close();
  });

  /** A real client's messages (text or binary) until `last`, and the close code if the server closes. */
  const receive = async (last: string | null) => {
    await listening;
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: { text: string; binary: boolean }[] = [];
    const closed = await new Promise<number | undefined>((resolve, reject) => {
      client.on('message', (data: Buffer, binary) => {
        received.push({ text: data.toString('utf8'), binary });
        if (last !== null && data.toString() === last) resolve(undefined);
      });
      client.on('close', (code) => resolve(code));
      client.on('error', reject);
    });
    client.close();
    return { received, closed };
  };

  it('1. frames written to the socket read as text at every length encoding, several in one write, in order with ws.send', async () => {
    const texts = ['short é', `${'Ü'.repeat(100)} 🖥️`, 'x'.repeat(65_535), `${'y'.repeat(70_000)}😀`, ''];
    onSocket = (ws, socket) => {
      writeTextFrames(socket, [texts[0]!]);
      ws.send('from ws');
      writeTextFrames(socket, texts.slice(1));
      ws.send('end');
    };
    const { received } = await receive('end');
    expect(received.map((r) => r.binary)).toEqual(received.map(() => false));
    expect(
      received.map((r) => r.text),
      contract('frames written between two sends are read whole, in order'),
    ).toEqual([texts[0], 'from ws', ...texts.slice(1), 'end']);
    expect(textFrames(['ab', 'z'.repeat(200)]).subarray(0, 8)).toEqual(Buffer.from([0x81, 2, 0x61, 0x62, 0x81, 126, 0, 200]));
  });

  it('1. with per-message deflate off, ws writes its whole frame to the socket within the send call that makes it', async () => {
    let within: number[] = [];
    onSocket = (ws, socket) => {
      const write = socket.write.bind(socket);
      let bytes = 0;
      socket.write = ((...args: Parameters<Socket['write']>) => {
        const chunk = args[0];
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        return write(...args);
      }) as Socket['write'];
      within = ['a', 'x'.repeat(70_000), 'end'].map((text) => {
        const before = bytes;
        ws.send(text);
        return bytes - before;
      });
    };
    await receive('end');
    // Header and payload: 2 + 1, 10 + 70,000 (a 64-bit length), 2 + 3.
    expect(within, contract("ws's Sender writes a string frame, header and payload, within send when it does not compress")).toEqual([3, 70_010, 5]);
  });

  it("2. send and close are looked up on the instance: the wrapped ones run first, ws's own answer to a close frame included, and what waits goes out before the frame each makes", async () => {
    let calls = 0;
    onSocket = (ws, socket) => {
      const waiting: string[] = [];
      sendAfter(ws, () => {
        calls++;
        if (waiting.length) writeTextFrames(socket, waiting.splice(0));
      });
      waiting.push('waiting 1', 'waiting 2');
      ws.send('sent by ws');
      waiting.push('waiting 3');
      ws.close(4000, 'done');
    };
    const { received, closed } = await receive(null);
    // Our send and close, then ws's own close() when the client's close frame comes back.
    expect(calls, contract('send and close are called through the instance, by ws itself too')).toBe(3);
    expect(received.map((r) => r.text)).toEqual(['waiting 1', 'waiting 2', 'sent by ws', 'waiting 3']);
    expect(closed).toBe(4000);
  });

  it('2. graphql-ws sends connection_ack, next and complete through the instance: frames waiting before each go first', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
      subscription: new GraphQLObjectType({
        name: 'Subscription',
        fields: {
          tick: {
            type: GraphQLString,
            subscribe: async function* () {
              yield { tick: 'one' };
            },
          },
        },
      }),
    });
    const served = useServer({ schema }, wss);
    let calls = 0;
    onSocket = (ws, socket, req) => {
      const waiting = ['waiting before the ack'];
      sendAfter(ws, () => {
        calls++;
        if (waiting.length) writeTextFrames(socket, waiting.splice(0));
        if (calls === 1) waiting.push('waiting before next');
      });
      // Wrapped before graphql-ws has the socket (src/realtime/ws.ts does the same).
      wss.emit('connection', ws, req);
    };
    await listening;
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, 'graphql-transport-ws');
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('open', () => client.send(JSON.stringify({ type: 'connection_init' })));
      client.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        const type = text.startsWith('{') ? (JSON.parse(text) as { type: string }).type : text;
        received.push(type);
        if (type === 'connection_ack') client.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { tick }' } }));
        if (type === 'complete') resolve();
      });
      client.on('error', reject);
    });
    client.close();
    await served.dispose();
    expect(received, contract(`graphql-ws ${installedVersion('graphql-ws')} (checked on 6.4.2) calls socket.send for each message`)).toEqual([
      'waiting before the ack',
      'connection_ack',
      'waiting before next',
      'next',
      'complete',
    ]);
    expect(calls).toBeGreaterThanOrEqual(3);
  });
});
