import type { ExecutionResult } from 'graphql';

/**
 * Writes a subscriber's `next` messages straight to its socket, the payload given as JSON (one
 * serialization per event for every subscriber that shares it). False once the client is too far
 * behind (its socket's unsent bytes over the bound).
 */
export interface FrameWriter {
  write(payloadJson: string): boolean;
}

// A result's JSON, made once however many subscribers it goes to.
const serialized = new WeakMap<ExecutionResult, string>();
function jsonOf(result: ExecutionResult): string {
  let json = serialized.get(result);
  if (json === undefined) serialized.set(result, (json = JSON.stringify(result)));
  return json;
}

/**
 * One subscriber's outbox: the results meant for it, in event order, until its transport takes
 * them. Bounded: a client that does not read (a slow network, a stopped tab) fills it, and then
 * `overflow` is called once and the subscription ends, so the server never buffers without limit.
 * While the subscription replays what it missed, live results wait (`replaying`), and results for
 * events it already has (by id) are dropped: no gap and no duplicate.
 */
export class Sink implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private readonly held: { id: number; result: ExecutionResult }[] = [];
  private waiting: ((next: IteratorResult<ExecutionResult>) => void) | undefined;
  private done = false;
  private last = 0;
  private replaying: boolean;

  constructor(
    private readonly max: number,
    private readonly overflow: () => void,
    private readonly onEnd: () => void,
    options: { replaying?: boolean; after?: number; writer?: FrameWriter } = {},
  ) {
    this.replaying = options.replaying ?? false;
    this.last = options.after ?? 0;
    this.writer = options.writer;
  }

  /** When set, results go straight to the socket, and the iterator only ends (the transport then sends `complete`). */
  private readonly writer: FrameWriter | undefined;

  get closed(): boolean {
    return this.done;
  }

  /** The result of event `id` (a live one waits while the subscription replays). */
  push(id: number, result: ExecutionResult, replayed = false): void {
    if (this.done) return;
    if (this.replaying && !replayed) {
      this.held.push({ id, result });
      return;
    }
    if (id <= this.last) return;
    this.last = id;
    this.deliver(result);
  }

  /** Replay is over: what arrived live meanwhile follows, without what the replay already sent. */
  replayed(): void {
    this.replaying = false;
    for (const { id, result } of this.held.splice(0)) this.push(id, result);
  }

  /** Ends the subscription, after a last result (an error saying why) when given. */
  end(last?: ExecutionResult): void {
    if (this.done) return;
    if (last) this.deliver(last, true);
    this.finish();
  }

  private deliver(result: ExecutionResult, force = false): void {
    if (this.writer) {
      if (!this.writer.write(jsonOf(result)) && !force) {
        this.finish();
        this.overflow();
      }
      return;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: result, done: false });
      return;
    }
    if (!force && this.queue.length >= this.max) {
      this.finish();
      this.overflow();
      return;
    }
    this.queue.push(result);
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.held.length = 0;
    this.onEnd();
    if (this.waiting && !this.queue.length) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
