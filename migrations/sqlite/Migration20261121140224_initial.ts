import { Migration } from '@mikro-orm/migrations';

export class Migration20261121140224_initial extends Migration {

  override name = 'Migration20261121140224_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table \`blog_authors\` (\`id\` integer not null primary key autoincrement, \`name\` text not null);`);
    this.addSql(`create index \`ix_blog_authors_name\` on \`blog_authors\` (\`name\`);`);

    this.addSql(`create table \`countries\` (\`id\` integer not null primary key autoincrement, \`name\` text not null);`);
    this.addSql(`create unique index \`uq_countries_name\` on \`countries\` (\`name\`);`);

    this.addSql(`create table \`customers\` (\`id\` text not null primary key, \`name\` text not null, \`address\` text null, \`phone\` text null);`);
    this.addSql(`create unique index \`uq_customers_name\` on \`customers\` (\`name\`);`);

    this.addSql(`create table \`blog_users\` (\`id\` text not null primary key, \`customer_id\` text null, constraint \`fk_blog_users_customer_id_customers\` foreign key (\`customer_id\`) references \`customers\` (\`id\`) on update cascade on delete set null);`);
    this.addSql(`create index \`ix_blog_users_customer_id\` on \`blog_users\` (\`customer_id\`);`);

    this.addSql(`create table \`blog_sessions\` (\`id\` text not null primary key, \`user_id\` text not null, constraint \`fk_blog_sessions_user_id_blog_users\` foreign key (\`user_id\`) references \`blog_users\` (\`id\`) on update cascade on delete cascade);`);
    this.addSql(`create index \`ix_blog_sessions_user_id\` on \`blog_sessions\` (\`user_id\`);`);

    this.addSql(`create table \`languages\` (\`id\` integer not null primary key autoincrement, \`name\` text not null);`);
    this.addSql(`create unique index \`uq_languages_name\` on \`languages\` (\`name\`);`);

    this.addSql(`create table \`manufacturers\` (\`id\` integer not null primary key autoincrement, \`name\` text not null);`);
    this.addSql(`create unique index \`uq_manufacturers_name\` on \`manufacturers\` (\`name\`);`);

    this.addSql(`create table \`orders\` (\`id\` text not null primary key, \`timestamp\` datetime not null, \`customer_id\` text not null, constraint \`fk_orders_customer_id_customers\` foreign key (\`customer_id\`) references \`customers\` (\`id\`) on update cascade on delete no action);`);
    this.addSql(`create index \`ix_orders_timestamp\` on \`orders\` (\`timestamp\`);`);
    this.addSql(`create index \`ix_orders_customer_id\` on \`orders\` (\`customer_id\`);`);

    this.addSql(`create table \`products\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`manufacturer_id\` integer not null, \`year\` integer not null, \`cpu\` text null, \`price\` numeric(10,2) null, constraint \`fk_products_manufacturer_id_manufacturers\` foreign key (\`manufacturer_id\`) references \`manufacturers\` (\`id\`) on update cascade on delete cascade, constraint \`ck_products_price\` check (price >= 0));`);
    this.addSql(`create unique index \`uq_products_name\` on \`products\` (\`name\`);`);
    this.addSql(`create index \`ix_products_manufacturer_id\` on \`products\` (\`manufacturer_id\`);`);
    this.addSql(`create index \`ix_products_year\` on \`products\` (\`year\`);`);

    this.addSql(`create table \`orders_items\` (\`product_id\` integer not null, \`order_id\` text not null, \`unit_price\` numeric(10,2) not null, \`quantity\` integer not null, primary key (\`product_id\`, \`order_id\`), constraint \`fk_orders_items_product_id_products\` foreign key (\`product_id\`) references \`products\` (\`id\`) on update cascade on delete no action, constraint \`fk_orders_items_order_id_orders\` foreign key (\`order_id\`) references \`orders\` (\`id\`) on update cascade on delete cascade, constraint \`ck_orders_items_unit_price\` check (unit_price >= 0), constraint \`ck_orders_items_quantity\` check (quantity > 0));`);
    this.addSql(`create index \`ix_orders_items_product_id\` on \`orders_items\` (\`product_id\`);`);
    this.addSql(`create index \`ix_orders_items_order_id\` on \`orders_items\` (\`order_id\`);`);

    this.addSql(`create table \`blog_articles\` (\`id\` integer not null primary key autoincrement, \`title\` text not null, \`author_id\` integer not null, \`product_id\` integer null, \`timestamp\` datetime not null, \`language_id\` integer null, \`translation_of_id\` integer null, constraint \`fk_blog_articles_author_id_blog_authors\` foreign key (\`author_id\`) references \`blog_authors\` (\`id\`) on update cascade on delete no action, constraint \`fk_blog_articles_product_id_products\` foreign key (\`product_id\`) references \`products\` (\`id\`) on update cascade on delete set null, constraint \`fk_blog_articles_language_id_languages\` foreign key (\`language_id\`) references \`languages\` (\`id\`) on update cascade on delete set null, constraint \`fk_blog_articles_translation_of_id_blog_articles\` foreign key (\`translation_of_id\`) references \`blog_articles\` (\`id\`) on update cascade on delete set null);`);
    this.addSql(`create index \`ix_blog_articles_title\` on \`blog_articles\` (\`title\`);`);
    this.addSql(`create index \`ix_blog_articles_author_id\` on \`blog_articles\` (\`author_id\`);`);
    this.addSql(`create index \`ix_blog_articles_product_id\` on \`blog_articles\` (\`product_id\`);`);
    this.addSql(`create index \`ix_blog_articles_timestamp\` on \`blog_articles\` (\`timestamp\`);`);
    this.addSql(`create index \`ix_blog_articles_language_id\` on \`blog_articles\` (\`language_id\`);`);
    this.addSql(`create index \`ix_blog_articles_translation_of_id\` on \`blog_articles\` (\`translation_of_id\`);`);

