import { Migration } from '@mikro-orm/migrations';

/**
 * SQLite: the same versions as PostgreSQL's (see that migration), bumped by row-level triggers
 * (SQLite has no statement-level ones) in the writing transaction; each cacheable request reads
 * them (src/db/table-versions.ts), so a commit by any process on the file is seen by the next request.
 */
export class Migration20261207150000_table_versions extends Migration {

  override name = 'Migration20261207150000_table_versions';

  override up(): void | Promise<void> {
    this.addSql(`create table \`table_versions\` (\`name\` text not null primary key, \`version\` integer not null default 0);`);
    this.addSql(`insert into \`table_versions\` (\`name\`, \`version\`) values ('products', abs(random()) % 1000000000000000), ('products_countries', abs(random()) % 1000000000000000), ('countries', abs(random()) % 1000000000000000), ('manufacturers', abs(random()) % 1000000000000000), ('customers', abs(random()) % 1000000000000000), ('products_reviews', abs(random()) % 1000000000000000), ('users', abs(random()) % 1000000000000000), ('pages', abs(random()) % 1000000000000000), ('users_follows', abs(random()) % 1000000000000000), ('blog_authors', abs(random()) % 1000000000000000), ('languages', abs(random()) % 1000000000000000), ('blog_articles', abs(random()) % 1000000000000000), ('employees', abs(random()) % 1000000000000000), ('engineers', abs(random()) % 1000000000000000), ('managers', abs(random()) % 1000000000000000), ('engineers_products', abs(random()) % 1000000000000000);`);
    this.addSql(`create trigger \`products_version_insert\` after insert on \`products\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'products'; end;`);
    this.addSql(`create trigger \`products_version_update\` after update on \`products\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'products'; end;`);
    this.addSql(`create trigger \`products_version_delete\` after delete on \`products\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'products'; end;`);
    this.addSql(`create trigger \`products_countries_version_insert\` after insert on \`products_countries\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'products_countries'; end;`);
    this.addSql(`create trigger \`products_countries_version_update\` after update on \`products_countries\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'products_countries'; end;`);
    this.addSql(`create trigger \`products_countries_version_delete\` after delete on \`products_countries\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'products_countries'; end;`);
    this.addSql(`create trigger \`countries_version_insert\` after insert on \`countries\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'countries'; end;`);
    this.addSql(`create trigger \`countries_version_update\` after update on \`countries\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'countries'; end;`);
    this.addSql(`create trigger \`countries_version_delete\` after delete on \`countries\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'countries'; end;`);
    this.addSql(`create trigger \`manufacturers_version_insert\` after insert on \`manufacturers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'manufacturers'; end;`);
    this.addSql(`create trigger \`manufacturers_version_update\` after update on \`manufacturers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'manufacturers'; end;`);
    this.addSql(`create trigger \`manufacturers_version_delete\` after delete on \`manufacturers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'manufacturers'; end;`);
    this.addSql(`create trigger \`customers_version_insert\` after insert on \`customers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'customers'; end;`);
    this.addSql(`create trigger \`customers_version_update\` after update on \`customers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'customers'; end;`);
    this.addSql(`create trigger \`customers_version_delete\` after delete on \`customers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'customers'; end;`);
    this.addSql(`create trigger \`products_reviews_version_insert\` after insert on \`products_reviews\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'products_reviews'; end;`);
    this.addSql(`create trigger \`products_reviews_version_update\` after update on \`products_reviews\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'products_reviews'; end;`);
    this.addSql(`create trigger \`products_reviews_version_delete\` after delete on \`products_reviews\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'products_reviews'; end;`);
    this.addSql(`create trigger \`users_version_insert\` after insert on \`users\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'users'; end;`);
    this.addSql(`create trigger \`users_version_update\` after update on \`users\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'users'; end;`);
    this.addSql(`create trigger \`users_version_delete\` after delete on \`users\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'users'; end;`);
    this.addSql(`create trigger \`pages_version_insert\` after insert on \`pages\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'pages'; end;`);
    this.addSql(`create trigger \`pages_version_update\` after update on \`pages\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'pages'; end;`);
    this.addSql(`create trigger \`pages_version_delete\` after delete on \`pages\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'pages'; end;`);
    this.addSql(`create trigger \`users_follows_version_insert\` after insert on \`users_follows\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'users_follows'; end;`);
    this.addSql(`create trigger \`users_follows_version_update\` after update on \`users_follows\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'users_follows'; end;`);
    this.addSql(`create trigger \`users_follows_version_delete\` after delete on \`users_follows\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'users_follows'; end;`);
    this.addSql(`create trigger \`blog_authors_version_insert\` after insert on \`blog_authors\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'blog_authors'; end;`);
    this.addSql(`create trigger \`blog_authors_version_update\` after update on \`blog_authors\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'blog_authors'; end;`);
    this.addSql(`create trigger \`blog_authors_version_delete\` after delete on \`blog_authors\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'blog_authors'; end;`);
    this.addSql(`create trigger \`languages_version_insert\` after insert on \`languages\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'languages'; end;`);
    this.addSql(`create trigger \`languages_version_update\` after update on \`languages\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'languages'; end;`);
    this.addSql(`create trigger \`languages_version_delete\` after delete on \`languages\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'languages'; end;`);
    this.addSql(`create trigger \`blog_articles_version_insert\` after insert on \`blog_articles\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'blog_articles'; end;`);
    this.addSql(`create trigger \`blog_articles_version_update\` after update on \`blog_articles\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'blog_articles'; end;`);
    this.addSql(`create trigger \`blog_articles_version_delete\` after delete on \`blog_articles\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'blog_articles'; end;`);
    this.addSql(`create trigger \`employees_version_insert\` after insert on \`employees\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'employees'; end;`);
    this.addSql(`create trigger \`employees_version_update\` after update on \`employees\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'employees'; end;`);
    this.addSql(`create trigger \`employees_version_delete\` after delete on \`employees\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'employees'; end;`);
    this.addSql(`create trigger \`engineers_version_insert\` after insert on \`engineers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'engineers'; end;`);
    this.addSql(`create trigger \`engineers_version_update\` after update on \`engineers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'engineers'; end;`);
    this.addSql(`create trigger \`engineers_version_delete\` after delete on \`engineers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'engineers'; end;`);
    this.addSql(`create trigger \`managers_version_insert\` after insert on \`managers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'managers'; end;`);
    this.addSql(`create trigger \`managers_version_update\` after update on \`managers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'managers'; end;`);
    this.addSql(`create trigger \`managers_version_delete\` after delete on \`managers\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'managers'; end;`);
    this.addSql(`create trigger \`engineers_products_version_insert\` after insert on \`engineers_products\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'engineers_products'; end;`);
    this.addSql(`create trigger \`engineers_products_version_update\` after update on \`engineers_products\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'engineers_products'; end;`);
    this.addSql(`create trigger \`engineers_products_version_delete\` after delete on \`engineers_products\` begin update \`table_versions\` set \`version\` = \`version\` + 1 where \`name\` = 'engineers_products'; end;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists \`products_version_insert\`;`);
    this.addSql(`drop trigger if exists \`products_version_update\`;`);
    this.addSql(`drop trigger if exists \`products_version_delete\`;`);
    this.addSql(`drop trigger if exists \`products_countries_version_insert\`;`);
    this.addSql(`drop trigger if exists \`products_countries_version_update\`;`);
    this.addSql(`drop trigger if exists \`products_countries_version_delete\`;`);
    this.addSql(`drop trigger if exists \`countries_version_insert\`;`);
    this.addSql(`drop trigger if exists \`countries_version_update\`;`);
    this.addSql(`drop trigger if exists \`countries_version_delete\`;`);
    this.addSql(`drop trigger if exists \`manufacturers_version_insert\`;`);
    this.addSql(`drop trigger if exists \`manufacturers_version_update\`;`);
    this.addSql(`drop trigger if exists \`manufacturers_version_delete\`;`);
    this.addSql(`drop trigger if exists \`customers_version_insert\`;`);
    this.addSql(`drop trigger if exists \`customers_version_update\`;`);
    this.addSql(`drop trigger if exists \`customers_version_delete\`;`);
    this.addSql(`drop trigger if exists \`products_reviews_version_insert\`;`);
    this.addSql(`drop trigger if exists \`products_reviews_version_update\`;`);
    this.addSql(`drop trigger if exists \`products_reviews_version_delete\`;`);
    this.addSql(`drop trigger if exists \`users_version_insert\`;`);
    this.addSql(`drop trigger if exists \`users_version_update\`;`);
    this.addSql(`drop trigger if exists \`users_version_delete\`;`);
    this.addSql(`drop trigger if exists \`pages_version_insert\`;`);
    this.addSql(`drop trigger if exists \`pages_version_update\`;`);
    this.addSql(`drop trigger if exists \`pages_version_delete\`;`);
    this.addSql(`drop trigger if exists \`users_follows_version_insert\`;`);
    this.addSql(`drop trigger if exists \`users_follows_version_update\`;`);
    this.addSql(`drop trigger if exists \`users_follows_version_delete\`;`);
    this.addSql(`drop trigger if exists \`blog_authors_version_insert\`;`);
    this.addSql(`drop trigger if exists \`blog_authors_version_update\`;`);
    this.addSql(`drop trigger if exists \`blog_authors_version_delete\`;`);
    this.addSql(`drop trigger if exists \`languages_version_insert\`;`);
    this.addSql(`drop trigger if exists \`languages_version_update\`;`);
    this.addSql(`drop trigger if exists \`languages_version_delete\`;`);
    this.addSql(`drop trigger if exists \`blog_articles_version_insert\`;`);
    this.addSql(`drop trigger if exists \`blog_articles_version_update\`;`);
    this.addSql(`drop trigger if exists \`blog_articles_version_delete\`;`);
    this.addSql(`drop trigger if exists \`employees_version_insert\`;`);
    this.addSql(`drop trigger if exists \`employees_version_update\`;`);
    this.addSql(`drop trigger if exists \`employees_version_delete\`;`);
    this.addSql(`drop trigger if exists \`engineers_version_insert\`;`);
    this.addSql(`drop trigger if exists \`engineers_version_update\`;`);
    this.addSql(`drop trigger if exists \`engineers_version_delete\`;`);
    this.addSql(`drop trigger if exists \`managers_version_insert\`;`);
    this.addSql(`drop trigger if exists \`managers_version_update\`;`);
    this.addSql(`drop trigger if exists \`managers_version_delete\`;`);
    this.addSql(`drop trigger if exists \`engineers_products_version_insert\`;`);
    this.addSql(`drop trigger if exists \`engineers_products_version_update\`;`);
    this.addSql(`drop trigger if exists \`engineers_products_version_delete\`;`);
    this.addSql(`drop table if exists \`table_versions\`;`);
  }

}
