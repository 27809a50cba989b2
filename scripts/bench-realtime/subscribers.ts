/**
 * One load-generator process of npm run bench:realtime: opens its share of the WebSocket
 * subscribers (one socket, one subscription each), speaking graphql-transport-ws directly over
 * plain sockets (raw-socket.ts: neither graphql-ws nor `ws`, whose per-message work would make
 * the generators, on the same machine, compete with the service they measure), and
 * times each delivery (its event named by its cursor) against the moment that event was announced
 * (run.ts sends those, read from the log by matcher.ts).
 * Driven by its parent over IPC (messages in ./protocol.ts); also importable in-process (SubscriberPool).
 */
import type net from 'node:net';
import { type Answer, eventId, LatencyHistogram, type PoolStats, type Spec, type ToChild, wallClock } from './protocol.js';
import { clientFrame, rawWebSocket, TEXT } from './raw-socket.js';

const NEXT = Buffer.from('"type":"next"');
const ACK = Buffer.from('"type":"connection_ack"');
const PING_MESSAGE = Buffer.from('"type":"ping"');

/** The subscribers of one process, and what they received. */
export class SubscriberPool {
  private readonly sockets: { socket: net.Socket; open: boolean }[] = [];
  private readonly firstSeen = new Set<number>();
  /** When each event was announced, just before its commit (ms, wallClock). */
  private readonly answers = new Map<number, number>();
  /** Deliveries that arrived before their event's answer reached this process. */
  private readonly early = new Map<number, number[]>();
  private readonly histogram = new LatencyHistogram();
  /** Per measured event, when its first and last deliveries arrived (ms, wallClock). */
  private readonly spread = new Map<number, [first: number, last: number]>();
  private from = Number.POSITIVE_INFINITY;
  private delivered = 0;
  private windowDelivered = 0;
  private unmatched = 0;
  private closed = 0;
  private readonly closeCodes: Record<string, number> = {};
  private readonly errors: string[] = [];

  /** Opens every subscriber (`concurrency` handshakes at a time); resolves once each is acknowledged or failed. */
  async open(url: string, specs: readonly Spec[], concurrency = 50): Promise<{ acked: number; failed: number }> {
    let next = 0;
    let acked = 0;
    let failed = 0;
    const one = (index: number, spec: Spec) =>
      new Promise<void>((resolve) => {
        let settled = false;
        const settle = (ok: boolean) => {
          if (settled) return;
          settled = true;
          if (ok) acked++;
          else failed++;
          resolve();
        };
        const entry = {
          open: false,
          socket: rawWebSocket(`${url.replace(/^http/, 'ws')}`, 'graphql-transport-ws', {
            open: () => {
              entry.open = true;
              entry.socket.write(clientFrame(TEXT, '{"type":"connection_init","payload":{}}'));
            },
            frame: (opcode, payload) => {
              if (opcode !== TEXT) return;
              if (payload.indexOf(NEXT) >= 0) return this.receive(index, payload);
              if (payload.indexOf(ACK) >= 0) {
                entry.socket.write(clientFrame(TEXT, JSON.stringify({ id: '1', type: 'subscribe', payload: { query: spec.query, variables: spec.variables } })));
                return settle(true);
              }
              if (payload.indexOf(PING_MESSAGE) >= 0) return void entry.socket.write(clientFrame(TEXT, '{"type":"pong"}'));
              this.fail(`message: ${payload.toString('utf8', 0, 300)}`);
            },
            error: (error) => {
              this.fail(`socket: ${error.message}`);
              settle(false);
            },
            close: (code, reason) => {
              entry.open = false;
              this.closed++;
              const key = `${code} ${reason.slice(0, 60)}`;
              this.closeCodes[key] = (this.closeCodes[key] ?? 0) + 1;
              settle(false);
            },
          }),
        };
        this.sockets.push(entry);
      });
    const worker = async () => {
      while (next < specs.length) {
        const index = next++;
        await one(index, specs[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));
    return { acked, failed };
  }

  /** Deliveries of events from live_events id `id` on are measured (the window's first event). */
  window(id: number): void {
    this.from = id;
  }

  answered(answers: readonly Answer[]): void {
    for (const [seq, at] of answers) {
      this.answers.set(seq, at);
      const waiting = this.early.get(seq);
      if (!waiting) continue;
      this.early.delete(seq);
      for (const received of waiting) this.histogram.add(received - at);
    }
  }

  stats(): PoolStats {
    return {
      sockets: this.sockets.length,
      open: this.sockets.filter((s) => s.open).length,
      ready: this.firstSeen.size,
      delivered: this.delivered,
      windowDelivered: this.windowDelivered,
      unmatched: this.unmatched + [...this.early.values()].reduce((n, list) => n + list.length, 0),
      closed: this.closed,
      closeCodes: this.closeCodes,
      errors: this.errors.slice(0, 5),
      histogram: this.histogram.toJSON(),
      events: [...this.spread].flatMap(([seq, [first, last]]) => {
        const answered = this.answers.get(seq);
        return answered === undefined ? [] : [[seq, first - answered, last - answered] as [number, number, number]];
      }),
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.sockets.map(
        ({ socket }) =>
          new Promise<void>((resolve) => {
            if (socket.destroyed) return resolve();
            socket.once('close', () => resolve());
            socket.destroy();
          }),
      ),
    );
  }

  private receive(index: number, message: Buffer): void {
    const at = wallClock();
    this.delivered++;
    this.firstSeen.add(index);
    const seq = eventId(message);
    if (seq === undefined) {
      this.unmatched++;
      return;
    }
    if (seq < this.from) return;
    this.windowDelivered++;
    const spread = this.spread.get(seq);
    if (spread) spread[1] = at;
    else this.spread.set(seq, [at, at]);
    const answered = this.answers.get(seq);
    if (answered !== undefined) this.histogram.add(at - answered);
    else {
      const list = this.early.get(seq);
      if (list) list.push(at);
      else this.early.set(seq, [at]);
    }
  }

  private fail(what: string): void {
    if (this.errors.length < 20) this.errors.push(what);
  }
}

// As a child process: obey the parent.
if (process.send && process.argv[1]?.endsWith('subscribers.ts')) {
  const pool = new SubscriberPool();
  const send = (message: unknown) => process.send!(message);
  process.on('message', (message: ToChild) => {
    switch (message.type) {
      case 'open':
        void pool.open(message.url, message.specs).then((result) => send({ type: 'opened', ...result }));
        return;
      case 'window':
        pool.window(message.id);
        return;
      case 'answers':
        pool.answered(message.answers);
        return;
      case 'stats':
        send({ type: 'stats', stats: pool.stats() });
        return;
      case 'close':
        void pool.close().then(() => process.exit(0));
        return;
    }
  });
  process.on('disconnect', () => process.exit(0));
}