    this.addSql(`create table \`blog_views\` (\`id\` integer not null primary key autoincrement, \`article_id\` integer not null, \`session_id\` text not null, \`timestamp\` datetime not null, constraint \`fk_blog_views_article_id_blog_articles\` foreign key (\`article_id\`) references \`blog_articles\` (\`id\`) on update cascade on delete cascade, constraint \`fk_blog_views_session_id_blog_sessions\` foreign key (\`session_id\`) references \`blog_sessions\` (\`id\`) on update cascade on delete cascade);`);
    this.addSql(`create index \`ix_blog_views_article_id\` on \`blog_views\` (\`article_id\`);`);
    this.addSql(`create index \`ix_blog_views_session_id\` on \`blog_views\` (\`session_id\`);`);
    this.addSql(`create index \`ix_blog_views_timestamp\` on \`blog_views\` (\`timestamp\`);`);

    this.addSql(`create table \`products_countries\` (\`product_id\` integer not null, \`country_id\` integer not null, primary key (\`product_id\`, \`country_id\`), constraint \`fk_products_countries_product_id_products\` foreign key (\`product_id\`) references \`products\` (\`id\`) on update cascade on delete cascade, constraint \`fk_products_countries_country_id_countries\` foreign key (\`country_id\`) references \`countries\` (\`id\`) on update cascade on delete cascade);`);
    this.addSql(`create index \`ix_products_countries_product_id\` on \`products_countries\` (\`product_id\`);`);
    this.addSql(`create index \`ix_products_countries_country_id\` on \`products_countries\` (\`country_id\`);`);

    this.addSql(`create table \`products_reviews\` (\`product_id\` integer not null, \`customer_id\` text not null, \`timestamp\` datetime not null, \`rating\` integer not null, \`comment\` text null, primary key (\`product_id\`, \`customer_id\`), constraint \`fk_products_reviews_product_id_products\` foreign key (\`product_id\`) references \`products\` (\`id\`) on update cascade on delete cascade, constraint \`fk_products_reviews_customer_id_customers\` foreign key (\`customer_id\`) references \`customers\` (\`id\`) on update cascade on delete cascade, constraint \`ck_products_reviews_rating\` check (rating >= 1 and rating <= 5));`);
    this.addSql(`create index \`ix_products_reviews_product_id\` on \`products_reviews\` (\`product_id\`);`);
    this.addSql(`create index \`ix_products_reviews_customer_id\` on \`products_reviews\` (\`customer_id\`);`);
    this.addSql(`create index \`ix_products_reviews_timestamp\` on \`products_reviews\` (\`timestamp\`);`);

    this.addSql(`create table \`users\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`role\` text check (\`role\` in ('basic', 'editor', 'admin')) not null default 'basic', \`password_hash\` text not null);`);
    this.addSql(`create unique index \`uq_users_name\` on \`users\` (\`name\`);`);

    this.addSql(`create table \`pages\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`data\` text not null, \`creator_id\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`parent_id\` integer null, constraint \`fk_pages_creator_id_users\` foreign key (\`creator_id\`) references \`users\` (\`id\`) on update cascade on delete no action, constraint \`fk_pages_parent_id_pages\` foreign key (\`parent_id\`) references \`pages\` (\`id\`) on update cascade on delete set null);`);
    this.addSql(`create unique index \`uq_pages_name\` on \`pages\` (\`name\`);`);
    this.addSql(`create index \`ix_pages_creator_id\` on \`pages\` (\`creator_id\`);`);
    this.addSql(`create index \`ix_pages_parent_id\` on \`pages\` (\`parent_id\`);`);
  }

  override down(): void | Promise<void> {
    // Children before parents: with foreign keys on, SQLite checks a dropped table's rows against
    // the tables they refer to, which must still exist.
    this.addSql(`drop table if exists \`pages\`;`);
    this.addSql(`drop table if exists \`users\`;`);
    this.addSql(`drop table if exists \`products_reviews\`;`);
    this.addSql(`drop table if exists \`products_countries\`;`);
    this.addSql(`drop table if exists \`blog_views\`;`);
    this.addSql(`drop table if exists \`blog_sessions\`;`);
    this.addSql(`drop table if exists \`blog_users\`;`);
    this.addSql(`drop table if exists \`blog_articles\`;`);
    this.addSql(`drop table if exists \`orders_items\`;`);
    this.addSql(`drop table if exists \`orders\`;`);
    this.addSql(`drop table if exists \`products\`;`);
    this.addSql(`drop table if exists \`manufacturers\`;`);
    this.addSql(`drop table if exists \`languages\`;`);
    this.addSql(`drop table if exists \`customers\`;`);
    this.addSql(`drop table if exists \`countries\`;`);
    this.addSql(`drop table if exists \`blog_authors\`;`);
  }

}
