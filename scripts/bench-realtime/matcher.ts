import pg from 'pg';
import type { Answer } from './protocol.js';

/** A committed event as the log keeps it (live_events). */
export interface EventRow {
  id: number;
  topic: string;
  subjectId: string;
  otherId: string | null;
  /** When the event was announced, moments before its commit (live_events.created_at). */
  createdAt: Date;
  /** The same in milliseconds since the epoch, to the microsecond where the log has it. */
  at?: number;
}

/** Where the matcher reads the event log: the newest id, and the events after one, oldest first. */
export interface EventLog {
  newest(): Promise<number>;
  after(id: number): Promise<EventRow[]>;
  close(): Promise<void>;
}

/** The log of a PostgreSQL database, read directly. */
export async function postgresLog(url: string): Promise<EventLog> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  return {
    newest: async () => Number((await db.query<{ id: string | null }>('select max(id) as id from live_events')).rows[0]!.id ?? 0),
    after: async (id) =>
      (
        await db.query<{ id: string; topic: string; subject_id: string; other_id: string | null; at: number }>(
          'select id, topic, subject_id, other_id, extract(epoch from created_at)::float8 * 1000 as at from live_events where id > $1 order by id',
          [id],
        )
      ).rows.map((r) => ({ id: Number(r.id), topic: r.topic, subjectId: r.subject_id, otherId: r.other_id, createdAt: new Date(r.at), at: r.at })),
    close: () => db.end(),
  };
}

/** The subject a write's event is counted under: what orders its events. */
export const subjectOf = (row: Pick<EventRow, 'topic' | 'subjectId' | 'otherId'>): string => (row.topic === 'review' ? `review:${row.subjectId}:${row.otherId}` : `${row.topic}:${row.subjectId}`);

/**
 * Names each committed event of the benchmark's writes (live_events.id, what a delivery's
 * `extensions.cursor` carries) with the moment it was announced (its created_at, set by the
 * announcing statement, the last before the commit, on the machine's wall clock): not the moment
 * the mutation's answer reached this process, which is late by however long this process's event
 * loop waited, on a machine whose cores the benchmark keeps busy. A delivery's payload is read when it is executed, so under a
 * backlog it shows the object as it is then (a later price): only the cursor names the event
 * exactly. Mutations of one subject (product; product and customer for a review) are hundreds of
 * milliseconds apart and commit in the order sent, so the n-th answered write of a subject is its
 * n-th event in id order.
 */
export class Matcher {
  /** Per subject, writes answered and not yet matched to an event. */
  private readonly answered = new Map<string, number>();
  /** Per subject, committed events (id, when announced) not yet matched to a write. */
  private readonly rows = new Map<string, Answer[]>();
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();
  /** The id of the newest event committed before this matcher started: the phase's events come after it. */
  readonly before: number;

  private constructor(
    private readonly log: EventLog,
    private after: number,
    private readonly out: (answer: Answer) => void,
  ) {
    this.before = after;
  }

  /** Starts after the newest event committed so far; `out` hears each matched event id and when it was announced. */
  static async start(log: EventLog, out: (answer: Answer) => void): Promise<Matcher> {
    const matcher = new Matcher(log, await log.newest(), out);
    matcher.timer = setInterval(() => void matcher.read(), 100);
    return matcher;
  }

  /** A write of `subject` answered. */
  add(subject: string): void {
    this.answered.set(subject, (this.answered.get(subject) ?? 0) + 1);
    this.pair(subject);
  }

  /** Reads what committed since, one last time, and stops. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reading;
    await this.read();
  }

  private read(): Promise<void> {
    this.reading = this.reading.then(async () => {
      for (const row of await this.log.after(this.after)) {
        this.after = row.id;
        const subject = subjectOf(row);
        const event: Answer = [row.id, row.at ?? row.createdAt.getTime()];
        const list = this.rows.get(subject);
        if (list) list.push(event);
        else this.rows.set(subject, [event]);
        this.pair(subject);
      }
    });
    return this.reading;
  }

  private pair(subject: string): void {
    const events = this.rows.get(subject);
    let writes = this.answered.get(subject) ?? 0;
    for (; writes > 0 && events?.length; writes--) this.out(events.shift()!);
    this.answered.set(subject, writes);
  }
}
