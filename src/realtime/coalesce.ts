import type { Writable } from 'node:stream';
import { writeTextFrames } from '../seams/ws.js';

/**
 * Lets the frames a socket is sent within a short window leave together, in one buffer and one
 * system call, instead of one call each. Each write costs a system call (and, on loopback or a
 * virtual machine, the wake-up of whoever reads it) far more than its bytes do, so under a
 * fan-out of thousands of sockets the calls, not the JSON, bound how many deliveries a core makes.
 *
 * A socket's frames (their texts) wait in a list from its first frame after a flush; once
 * `intervalMs` has passed since the previous flush, every waiting socket is written its frames
 * in one buffer (src/seams/ws.ts), 64 sockets per turn of the event loop, so that the next event's read
 * and execution run between the slices instead of waiting behind a thousand system calls. A
 * socket given frames again meanwhile waits for the next window; one still waiting in this round
 * takes its new frames along. The bigger the fan-out, the longer a round lasts and the more frames
 * each write carries: the window widens with the load by itself. When events are further apart
 * than the interval, a frame waits only for the current event's fan-out to end (a timer of 0).
 * `intervalMs` 0 writes each frame at once.
 *
 * Frames sent to the socket any other way (the WebSocket library's own: `complete`, errors, close)
 * must come after what waits here: call `flushSocket` first (ws.ts does, for every such send).
 */
export class WriteCoalescer {
  /** Sockets with frames waiting, in the order they got their first, and those frames' texts. */
  private readonly waiting = new Map<Writable, string[]>();
  private timer: NodeJS.Timeout | undefined;
  private draining = false;
  private lastFlush = 0;

  /**
   * @param slice Sockets written per turn of the event loop when the window ends. Each write is a
   * system call (16–35 µs on a virtual machine), so a thousand at once would hold the loop for
   * tens of milliseconds.
   */
  constructor(
    private readonly intervalMs: number,
    private readonly slice = 64,
  ) {}

  /** Sends `text` to `socket` as a WebSocket text frame, in the socket's next write. */
  send(socket: Writable, text: string): void {
    if (socket.destroyed) return;
    if (this.intervalMs <= 0) {
      writeTextFrames(socket, [text]);
      return;
    }
    const list = this.waiting.get(socket);
    if (list) list.push(text);
    else {
      this.waiting.set(socket, [text]);
      this.schedule();
    }
  }

  /** Writes what waits for `socket`, now: before any frame sent to it another way. */
  flushSocket(socket: Writable): void {
    const list = this.waiting.get(socket);
    if (!list) return;
    this.waiting.delete(socket);
    writeTextFrames(socket, list);
  }

  /** Writes everything waiting, now (when the server stops). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    for (const socket of [...this.waiting.keys()]) this.flushSocket(socket);
  }

  /** The bytes `socket` could not send yet: what earlier windows left unread, never what waits here on purpose. */
  unsent(socket: Writable): number {
    return socket.writableLength;
  }

  /** Sockets with frames waiting now (for tests and metrics). */
  get holding(): number {
    return this.waiting.size;
  }

  private schedule(): void {
    if (this.timer || this.draining) return;
    this.timer = setTimeout(() => this.release(), Math.max(0, this.lastFlush + this.intervalMs - Date.now()));
  }

  /** The window has passed: every socket waiting now is written, a slice per turn; later frames wait for the next window. */
  private release(): void {
    this.timer = undefined;
    this.lastFlush = Date.now();
    const round = [...this.waiting.keys()];
    this.draining = true;
    const next = (from: number) => {
      const to = Math.min(round.length, from + this.slice);
      // A socket already written by flush() or flushSocket() has nothing waiting: flushSocket skips it.
      for (let i = from; i < to; i++) this.flushSocket(round[i]!);
      if (to < round.length) return void setImmediate(next, to);
      this.draining = false;
      if (this.waiting.size) this.schedule();
    };
    next(0);
  }
}
