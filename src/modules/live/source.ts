import { badInput } from '../../errors.js';
import type { LiveEventRow, LiveTopic } from './events.js';

/** Which events a subscription follows: a topic, optionally one subject or one other key. */
export interface LiveFilter {
  readonly topic: LiveTopic;
  readonly subjectId?: string;
  readonly otherId?: string;
}

export function matches(filter: LiveFilter, event: LiveEventRow): boolean {
  return event.topic === filter.topic && (filter.subjectId === undefined || event.subjectId === filter.subjectId) && (filter.otherId === undefined || event.otherId === filter.otherId);
}

/**
 * What a subscription field's `subscribe` returns: which events it follows and where it resumes.
 * The live transports (src/realtime/) read it to share one execution per event among every
 * subscriber of the same selection; it is not iterated itself.
 */
export class LiveSource implements AsyncIterable<LiveEventRow> {
  constructor(
    readonly filter: LiveFilter,
    /** The id of the last event the client saw (its cursor), or undefined to start now. */
    readonly after: number | undefined,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<LiveEventRow> {
    throw new Error('a LiveSource is served by the live transports (src/realtime/), not iterated');
  }
}

const PREFIX = 'event:';

/** An event's cursor: opaque to clients (base64url of `event:<id>`). */
export function eventCursor(id: number): string {
  return Buffer.from(`${PREFIX}${id}`).toString('base64url');
}

export function decodeEventCursor(cursor: string, argument = 'after'): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 0 || eventCursor(id) !== cursor)
    throw badInput(argument, `Argument "${argument}" is not a cursor of a live event: pass the cursor of the last event received (extensions.cursor)`);
  return id;
}
