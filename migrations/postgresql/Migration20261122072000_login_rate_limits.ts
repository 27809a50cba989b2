import { Migration } from '@mikro-orm/migrations';

/**
 * The login rate limits' shared store on PostgreSQL (rate-limiter-flexible's RateLimiterPostgres,
 * its own table layout), so that every instance on one database counts the same attempts. Not an
 * entity: the ORM never reads it, and schemaGenerator.skipTables keeps it out of schema diffs.
 * SQLite keeps the counts in memory and has no such table.
 */
export class Migration20261122072000_login_rate_limits extends Migration {

  override name = 'Migration20261122072000_login_rate_limits';

  override up(): void | Promise<void> {
    this.addSql(`create table "rate_limits" ("key" varchar(255) not null, "points" integer not null default 0, "expire" bigint null, constraint "pk_rate_limits" primary key ("key"));`);
    this.addSql(`create index "ix_rate_limits_expire" on "rate_limits" ("expire");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limits";`);
  }

}
