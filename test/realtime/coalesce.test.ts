import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteCoalescer } from '../../src/realtime/coalesce.js';

/** A real TCP connection on loopback: the writing end, and every chunk the reading end received (with when). */
async function pair(): Promise<{ writer: net.Socket; reader: net.Socket; chunks: { at: number; text: string }[]; close(): void }> {
  const chunks: { at: number; text: string }[] = [];
  let reader: net.Socket | undefined;
  const server = net.createServer((socket) => {
    reader = socket;
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => chunks.push({ at: Date.now(), text }));
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

describe('WriteCoalescer: frames to one socket within the window leave in one write', () => {
  it('holds the frames of a busy stream until the window has passed, then sends them together, in order', async () => {
    const p = await opened();
    const coalescer = new WriteCoalescer(600);
    // A first frame after a quiet spell goes as soon as the current fan-out ends (the previous flush is long past).
    coalescer.hold(p.writer);
    p.writer.write('a;');
    await until(() => p.chunks.length === 1);
    // Two more within the window: neither leaves before the window ends, then both in one chunk.
    coalescer.hold(p.writer);
    p.writer.write('b;');
    coalescer.hold(p.writer);
    p.writer.write('c;');
    expect(coalescer.holding).toBe(1);
    await settle(60);
    expect(p.chunks.map((c) => c.text)).toEqual(['a;']);
    await until(() => p.chunks.length === 2);
    expect(p.chunks.map((c) => c.text)).toEqual(['a;', 'b;c;']);
    expect(p.chunks[1]!.at - p.chunks[0]!.at).toBeGreaterThanOrEqual(400);
    expect(coalescer.holding).toBe(0);
  });

  it('with an interval of 0, writes every frame at once', async () => {
    const p = await opened();
    const coalescer = new WriteCoalescer(0);
    coalescer.hold(p.writer);
    p.writer.write('x;');
    expect(coalescer.holding).toBe(0);
    await until(() => p.chunks.length === 1);
    expect(p.chunks.map((c) => c.text).join('')).toBe('x;');
  });

  it('flush() sends what is held at once (a stopping server), and a destroyed socket is skipped', async () => {
    const p = await opened();
    const coalescer = new WriteCoalescer(1_000);
    coalescer.hold(p.writer);
    p.writer.write('first;');
    await until(() => p.chunks.length === 1);
    coalescer.hold(p.writer);
    p.writer.write('held;');
    await settle(30);
    expect(p.chunks.map((c) => c.text).join('')).toBe('first;');
    coalescer.flush();
    await until(() => p.chunks.length === 2);
    expect(p.chunks.map((c) => c.text).join('')).toBe('first;held;');
    const gone = new net.Socket();
    gone.destroy();
    coalescer.hold(gone);
    expect(coalescer.holding).toBe(0);
  });

  it('releases a window of many sockets a slice per turn of the event loop, every frame still sent once and in order', async () => {
    const pairs = await Promise.all(Array.from({ length: 5 }, opened));
    const coalescer = new WriteCoalescer(200, 2);
    for (const p of pairs) {
      coalescer.hold(p.writer);
      p.writer.write('1;');
    }
    await until(() => pairs.every((p) => p.chunks.length === 1));
    for (const p of pairs) {
      coalescer.hold(p.writer);
      p.writer.write('2;');
      coalescer.hold(p.writer);
      p.writer.write('3;');
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
    await until(() => pairs.every((p) => p.chunks.map((c) => c.text).join('') === '1;2;3;'));
  });

  it('counts as unsent only what earlier windows left, not the frames it holds back', async () => {
    const p = await opened();
    const coalescer = new WriteCoalescer(1_000);
    coalescer.hold(p.writer);
    p.writer.write('x'.repeat(100_000));
    expect(p.writer.writableLength).toBe(100_000);
    expect(coalescer.unsent(p.writer)).toBe(0);
    // A client that stops reading: once the kernel's buffers are full, what is left counts.
    p.reader.pause();
    coalescer.flush();
    for (let i = 0; i < 200 && p.writer.writableLength === 0; i++) p.writer.write(Buffer.alloc(1024 * 1024));
    expect(p.writer.writableLength).toBeGreaterThan(0);
    const stuck = p.writer.writableLength;
    coalescer.hold(p.writer);
    p.writer.write('y'.repeat(10));
    expect(coalescer.unsent(p.writer)).toBe(stuck);
  });
});
