import type { EntityManager } from '@mikro-orm/sql';
import { dialectOf } from '../../db/dialect.js';
import { LiveEvent } from './live-event.entity.js';

/** The channel a committed event's id is notified on (PostgreSQL). */
export const LIVE_CHANNEL = 'retrofun_live';

/** What a subscription announces. */
export type LiveTopic = 'order' | 'review' | 'product';

/** An event as subscribers see it: what changed, and the id that orders it (its cursor). */
export interface LiveEventRow {
  readonly id: number;
  readonly topic: LiveTopic;
  readonly subjectId: string;
  readonly otherId: string | null;
  readonly createdAt: Date;
}

/** How far back a subscription may resume: events older than this are deleted, and a cursor older than the oldest kept is refused. */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** At most this many missed events are replayed to one subscription; a cursor further behind is refused. */
export const MAX_REPLAY = 1_000;

// pg_advisory_xact_lock key of the event log: one writer of events at a time, from its event's
// insert to its commit, so that ids commit in increasing order and "after id N" never skips a
// later commit of a smaller id. Held for the end of the transaction only (announce() is the last
// statement of the writes that call it).
const LOG_LOCK = 7_260_420_001;

/**
 * Records a committed change for subscribers, inside the writing transaction: nothing is announced
 * for a write that rolls back. On PostgreSQL one statement takes the log's lock, inserts the row and
 * notifies its id (delivered at commit, to every process of every host); on SQLite (one writer at a
 * time already) it inserts the row, and the process tells its siblings after commit (feed.ts).
 * created_at is when the event is announced, the writing transaction's last statement (not when
 * that transaction began): what the replay window and bench:realtime's latencies count from.
 */
export async function announce(tx: EntityManager, topic: LiveTopic, subjectId: string | number, otherId: string | null = null): Promise<void> {
  if (dialectOf(tx) === 'postgresql') {
    await tx.execute(
      `with turn as (select pg_advisory_xact_lock(${LOG_LOCK})),
        event as (insert into live_events (topic, subject_id, other_id, created_at) select ?, ?, ?, clock_timestamp() from turn returning id)
        select pg_notify('${LIVE_CHANNEL}', id::text) from event`,
      [topic, String(subjectId), otherId],
    );
    return;
  }
  await tx.insert(LiveEvent, { topic, subjectId: String(subjectId), otherId, createdAt: new Date() });
}

function toRow(event: LiveEvent): LiveEventRow {
  return { id: Number(event.id), topic: event.topic as LiveTopic, subjectId: event.subjectId, otherId: event.otherId, createdAt: event.createdAt };
}

/** Events committed after `after`, oldest first, from the primary (a replica may not have them yet). */
export async function eventsAfter(em: EntityManager, after: number, options: { limit: number; topic?: LiveTopic; subjectId?: string; otherId?: string }): Promise<LiveEventRow[]> {
  const where = {
    id: { $gt: after },
    ...(options.topic && { topic: options.topic }),
    ...(options.subjectId !== undefined && { subjectId: options.subjectId }),
    ...(options.otherId !== undefined && { otherId: options.otherId }),
  };
  const events = await em.find(LiveEvent, where, { orderBy: { id: 'asc' }, limit: options.limit, connectionType: 'write', disableIdentityMap: true });
  return events.map(toRow);
}

/** The event a cursor names, if it is still kept (younger than the replay window). */
export async function eventById(em: EntityManager, id: number): Promise<LiveEventRow | null> {
  const event = await em.findOne(LiveEvent, { id }, { connectionType: 'write', disableIdentityMap: true });
  return event ? toRow(event) : null;
}

/** The newest event's id (0 when none): where a process's feed starts. */
export async function lastEventId(em: EntityManager): Promise<number> {
  const [newest] = await em.find(LiveEvent, {}, { orderBy: { id: 'desc' }, limit: 1, fields: ['id'], connectionType: 'write', disableIdentityMap: true });
  return newest ? Number(newest.id) : 0;
}

/** Deletes the events older than the replay window; any process may run it, it is idempotent. */
export async function pruneEvents(em: EntityManager, now = Date.now()): Promise<number> {
  return em.nativeDelete(LiveEvent, { createdAt: { $lt: new Date(now - REPLAY_WINDOW_MS) } });
}
