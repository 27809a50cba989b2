import { Migration } from '@mikro-orm/migrations';

/**
 * PostgreSQL: a version per table that public answers read (src/db/table-versions.ts), bumped at
 * every insert, update, delete or truncate statement by a statement-level trigger, whoever writes
 * (this service on any host, `npm run user`, an operator's SQL), and notified on the channel
 * `retrofun_tables` as `<table>:<version>` at commit (never for a rollback). The bump's row lock
 * orders the writers of one table, so each table's versions commit in increasing order. Tables
 * only signed-in users read (orders, views, sessions) and the event log are not versioned: their
 * writes are hot and no public answer is cached from them. Not an entity: MikroORM skips the table
 * (schemaGenerator.skipTables) and leaves triggers and routines alone. Versions start at random, so
 * that a table re-created by migrating down and up never repeats a version (an ETag) clients hold.
 */
export class Migration20261207150000_table_versions extends Migration {

  override name = 'Migration20261207150000_table_versions';

  override up(): void | Promise<void> {
    this.addSql(`create table "table_versions" ("name" varchar(63) not null, "version" bigint not null default 0, constraint "pk_table_versions" primary key ("name"));`);
    this.addSql(`insert into "table_versions" ("name", "version") values ('products', floor(random() * 1e15)::bigint), ('products_countries', floor(random() * 1e15)::bigint), ('countries', floor(random() * 1e15)::bigint), ('manufacturers', floor(random() * 1e15)::bigint), ('customers', floor(random() * 1e15)::bigint), ('products_reviews', floor(random() * 1e15)::bigint), ('users', floor(random() * 1e15)::bigint), ('pages', floor(random() * 1e15)::bigint), ('users_follows', floor(random() * 1e15)::bigint), ('blog_authors', floor(random() * 1e15)::bigint), ('languages', floor(random() * 1e15)::bigint), ('blog_articles', floor(random() * 1e15)::bigint), ('employees', floor(random() * 1e15)::bigint), ('engineers', floor(random() * 1e15)::bigint), ('managers', floor(random() * 1e15)::bigint), ('engineers_products', floor(random() * 1e15)::bigint);`);
    this.addSql(`create function "retrofun_table_changed"() returns trigger language plpgsql as $$
declare
  bumped bigint;
begin
  update "table_versions" set "version" = "version" + 1 where "name" = tg_table_name returning "version" into bumped;
  perform pg_notify('retrofun_tables', tg_table_name || ':' || bumped);
  return null;
end $$;`);
    this.addSql(`create trigger "products_version" after insert or update or delete or truncate on "products" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "products_countries_version" after insert or update or delete or truncate on "products_countries" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "countries_version" after insert or update or delete or truncate on "countries" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "manufacturers_version" after insert or update or delete or truncate on "manufacturers" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "customers_version" after insert or update or delete or truncate on "customers" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "products_reviews_version" after insert or update or delete or truncate on "products_reviews" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "users_version" after insert or update or delete or truncate on "users" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "pages_version" after insert or update or delete or truncate on "pages" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "users_follows_version" after insert or update or delete or truncate on "users_follows" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "blog_authors_version" after insert or update or delete or truncate on "blog_authors" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "languages_version" after insert or update or delete or truncate on "languages" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "blog_articles_version" after insert or update or delete or truncate on "blog_articles" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "employees_version" after insert or update or delete or truncate on "employees" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "engineers_version" after insert or update or delete or truncate on "engineers" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "managers_version" after insert or update or delete or truncate on "managers" for each statement execute function "retrofun_table_changed"();`);
    this.addSql(`create trigger "engineers_products_version" after insert or update or delete or truncate on "engineers_products" for each statement execute function "retrofun_table_changed"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "products_version" on "products";`);
    this.addSql(`drop trigger if exists "products_countries_version" on "products_countries";`);
    this.addSql(`drop trigger if exists "countries_version" on "countries";`);
    this.addSql(`drop trigger if exists "manufacturers_version" on "manufacturers";`);
    this.addSql(`drop trigger if exists "customers_version" on "customers";`);
    this.addSql(`drop trigger if exists "products_reviews_version" on "products_reviews";`);
    this.addSql(`drop trigger if exists "users_version" on "users";`);
    this.addSql(`drop trigger if exists "pages_version" on "pages";`);
    this.addSql(`drop trigger if exists "users_follows_version" on "users_follows";`);
    this.addSql(`drop trigger if exists "blog_authors_version" on "blog_authors";`);
    this.addSql(`drop trigger if exists "languages_version" on "languages";`);
    this.addSql(`drop trigger if exists "blog_articles_version" on "blog_articles";`);
    this.addSql(`drop trigger if exists "employees_version" on "employees";`);
    this.addSql(`drop trigger if exists "engineers_version" on "engineers";`);
    this.addSql(`drop trigger if exists "managers_version" on "managers";`);
    this.addSql(`drop trigger if exists "engineers_products_version" on "engineers_products";`);
    this.addSql(`drop function if exists "retrofun_table_changed"();`);
    this.addSql(`drop table if exists "table_versions";`);
  }

}
