import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventLog, Matcher } from '../../scripts/bench-realtime/matcher.js';
import { SubscriberPool } from '../../scripts/bench-realtime/subscribers.js';
import { drive, reach, specs, type Workload } from '../../scripts/bench-realtime/workload.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { eventsAfter, lastEventId } from '../../src/modules/live/events.js';
import { Customer } from '../../src/modules/sales/customer.entity.js';
import { startAsEditor } from '../support/auth.js';
import type { TestApp } from '../support/app.js';

const globalId = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString('base64url');

// npm run bench:realtime's generator and timing, against a test service: what the benchmark
// counts is what was delivered, each delivery matched to its event.
describe('bench:realtime generator', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  let w: Workload;

  beforeAll(async () => {
    ({ t, editor } = await startAsEditor());
    const em = t.app.orm.em.fork();
    const products = await em.find(Product, {}, { orderBy: { id: 'asc' }, limit: 2 });
    const [customer] = await em.find(Customer, {}, { limit: 1 });
    // Every 3rd event a review of the second product; two subscribers on productChanged, one on its reviews.
    w = { products: [globalId('Product', products[0]!.id)], reviewed: [globalId('Product', products[1]!.id)], customers: [globalId('Customer', customer!.id)], reviewEvery: 3, shared: 2 / 3 };
  });
  afterAll(() => t.close());

  it('delivers 3 events to 3 subscribers and times every delivery, matched by its cursor, from its mutation’s answer', async () => {
    const pool = new SubscriberPool();
    const subscribers = specs(w, 3);
    expect(await pool.open(t.app.url, subscribers)).toEqual({ acked: 3, failed: 0 });
    // The protocol does not acknowledge a subscription: it is registered once events reach it.
    let first = 1;
    for (let round = 0; round < 20 && pool.stats().ready < 3; round++) {
      first = (await drive(t.app.url, editor, w, { rate: 50, seconds: 3 / 50, first }, () => undefined)).next;
      await new Promise((r) => setTimeout(r, 50));
    }
    // The log read through the service's own ORM, whichever the database.
    const log: EventLog = { newest: () => lastEventId(t.app.orm.em.fork()), after: (id) => eventsAfter(t.app.orm.em.fork(), id, { limit: 1_000 }), close: async () => undefined };
    const matcher = await Matcher.start(log, (answer) => pool.answered([answer]));
    pool.window(matcher.before + 1);
    const expected = [0, 1, 2].reduce((n, k) => n + reach(w, subscribers, first + k), 0);
    expect(expected).toBe(5); // two product events × 2 subscribers + one review × 1
    const run = await drive(t.app.url, editor, w, { rate: 50, seconds: 3 / 50, first }, (_answer, subject) => matcher.add(subject));
    await matcher.stop();
    expect(run).toMatchObject({ failed: 0, next: first + 3 });
    for (let i = 0; i < 50 && pool.stats().windowDelivered < expected; i++) await new Promise((r) => setTimeout(r, 20));
    const stats = pool.stats();
    await pool.close();
    expect(stats).toMatchObject({ windowDelivered: 5, unmatched: 0, ready: 3 });
    expect(stats.histogram.count).toBe(5);
    expect(stats.histogram.sum).toBeGreaterThan(0);
  });
});
