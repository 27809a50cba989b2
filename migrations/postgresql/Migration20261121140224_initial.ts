import { Migration } from '@mikro-orm/migrations';

export class Migration20261121140224_initial extends Migration {

  override name = 'Migration20261121140224_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "blog_authors" ("id" serial, "name" varchar(64) not null, constraint "pk_blog_authors" primary key ("id"));`);
    this.addSql(`create index "ix_blog_authors_name" on "blog_authors" ("name");`);

    this.addSql(`create table "countries" ("id" serial, "name" varchar(32) not null, constraint "pk_countries" primary key ("id"));`);
    this.addSql(`alter table "countries" add constraint "uq_countries_name" unique ("name");`);

    this.addSql(`create table "customers" ("id" uuid not null, "name" varchar(64) not null, "address" varchar(128) null, "phone" varchar(32) null, constraint "pk_customers" primary key ("id"));`);
    this.addSql(`alter table "customers" add constraint "uq_customers_name" unique ("name");`);

    this.addSql(`create table "blog_users" ("id" uuid not null, "customer_id" uuid null, constraint "pk_blog_users" primary key ("id"));`);
    this.addSql(`create index "ix_blog_users_customer_id" on "blog_users" ("customer_id");`);

    this.addSql(`create table "blog_sessions" ("id" uuid not null, "user_id" uuid not null, constraint "pk_blog_sessions" primary key ("id"));`);
    this.addSql(`create index "ix_blog_sessions_user_id" on "blog_sessions" ("user_id");`);

    this.addSql(`create table "languages" ("id" serial, "name" varchar(32) not null, constraint "pk_languages" primary key ("id"));`);
    this.addSql(`alter table "languages" add constraint "uq_languages_name" unique ("name");`);

    this.addSql(`create table "manufacturers" ("id" serial, "name" varchar(64) not null, constraint "pk_manufacturers" primary key ("id"));`);
    this.addSql(`alter table "manufacturers" add constraint "uq_manufacturers_name" unique ("name");`);

    this.addSql(`create table "orders" ("id" uuid not null, "timestamp" timestamptz not null, "customer_id" uuid not null, constraint "pk_orders" primary key ("id"));`);
    this.addSql(`create index "ix_orders_timestamp" on "orders" ("timestamp");`);
    this.addSql(`create index "ix_orders_customer_id" on "orders" ("customer_id");`);

    this.addSql(`create table "products" ("id" serial, "name" varchar(64) not null, "manufacturer_id" int not null, "year" int not null, "cpu" varchar(32) null, "price" numeric(10,2) null, constraint "pk_products" primary key ("id"));`);
    this.addSql(`alter table "products" add constraint "uq_products_name" unique ("name");`);
    this.addSql(`create index "ix_products_manufacturer_id" on "products" ("manufacturer_id");`);
    this.addSql(`create index "ix_products_year" on "products" ("year");`);

    this.addSql(`create table "orders_items" ("product_id" int not null, "order_id" uuid not null, "unit_price" numeric(10,2) not null, "quantity" int not null, constraint "pk_orders_items" primary key ("product_id", "order_id"));`);
    this.addSql(`create index "ix_orders_items_order_id" on "orders_items" ("order_id");`);

    this.addSql(`create table "blog_articles" ("id" serial, "title" varchar(128) not null, "author_id" int not null, "product_id" int null, "timestamp" timestamptz not null, "language_id" int null, "translation_of_id" int null, constraint "pk_blog_articles" primary key ("id"));`);
    this.addSql(`create index "ix_blog_articles_title" on "blog_articles" ("title");`);
    this.addSql(`create index "ix_blog_articles_author_id" on "blog_articles" ("author_id");`);
    this.addSql(`create index "ix_blog_articles_product_id" on "blog_articles" ("product_id");`);
    this.addSql(`create index "ix_blog_articles_timestamp" on "blog_articles" ("timestamp");`);
    this.addSql(`create index "ix_blog_articles_language_id" on "blog_articles" ("language_id");`);
    this.addSql(`create index "ix_blog_articles_translation_of_id" on "blog_articles" ("translation_of_id");`);

    this.addSql(`create table "blog_views" ("id" serial, "article_id" int not null, "session_id" uuid not null, "timestamp" timestamptz not null, constraint "pk_blog_views" primary key ("id"));`);
    this.addSql(`create index "ix_blog_views_article_id" on "blog_views" ("article_id");`);
    this.addSql(`create index "ix_blog_views_session_id" on "blog_views" ("session_id");`);
    this.addSql(`create index "ix_blog_views_timestamp" on "blog_views" ("timestamp");`);

    this.addSql(`create table "products_countries" ("product_id" int not null, "country_id" int not null, constraint "pk_products_countries" primary key ("product_id", "country_id"));`);
    this.addSql(`create index "ix_products_countries_country_id" on "products_countries" ("country_id");`);

    this.addSql(`create table "products_reviews" ("product_id" int not null, "customer_id" uuid not null, "timestamp" timestamptz not null, "rating" int not null, "comment" text null, constraint "pk_products_reviews" primary key ("product_id", "customer_id"));`);
    this.addSql(`create index "ix_products_reviews_customer_id" on "products_reviews" ("customer_id");`);
    this.addSql(`create index "ix_products_reviews_timestamp" on "products_reviews" ("timestamp");`);

    this.addSql(`create table "users" ("id" serial, "name" varchar(64) not null, "role" text not null default 'basic', "password_hash" varchar(60) not null, constraint "pk_users" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "uq_users_name" unique ("name");`);

