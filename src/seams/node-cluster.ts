/**
 * node:cluster seams: the only file that relies on node:cluster's internals. Checked on Node 26.10
 * (the runtime npm ci installs); contract tests: test/seams/node-cluster.test.ts (the message shapes
 * and the patchable `send`) and test/cluster.test.ts ("closes a connection handed to a worker
 * killed before it took it").
 *
 * 1. In round-robin mode the primary hands a connection to a worker through the worker's
 *    ChildProcess `send`, as `{ cmd: 'NODE_CLUSTER', act: 'newconn', seq }` with the socket handle,
 *    and closes its own copy only when the worker answers with an 'internalMessage'
 *    `{ cmd: 'NODE_CLUSTER', ack: seq, accepted }` (lib/internal/cluster/round_robin_handle.js).
 * 2. `worker.process.send` is an own, writable property looked up at each hand-off, so wrapping it
 *    sees every handle sent. node:cluster has no public event for a hand-off.
 */
import type { Worker } from 'node:cluster';

/** A handle the primary holds: the accepted connection it is handing to a worker. */
interface Closable {
  close(): void;
}

/** node:cluster's hand-off message to a worker: `{ cmd: 'NODE_CLUSTER', act: 'newconn', seq }`. */
function handoffSeq(message: unknown): number | undefined {
  const m = message as { cmd?: unknown; act?: unknown; seq?: unknown } | null;
  return m?.cmd === 'NODE_CLUSTER' && m.act === 'newconn' && typeof m.seq === 'number' ? m.seq : undefined;
}

/** A worker's answer to a hand-off: `{ cmd: 'NODE_CLUSTER', ack: seq, accepted }`. */
function answeredSeq(message: unknown): number | undefined {
  const m = message as { cmd?: unknown; ack?: unknown } | null;
  return m?.cmd === 'NODE_CLUSTER' && typeof m.ack === 'number' ? m.ack : undefined;
}

/**
 * Round-robin: the primary accepts a connection, sends its handle to a worker
 * (`{ cmd: 'NODE_CLUSTER', act: 'newconn', seq }` through the worker's ChildProcess `send`) and
 * closes its own copy only when the worker answers (`{ ack: seq }`, an 'internalMessage'):
 * lib/internal/cluster/round_robin_handle.js. A worker killed before it answers never does, so
 * the primary keeps that socket open for ever and its client waits for its own timeout.
 *
 * This notes every handle sent to the worker until its answer, and closes the unanswered ones
 * when the worker is gone: their clients see the connection end at once. None of them was
 * served: a worker answers before it reads a byte of the connection, so a client may retry.
 */
export function trackHandoffs(worker: Worker): { closeUnanswered(): number } {
  const proc = worker.process;
  const unanswered = new Map<number, Closable>();
  const send = proc.send.bind(proc) as (...args: unknown[]) => boolean;
  proc.send = ((...args: unknown[]) => {
    const seq = handoffSeq(args[0]);
    const handle = args[1] as Partial<Closable> | undefined;
    if (seq !== undefined && typeof handle?.close === 'function') unanswered.set(seq, handle as Closable);
    return send(...args);
  }) as typeof proc.send;
  proc.on('internalMessage', (message: unknown) => {
    const seq = answeredSeq(message);
    if (seq !== undefined) unanswered.delete(seq);
  });
  return {
    closeUnanswered() {
      const count = unanswered.size;
      for (const handle of unanswered.values()) handle.close();
      unanswered.clear();
      return count;
    },
  };
}
