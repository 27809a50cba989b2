import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListener } from '../../src/app/live.js';
import type { Listener } from '../../src/db/listener.js';
import { LIVE_CHANNEL, type LiveEventRow } from '../../src/modules/live/events.js';
import { LiveFeed } from '../../src/realtime/feed.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/live.js';

const postgres = process.env.TEST_DB === 'postgresql';

/**
 * A process's feed starts where the log ends. Bootstrap starts the listening session before the
 * feed, and the session going live asks the feed to read: a read then, before the feed knew where
 * the log ends, read the whole log from the first event (every event of the last 24 hours, at each
 * start) and handed old events to the first subscribers.
 */
describe.runIf(postgres)('the live feed at start (PostgreSQL)', () => {
  let t: TestApp;
  let admin: pg.Client;
  let listener: Listener | undefined;
  let feed: LiveFeed | undefined;
  beforeAll(async () => {
    t = await startTestApp();
    admin = new pg.Client({ connectionString: t.db.config.url });
    await admin.connect();
  });
  afterAll(async () => {
    await feed?.stop();
    await listener?.stop();
    await admin?.end();
    await t?.close();
  });

  it('reads nothing committed before it started, and every event committed after', async () => {
    // A log of 1,200 events: more than two reads' worth (500 each).
    await admin.query(`insert into live_events (topic, subject_id, created_at) select 'product', g::text, now() from generate_series(1, 1200) g`);
    const { rows } = await admin.query<{ max: number }>('select max(id)::int as max from live_events');
    const logger = pino({ level: 'silent' });
    listener = createListener(t.app.orm, t.config, logger);
    feed = new LiveFeed({ orm: t.app.orm, logger, listener });
    const received: LiveEventRow[] = [];
    await listener.start(); // as bootstrap does: the session is live, and has asked the feed to read, before the feed starts
    await feed.start();
    feed.subscribe((event) => received.push(event));
    expect(feed.position).toBe(rows[0]!.max);
    // Anything the start asked for has been read by now (the reads are one at a time).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual([]);
    expect(feed.position).toBe(rows[0]!.max);

    const next = await admin.query<{ id: number }>(`insert into live_events (topic, subject_id, created_at) values ('product', 'x', now()) returning id`);
    await admin.query('select pg_notify($1, $2)', [LIVE_CHANNEL, String(next.rows[0]!.id)]);
    await until(() => received.length > 0, 'the event committed after the start');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.map((e) => e.id)).toEqual([next.rows[0]!.id]);
  });
});