    this.addSql(`create table "pages" ("id" serial, "name" varchar(255) not null, "data" text not null, "creator_id" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "parent_id" int null, constraint "pk_pages" primary key ("id"));`);
    this.addSql(`alter table "pages" add constraint "uq_pages_name" unique ("name");`);
    this.addSql(`create index "ix_pages_creator_id" on "pages" ("creator_id");`);
    this.addSql(`create index "ix_pages_parent_id" on "pages" ("parent_id");`);

    this.addSql(`alter table "blog_users" add constraint "fk_blog_users_customer_id_customers" foreign key ("customer_id") references "customers" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "blog_sessions" add constraint "fk_blog_sessions_user_id_blog_users" foreign key ("user_id") references "blog_users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "orders" add constraint "fk_orders_customer_id_customers" foreign key ("customer_id") references "customers" ("id") on update cascade on delete no action;`);

    this.addSql(`alter table "products" add constraint "fk_products_manufacturer_id_manufacturers" foreign key ("manufacturer_id") references "manufacturers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "products" add constraint "ck_products_price" check (price >= 0);`);

    this.addSql(`alter table "orders_items" add constraint "fk_orders_items_product_id_products" foreign key ("product_id") references "products" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "orders_items" add constraint "fk_orders_items_order_id_orders" foreign key ("order_id") references "orders" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "orders_items" add constraint "ck_orders_items_unit_price" check (unit_price >= 0);`);
    this.addSql(`alter table "orders_items" add constraint "ck_orders_items_quantity" check (quantity > 0);`);

    this.addSql(`alter table "blog_articles" add constraint "fk_blog_articles_author_id_blog_authors" foreign key ("author_id") references "blog_authors" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "blog_articles" add constraint "fk_blog_articles_product_id_products" foreign key ("product_id") references "products" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "blog_articles" add constraint "fk_blog_articles_language_id_languages" foreign key ("language_id") references "languages" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "blog_articles" add constraint "fk_blog_articles_translation_of_id_blog_articles" foreign key ("translation_of_id") references "blog_articles" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "blog_views" add constraint "fk_blog_views_article_id_blog_articles" foreign key ("article_id") references "blog_articles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "blog_views" add constraint "fk_blog_views_session_id_blog_sessions" foreign key ("session_id") references "blog_sessions" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "products_countries" add constraint "fk_products_countries_product_id_products" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "products_countries" add constraint "fk_products_countries_country_id_countries" foreign key ("country_id") references "countries" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "products_reviews" add constraint "fk_products_reviews_product_id_products" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "products_reviews" add constraint "fk_products_reviews_customer_id_customers" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "products_reviews" add constraint "ck_products_reviews_rating" check (rating >= 1 and rating <= 5);`);

    this.addSql(`alter table "users" add constraint "ck_users_role" check ("role" in ('basic', 'editor', 'admin'));`);

    this.addSql(`alter table "pages" add constraint "fk_pages_creator_id_users" foreign key ("creator_id") references "users" ("id") on update cascade on delete no action;`);
    this.addSql(`alter table "pages" add constraint "fk_pages_parent_id_pages" foreign key ("parent_id") references "pages" ("id") on update cascade on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "blog_articles" drop constraint "fk_blog_articles_author_id_blog_authors";`);
    this.addSql(`alter table "products_countries" drop constraint "fk_products_countries_country_id_countries";`);
    this.addSql(`alter table "blog_users" drop constraint "fk_blog_users_customer_id_customers";`);
    this.addSql(`alter table "orders" drop constraint "fk_orders_customer_id_customers";`);
    this.addSql(`alter table "products_reviews" drop constraint "fk_products_reviews_customer_id_customers";`);
    this.addSql(`alter table "blog_sessions" drop constraint "fk_blog_sessions_user_id_blog_users";`);
    this.addSql(`alter table "blog_views" drop constraint "fk_blog_views_session_id_blog_sessions";`);
    this.addSql(`alter table "blog_articles" drop constraint "fk_blog_articles_language_id_languages";`);
    this.addSql(`alter table "products" drop constraint "fk_products_manufacturer_id_manufacturers";`);
    this.addSql(`alter table "orders_items" drop constraint "fk_orders_items_order_id_orders";`);
    this.addSql(`alter table "orders_items" drop constraint "fk_orders_items_product_id_products";`);
    this.addSql(`alter table "blog_articles" drop constraint "fk_blog_articles_product_id_products";`);
    this.addSql(`alter table "products_countries" drop constraint "fk_products_countries_product_id_products";`);
    this.addSql(`alter table "products_reviews" drop constraint "fk_products_reviews_product_id_products";`);
    this.addSql(`alter table "blog_articles" drop constraint "fk_blog_articles_translation_of_id_blog_articles";`);
    this.addSql(`alter table "blog_views" drop constraint "fk_blog_views_article_id_blog_articles";`);
    this.addSql(`alter table "pages" drop constraint "fk_pages_creator_id_users";`);
    this.addSql(`alter table "pages" drop constraint "fk_pages_parent_id_pages";`);

    this.addSql(`drop table if exists "blog_authors" cascade;`);
    this.addSql(`drop table if exists "countries" cascade;`);
    this.addSql(`drop table if exists "customers" cascade;`);
    this.addSql(`drop table if exists "blog_users" cascade;`);
    this.addSql(`drop table if exists "blog_sessions" cascade;`);
    this.addSql(`drop table if exists "languages" cascade;`);
    this.addSql(`drop table if exists "manufacturers" cascade;`);
    this.addSql(`drop table if exists "orders" cascade;`);
    this.addSql(`drop table if exists "products" cascade;`);
    this.addSql(`drop table if exists "orders_items" cascade;`);
    this.addSql(`drop table if exists "blog_articles" cascade;`);
    this.addSql(`drop table if exists "blog_views" cascade;`);
    this.addSql(`drop table if exists "products_countries" cascade;`);
    this.addSql(`drop table if exists "products_reviews" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "pages" cascade;`);
  }

}
