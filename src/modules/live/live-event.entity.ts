import { DateTimeType, type Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One committed change that subscriptions announce (src/modules/live/events.ts): the log that
 * clients resume from. Ids grow in commit order (writers take one lock to write a row, held until
 * commit), so "every event after id N" is exactly what a subscriber that saw N missed. Rows older
 * than the replay window (24 hours) are deleted.
 */
@Entity({ tableName: 'live_events' })
@Index({ name: 'ix_live_events_topic_id', properties: ['topic', 'id'] })
export class LiveEvent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** What changed: 'order' (placed), 'review' (written), 'product' (updated or duplicated). */
  @Property({ type: 'string', length: 16 })
  topic!: string;

  /** The changed object's key, as text: the order's (a UUID), the review's product's, the product's. */
  @Property({ type: 'string', length: 36 })
  subjectId!: string;

  /** A second key subscribers filter on, as text: the order's customer, the review's customer. */
  @Property({ type: 'string', length: 36, nullable: true })
  otherId: string | null = null;

  @Property({ type: DateTimeType, index: true })
  createdAt: Opt<Date> = new Date();
}
