import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteCoalescer } from '../../src/realtime/coalesce.js';

/** A real TCP connection on loopback: the writing end, and every chunk the reading end received (with when). */
async function pair(): Promise<{ writer: net.Socket; chunks: { at: number; text: string }[]; close(): void }> {
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
let open: { close(): void } | undefined;
afterEach(() => open?.close());

describe('WriteCoalescer: frames to one socket within the window leave in one write', () => {
  it('holds the frames of a busy stream until the window has passed, then sends them together, in order', async () => {
    const p = (open = await pair());
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
    const p = (open = await pair());
    const coalescer = new WriteCoalescer(0);
    coalescer.hold(p.writer);
    p.writer.write('x;');
    expect(coalescer.holding).toBe(0);
    await until(() => p.chunks.length === 1);
    expect(p.chunks.map((c) => c.text).join('')).toBe('x;');
  });

  it('flush() sends what is held at once (a stopping server), and a destroyed socket is skipped', async () => {
    const p = (open = await pair());
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
});
