import { Migration } from '@mikro-orm/migrations';

export class Migration20261207141820_live_events extends Migration {

  override name = 'Migration20261207141820_live_events';

  override up(): void | Promise<void> {
    this.addSql(`create table "live_events" ("id" serial, "topic" varchar(16) not null, "subject_id" varchar(36) not null, "other_id" varchar(36) null, "created_at" timestamptz not null, constraint "pk_live_events" primary key ("id"));`);
    this.addSql(`create index "ix_live_events_created_at" on "live_events" ("created_at");`);
    this.addSql(`create index "ix_live_events_topic_id" on "live_events" ("topic", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "live_events" cascade;`);
  }

}
