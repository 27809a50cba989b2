import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteCoalescer } from '../../src/realtime/coalesce.js';

/** The texts of the server-to-client WebSocket text frames in `data` (unmasked, as src/seams/ws.ts writes them). */
function texts(data: Buffer): string[] {
  const out: string[] = [];
  for (let at = 0; at < data.length; ) {
    let length = data[at + 1]! & 0x7f;
    let header = 2;
    if (length === 126) [length, header] = [data.readUInt16BE(at + 2), 4];
    else if (length === 127) [length, header] = [Number(data.readBigUInt64BE(at + 2)), 10];
    expect(data[at]).toBe(0x81);
    out.push(data.toString('utf8', at + header, at + header + length));
    at += header + length;
  }
  return out;
}

/** A real TCP connection on loopback: the writing end, and every chunk the reading end received (with when), as frame texts. */
async function pair(): Promise<{ writer: net.Socket; reader: net.Socket; chunks: { at: number; texts: string[] }[]; close(): void }> {
  const chunks: { at: number; texts: string[] }[] = [];
  let reader: net.Socket | undefined;
  const server = net.createServer((socket) => {
    reader = socket;
    socket.on('data', (data: Buffer) => chunks.push({ at: Date.now(), texts: texts(data) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const writer = net.connect(port, '127.0.0.1');
  writer.setNoDelay(true);
  await new Promise((resolve) => writer.once('connect', resolve));
  while (!reader) await new Promise((resolve) => setTimeout(resolve, 5));
  return {
    writer,
    reader,
    chunks,
    close: () => {
      writer.destroy();
      reader?.destroy();
      server.close();
    },
  };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 3_000) throw new Error('timed out');
    await settle(10);
  }
}
const open: { close(): void }[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});
const opened = async () => {
  const p = await pair();
  open.push(p);
  return p;
};
const received = (p: { chunks: { texts: string[] }[] }) => p.chunks.map((c) => c.texts);

describe('WriteCoalescer: frames to one socket within the window leave in one write', () => {
  it('holds the frames of a busy stream until the window has passed, then writes them in one buffer, in order', async () => {
    const p = await opened();
    const coalescer = new WriteCoalescer(600);
    // A first frame after a quiet spell goes as soon as the current fan-out ends (the previous flush is long past).
    coalescer.send(p.writer, 'a');
    await until(() => p.chunks.length === 1);
    // Two more within the window: neither leaves before the window ends, then both in one chunk.
    coalescer.send(p.writer, 'b');
    coalescer.send(p.writer, `c ${'é'.repeat(100)}`);
    expect(coalescer.holding).toBe(1);
    await settle(60);
    expect(received(p)).toEqual([['a']]);
    await until(() => p.chunks.length === 2);
    expect(received(p)).toEqual([['a'], ['b', `c ${'é'.repeat(100)}`]]);
    expect(p.chunks[1]!.at - p.chunks[0]!.at).toBeGreaterThanOrEqual(400);
    expect(coalescer.holding).toBe(0);
  });

  it('with an interval of 0, writes every frame at once', async () => {
    const p = await opened();
    const coalescer = new WriteCoalescer(0);
    coalescer.send(p.writer, 'x');
    expect(coalescer.holding).toBe(0);
    await until(() => p.chunks.length === 1);
    expect(received(p)).toEqual([['x']]);
  });

  it('flushSocket() writes one socket’s waiting frames before anything sent to it another way; flush() writes all; a destroyed socket is skipped', async () => {
    const [p, q] = [await opened(), await opened()];
    const coalescer = new WriteCoalescer(1_000);
    coalescer.send(p.writer, 'first');
    await until(() => p.chunks.length === 1);
    coalescer.send(p.writer, 'held');
    coalescer.send(q.writer, 'other');
    await settle(30);
    expect(received(p)).toEqual([['first']]);
    // As ws.ts does before every frame `ws` sends itself (here a `complete`).
    coalescer.flushSocket(p.writer);
    p.writer.write(Buffer.from([0x81, 8, ...Buffer.from('complete')]));
    await until(() => p.chunks.flatMap((c) => c.texts).length === 3);
    expect(p.chunks.flatMap((c) => c.texts)).toEqual(['first', 'held', 'complete']);
    expect(coalescer.holding).toBe(1);
    coalescer.flush();
    await until(() => q.chunks.length === 1);
    expect(received(q)).toEqual([['other']]);
    const gone = new net.Socket();
    gone.destroy();
    coalescer.send(gone, 'lost');
    expect(coalescer.holding).toBe(0);
  });

  it('writes a window of many sockets a slice per turn of the event loop, every frame once and in order', async () => {
    const pairs = await Promise.all(Array.from({ length: 5 }, opened));
    const coalescer = new WriteCoalescer(200, 2);
    for (const p of pairs) coalescer.send(p.writer, '1');
    await until(() => pairs.every((p) => p.chunks.length === 1));
    for (const p of pairs) {
      coalescer.send(p.writer, '2');
      coalescer.send(p.writer, '3');
    }
    // What the event loop sees between turns: when the window ends, one slice goes per turn, and
    // other work (here this watcher) runs in between.
    const seen = await new Promise<number[]>((resolve) => {
      const counts: number[] = [];
      const watch = () => {
        if (counts.at(-1) !== coalescer.holding) counts.push(coalescer.holding);
        if (coalescer.holding) setImmediate(watch);
        else resolve(counts);
      };
      watch();
    });
    expect(seen).toEqual([5, 3, 1, 0]);
    await until(() => pairs.every((p) => p.chunks.flatMap((c) => c.texts).join() === '1,2,3'));
  });

  it('counts as unsent only what earlier windows left unread, not the frames waiting on purpose', async () => {
    const p = await opened();
    const coalescer = new WriteCoalescer(1_000);
    coalescer.send(p.writer, 'x'.repeat(100_000));
    expect(coalescer.unsent(p.writer)).toBe(0);
    // A client that stops reading: once the kernel's buffers are full, what is left counts.
    p.reader.pause();
    coalescer.flush();
    for (let i = 0; i < 200 && p.writer.writableLength === 0; i++) p.writer.write(Buffer.alloc(1024 * 1024));
    expect(p.writer.writableLength).toBeGreaterThan(0);
    const stuck = p.writer.writableLength;
    coalescer.send(p.writer, 'y');
    expect(coalescer.unsent(p.writer)).toBe(stuck);
  });
});
