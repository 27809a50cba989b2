import { Migration } from '@mikro-orm/migrations';

export class Migration20261122060827_Staff extends Migration {

  override name = 'Migration20261122060827_Staff';

  override up(): void | Promise<void> {
    this.addSql(`create table "employees" ("id" serial, "name" varchar(64) not null, "hired_on" date not null, "manager_id" int null, "user_id" int null, constraint "pk_employees" primary key ("id"));`);
    this.addSql(`create index "ix_employees_name" on "employees" ("name");`);
    this.addSql(`create index "ix_employees_hired_on" on "employees" ("hired_on");`);
    this.addSql(`create index "ix_employees_manager_id" on "employees" ("manager_id");`);
    this.addSql(`alter table "employees" add constraint "uq_employees_user_id" unique ("user_id");`);

    this.addSql(`create table "engineers_products" ("engineer_id" int not null, "product_id" int not null, constraint "pk_engineers_products" primary key ("engineer_id", "product_id"));`);
    this.addSql(`create index "ix_engineers_products_product_id" on "engineers_products" ("product_id");`);

    this.addSql(`create table "engineers" ("specialty" varchar(64) not null, "id" int not null, constraint "pk_engineers" primary key ("id"));`);

    this.addSql(`create table "managers" ("department" varchar(64) not null, "id" int not null, constraint "pk_managers" primary key ("id"));`);

    this.addSql(`alter table "employees" add constraint "fk_employees_manager_id_employees" foreign key ("manager_id") references "employees" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "employees" add constraint "fk_employees_user_id_users" foreign key ("user_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "engineers_products" add constraint "fk_engineers_products_engineer_id_engineers" foreign key ("engineer_id") references "engineers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "engineers_products" add constraint "fk_engineers_products_product_id_products" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "engineers" add constraint "fk_engineers_id" foreign key ("id") references "employees" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "managers" add constraint "fk_managers_id" foreign key ("id") references "employees" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "employees" drop constraint "fk_employees_manager_id_employees";`);
    this.addSql(`alter table "engineers" drop constraint "fk_engineers_id";`);
    this.addSql(`alter table "managers" drop constraint "fk_managers_id";`);
    this.addSql(`alter table "engineers_products" drop constraint "fk_engineers_products_engineer_id_engineers";`);

    this.addSql(`drop table if exists "employees" cascade;`);
    this.addSql(`drop table if exists "engineers_products" cascade;`);
    this.addSql(`drop table if exists "engineers" cascade;`);
    this.addSql(`drop table if exists "managers" cascade;`);
  }

}
