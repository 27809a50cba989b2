import type { Writable } from 'node:stream';

/**
 * Lets the frames a socket is sent within a short window leave together, in one system call,
 * instead of one call each. Each frame costs a write (and, on loopback or a virtual machine, the
 * wake-up of whoever reads it) far more than its bytes do, so under a fan-out of thousands of
 * sockets the calls, not the JSON, bound how many deliveries a core makes.
 *
 * A socket is corked (Node's `Writable.cork`, counted, so the WebSocket library's own
 * cork/uncork around each frame nests inside) at its first frame after a flush; every corked
 * socket is uncorked together once `intervalMs` has passed since the previous flush. When events
 * are further apart than the interval, a frame waits only for the current event's fan-out to end
 * (a timer of 0); only a busier stream of events is gathered, by at most `intervalMs`.
 * `intervalMs` 0 writes each frame at once.
 */
export class WriteCoalescer {
  private readonly corked = new Set<Writable>();
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;

  constructor(private readonly intervalMs: number) {}

  /** Call before writing a frame to `socket`. */
  hold(socket: Writable): void {
    if (this.intervalMs <= 0 || socket.destroyed || this.corked.has(socket)) return;
    socket.cork();
    this.corked.add(socket);
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.lastFlush + this.intervalMs - Date.now()));
  }

  /** Writes everything held, now (also when the server stops). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    const sockets = [...this.corked];
    this.corked.clear();
    for (const socket of sockets) if (!socket.destroyed) socket.uncork();
  }

  /** Sockets holding frames now (for tests and metrics). */
  get holding(): number {
    return this.corked.size;
  }
}
