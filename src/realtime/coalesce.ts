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
  /** Sockets corked and not yet released, in the order they were first held, with the bytes they had not sent yet when corked. */
  private readonly corked = new Map<Writable, number>();
  private timer: NodeJS.Timeout | undefined;
  private draining = false;
  private lastFlush = 0;

  /**
   * @param slice Sockets uncorked per turn of the event loop when the window ends. Each uncork is
   * a system call (16–35 µs on a virtual machine), so a thousand at once would hold the loop for
   * tens of milliseconds; released a slice at a time, the next event's read and execution run
   * in between rather than after.
   */
  constructor(
    private readonly intervalMs: number,
    private readonly slice = 64,
  ) {}

  /** Call before writing a frame to `socket`. */
  hold(socket: Writable): void {
    if (this.intervalMs <= 0 || socket.destroyed || this.corked.has(socket)) return;
    this.corked.set(socket, socket.writableLength);
    socket.cork();
    this.schedule();
  }

  /** Writes everything held, now (also when the server stops). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    const sockets = [...this.corked.keys()];
    this.corked.clear();
    for (const socket of sockets) if (!socket.destroyed) socket.uncork();
  }

  /**
   * The bytes `socket` has not been able to send, without what this window holds back on purpose:
   * the measure of a client that does not read (a socket's own `writableLength`, or `ws`'s
   * `bufferedAmount`, would count the held frames too, and close a fast client in a burst).
   */
  unsent(socket: Writable): number {
    return this.corked.get(socket) ?? socket.writableLength;
  }

  /** Sockets holding frames now (for tests and metrics). */
  get holding(): number {
    return this.corked.size;
  }

  private schedule(): void {
    if (this.timer || this.draining) return;
    this.timer = setTimeout(() => this.release(), Math.max(0, this.lastFlush + this.intervalMs - Date.now()));
  }

  /** The window has passed: every socket held now is uncorked, a slice per turn; later holds wait for the next window. */
  private release(): void {
    this.timer = undefined;
    this.lastFlush = Date.now();
    const round = [...this.corked.keys()];
    this.draining = true;
    const next = (from: number) => {
      const to = Math.min(round.length, from + this.slice);
      for (let i = from; i < to; i++) {
        const socket = round[i]!;
        // Already released by flush(), or held again after it: not this round's.
        if (!this.corked.delete(socket)) continue;
        if (!socket.destroyed) socket.uncork();
      }
      if (to < round.length) return void setImmediate(next, to);
      this.draining = false;
      if (this.corked.size) this.schedule();
    };
    next(0);
  }
}
