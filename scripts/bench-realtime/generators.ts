import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { type Answer, type FromChild, LatencyHistogram, type PoolStats, type Spec, type ToChild } from './protocol.js';

/** Waits for a child's next message of `type`. */
function reply<T extends FromChild['type']>(child: ChildProcess, type: T): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<FromChild, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`a subscriber process exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** The subscriber processes (./subscribers.ts), as one pool: each holds every k-th subscriber. */
export class Generators {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(count: number): Promise<Generators> {
    const file = path.join(import.meta.dirname, 'subscribers.ts');
    const children = Array.from({ length: count }, () => fork(file, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    await Promise.all(children.map((c) => new Promise((resolve) => c.once('spawn', resolve))));
    return new Generators(children);
  }

  /** The subscriber processes' ids (for their CPU time). */
  get pids(): number[] {
    return this.children.flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
  }

  private send(message: ToChild, child?: ChildProcess): void {
    for (const c of child ? [child] : this.children) c.send(message);
  }

  async open(url: string, specs: readonly Spec[]): Promise<{ acked: number; failed: number }> {
    const results = await Promise.all(
      this.children.map((child, i) => {
        const answer = reply(child, 'opened');
        this.send({ type: 'open', url, specs: specs.filter((_, j) => j % this.children.length === i) }, child);
        return answer;
      }),
    );
    return { acked: results.reduce((n, r) => n + r.acked, 0), failed: results.reduce((n, r) => n + r.failed, 0) };
  }

  window(id: number): void {
    this.send({ type: 'window', id });
  }

  answers(answers: Answer[]): void {
    if (answers.length) this.send({ type: 'answers', answers });
  }

  /** Every process's figures, summed (histograms merged). */
  async stats(): Promise<PoolStats> {
    const all = await Promise.all(
      this.children.map((child) => {
        const answer = reply(child, 'stats');
        this.send({ type: 'stats' }, child);
        return answer.then((m) => m.stats);
      }),
    );
    const histogram = new LatencyHistogram();
    const closeCodes: Record<string, number> = {};
    for (const s of all) {
      histogram.merge(s.histogram);
      for (const [k, v] of Object.entries(s.closeCodes)) closeCodes[k] = (closeCodes[k] ?? 0) + v;
    }
    const sum = (f: 'sockets' | 'open' | 'ready' | 'delivered' | 'windowDelivered' | 'unmatched' | 'closed') => all.reduce((n, s) => n + s[f], 0);
    return {
      sockets: sum('sockets'),
      open: sum('open'),
      ready: sum('ready'),
      delivered: sum('delivered'),
      windowDelivered: sum('windowDelivered'),
      unmatched: sum('unmatched'),
      closed: sum('closed'),
      closeCodes,
      errors: all.flatMap((s) => s.errors),
      histogram: histogram.toJSON(),
      events: all.flatMap((s) => s.events),
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            this.send({ type: 'close' }, child);
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
  }
}
