import { describe, expect, it } from 'vitest';
import { Sink } from '../../src/realtime/sink.js';

const result = (n: number) => ({ data: { n } });

/** A subscriber's outbox, on its own: the bound that protects the server from a client that does not read. */
describe('a subscriber outbox (Sink)', () => {
  it('holds at most its limit for a client that does not read, then ends once and asks for the client to be closed', async () => {
    let overflows = 0;
    let ended = 0;
    const sink = new Sink(
      2,
      () => overflows++,
      () => ended++,
    );
    for (let id = 1; id <= 5; id++) sink.push(id, result(id));
    expect(overflows).toBe(1);
    expect(ended).toBe(1);
    expect(sink.closed).toBe(true);
    // What was queued before the limit is still read, then the stream ends.
    expect(await sink.next()).toEqual({ value: result(1), done: false });
    expect(await sink.next()).toEqual({ value: result(2), done: false });
    expect(await sink.next()).toEqual({ value: undefined, done: true });
  });

  it('while replaying, holds live results and sends each event once, in id order', async () => {
    const sink = new Sink(
      10,
      () => undefined,
      () => undefined,
      { replaying: true, after: 3 },
    );
    sink.push(5, result(5)); // live, held
    sink.push(4, result(4), true); // replayed
    sink.push(5, result(5), true); // replayed: the same event as the held one
    sink.push(6, result(6)); // live, held
    sink.replayed();
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await sink.next()).value);
    expect(got).toEqual([result(4), result(5), result(6)]);
    sink.push(6, result(6));
    sink.push(2, result(2));
    await sink.return();
    expect(await sink.next()).toEqual({ value: undefined, done: true });
  });
});
