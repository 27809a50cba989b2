import { Migration } from '@mikro-orm/migrations';

// Months are UTC months: bounds computed on `timestamp without time zone` values taken "at time
// zone 'UTC'", so that no session time zone (or its daylight saving) can shift a month's edge.
const MONTH_PARTITIONS_FOR_ROWS_AND_AHEAD = `do $$
declare m timestamp;
begin
  for m in
    select distinct date_trunc('month', "timestamp" at time zone 'UTC') from "blog_views_unpartitioned"
    union
    select date_trunc('month', now() at time zone 'UTC') + make_interval(months => k) from generate_series(0, 3) k
  loop
    execute format('create table %I partition of "blog_views" for values from (%L) to (%L)',
      'blog_views_' || to_char(m, 'YYYY_MM'), m at time zone 'UTC', (m + interval '1 month') at time zone 'UTC');
  end loop;
end $$;`;

/**
 * PostgreSQL: page views, the one table that grows without bound, become range-partitioned by
 * month (docs/operations.md, "Partitioned page views"): a partition per month that has rows and for this month
 * and the next three, and a default partition for anything else; `npm run db:maintain` and the
 * service's start-up add months ahead. Every row is kept, with its id; the id sequence carries on.
 * The primary key becomes (id, timestamp): PostgreSQL requires the partition key in it. The entity
 * keeps id as its identity, and MikroORM's schema diff leaves this table alone (skipTables).
 * SQLite keeps one table and has no such migration.
 */
export class Migration20261122094137_partition_blog_views extends Migration {

  override name = 'Migration20261122094137_partition_blog_views';

  override up(): void | Promise<void> {
    this.addSql(`alter table "blog_views" rename to "blog_views_unpartitioned";`);
    this.addSql(`alter table "blog_views_unpartitioned" rename constraint "pk_blog_views" to "pk_blog_views_unpartitioned";`);
    for (const column of ['article_id', 'session_id', 'timestamp']) {
      this.addSql(`alter index "ix_blog_views_${column}" rename to "ix_blog_views_unpartitioned_${column}";`);
    }
    this.addSql(`create table "blog_views" ("id" int not null default nextval('blog_views_id_seq'), "article_id" int not null, "session_id" uuid not null, "timestamp" timestamptz not null, constraint "pk_blog_views" primary key ("id", "timestamp")) partition by range ("timestamp");`);
    // Before the old table goes: a sequence owned by its column would go with it.
    this.addSql(`alter sequence "blog_views_id_seq" owned by "blog_views"."id";`);
    this.addSql(`create table "blog_views_default" partition of "blog_views" default;`);
    this.addSql(MONTH_PARTITIONS_FOR_ROWS_AND_AHEAD);
    this.addSql(`insert into "blog_views" ("id", "article_id", "session_id", "timestamp") select "id", "article_id", "session_id", "timestamp" from "blog_views_unpartitioned";`);
    this.addSql(`drop table "blog_views_unpartitioned";`);
    // On the parent: every partition, present and future, gets them.
    this.addSql(`create index "ix_blog_views_article_id" on "blog_views" ("article_id");`);
    this.addSql(`create index "ix_blog_views_session_id" on "blog_views" ("session_id");`);
    this.addSql(`create index "ix_blog_views_timestamp" on "blog_views" ("timestamp");`);
    this.addSql(`alter table "blog_views" add constraint "fk_blog_views_article_id_blog_articles" foreign key ("article_id") references "blog_articles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "blog_views" add constraint "fk_blog_views_session_id_blog_sessions" foreign key ("session_id") references "blog_sessions" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create table "blog_views_plain" ("id" int not null default nextval('blog_views_id_seq'), "article_id" int not null, "session_id" uuid not null, "timestamp" timestamptz not null, constraint "pk_blog_views_plain" primary key ("id"));`);
    this.addSql(`alter sequence "blog_views_id_seq" owned by "blog_views_plain"."id";`);
    this.addSql(`insert into "blog_views_plain" ("id", "article_id", "session_id", "timestamp") select "id", "article_id", "session_id", "timestamp" from "blog_views";`);
    // Drops every partition with it.
    this.addSql(`drop table "blog_views";`);
    this.addSql(`alter table "blog_views_plain" rename to "blog_views";`);
    this.addSql(`alter table "blog_views" rename constraint "pk_blog_views_plain" to "pk_blog_views";`);
    this.addSql(`create index "ix_blog_views_article_id" on "blog_views" ("article_id");`);
    this.addSql(`create index "ix_blog_views_session_id" on "blog_views" ("session_id");`);
    this.addSql(`create index "ix_blog_views_timestamp" on "blog_views" ("timestamp");`);
    this.addSql(`alter table "blog_views" add constraint "fk_blog_views_article_id_blog_articles" foreign key ("article_id") references "blog_articles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "blog_views" add constraint "fk_blog_views_session_id_blog_sessions" foreign key ("session_id") references "blog_sessions" ("id") on update cascade on delete cascade;`);
  }

}
