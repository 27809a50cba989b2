// The CPU of building WebSocket frames for a fan-out (src/seams/ws.ts textFrames), per delivery:
// each subscriber's `next` message as one string joined and encoded per socket (before 2026-12-08),
// against the shared payload encoded once and copied between the subscription's head and tail.
// 1,000 sockets, 3 frames each per window, a 557-byte payload. Usage: npx tsx scripts/bench-realtime/frames.ts [rounds]
import { textFrames } from '../../src/seams/ws.js';

const payload = JSON.stringify({
  data: {
    orderPlaced: {
      id: 'T3JkZXI6MTIzNDU=',
      timestamp: '2026-12-08T01:02:03.456Z',
      customer: { name: 'Kathryn Müller' },
      items: Array.from({ length: 4 }, (_, i) => ({ quantity: i + 1, unitPrice: '129.99', product: { name: `Commodore ${i}`, manufacturer: { name: 'Commodore' } } })),
    },
  },
});
const SOCKETS = 1000;
const PER_WINDOW = 3;
const rounds = Number(process.argv[2] ?? 200);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npx tsx scripts/bench-realtime/frames.ts [rounds, a positive integer]');
  process.exit(2);
}
const heads = Array.from({ length: SOCKETS }, (_, i) => `{"id":"${i}","type":"next","payload":`);
const headBytes = heads.map((head) => Buffer.from(head));
const tail = Buffer.from('}');

function joined(): number {
  let bytes = 0;
  for (let s = 0; s < SOCKETS; s++) {
    const list: string[] = [];
    for (let k = 0; k < PER_WINDOW; k++) list.push(`${heads[s]}${payload}}`);
    bytes += textFrames(list).length;
  }
  return bytes;
}

function pieces(): number {
  const shared = Buffer.from(payload);
  let bytes = 0;
  for (let s = 0; s < SOCKETS; s++) {
    const list: Buffer[][] = [];
    for (let k = 0; k < PER_WINDOW; k++) list.push([headBytes[s]!, shared, tail]);
    bytes += textFrames(list).length;
  }
  return bytes;
}

console.log(`payload ${Buffer.byteLength(payload)} bytes, ${SOCKETS} sockets × ${PER_WINDOW} frames, ${rounds} rounds`);
for (const [name, build] of [
  ['joined', joined],
  ['pieces', pieces],
  ['joined', joined],
  ['pieces', pieces],
] as const) {
  for (let i = 0; i < 20; i++) build();
  const start = process.cpuUsage();
  for (let i = 0; i < rounds; i++) build();
  const used = process.cpuUsage(start);
  console.log(`${name.padEnd(7)} ${((used.user + used.system) / (rounds * SOCKETS * PER_WINDOW)).toFixed(3)} µs CPU per delivery`);
}
