import cluster from 'node:cluster';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trackHandoffs } from '../../src/seams/node-cluster.js';

const CHECKED = 'Node 26.10';
const contract = (assumption: string) => `node:cluster seam (src/seams/node-cluster.ts), checked on ${CHECKED}, running ${process.version}: ${assumption}`;

// A worker that serves one TCP port through the primary's round-robin and says which.
const WORKER = `
import net from 'node:net';
const server = net.createServer((socket) => socket.end('hi'));
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

describe('node:cluster contract (round-robin hand-off)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seam-cluster-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('1-2. the primary hands a connection over send({ cmd: NODE_CLUSTER, act: newconn, seq }, handle), through an own writable send; the worker acks seq in an internalMessage', async () => {
    expect(cluster.schedulingPolicy, contract('round-robin is the scheduling policy on this platform')).toBe(cluster.SCHED_RR);
    const script = path.join(dir, 'worker.mjs');
    writeFileSync(script, WORKER);
    cluster.setupPrimary({ exec: script, silent: true });
    const worker = cluster.fork();
    try {
      const send = Object.getOwnPropertyDescriptor(worker.process, 'send');
      expect(send?.writable && typeof send.value === 'function', contract('worker.process.send is an own, writable function (trackHandoffs wraps it)')).toBe(true);
      const sent: unknown[][] = [];
      const original = worker.process.send.bind(worker.process) as (...args: unknown[]) => boolean;
      worker.process.send = ((...args: unknown[]) => {
        sent.push(args);
        return original(...args);
      }) as typeof worker.process.send;
      const handoffs = trackHandoffs(worker);
      const acks: unknown[] = [];
      worker.process.on('internalMessage', (m: unknown) => acks.push(m));

      const port = await new Promise<number>((resolve) => worker.on('message', (m: { port: number }) => resolve(m.port)));
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        let text = '';
        socket.on('data', (c: Buffer) => (text += c.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(reply).toBe('hi');

      const handoff = sent.find(([m]) => (m as { act?: unknown } | null)?.act === 'newconn');
      expect(handoff?.[0], contract("the hand-off message is { cmd: 'NODE_CLUSTER', act: 'newconn', seq }")).toMatchObject({ cmd: 'NODE_CLUSTER', act: 'newconn', seq: expect.any(Number) });
      expect(typeof (handoff?.[1] as { close?: unknown } | undefined)?.close, contract('the handle sent with it can be closed')).toBe('function');
      const seq = (handoff![0] as { seq: number }).seq;
      expect(acks, contract("the worker answers with an internalMessage { cmd: 'NODE_CLUSTER', ack: seq }")).toContainEqual(expect.objectContaining({ cmd: 'NODE_CLUSTER', ack: seq }));
      expect(handoffs.closeUnanswered(), contract('an answered hand-off is no longer held by trackHandoffs')).toBe(0);
    } finally {
      worker.kill();
      await new Promise((resolve) => (worker.isDead() ? resolve(undefined) : worker.once('exit', resolve)));
    }
  });
});
