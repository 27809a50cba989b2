import { Migration } from '@mikro-orm/migrations';

export class Migration20261122060827_Staff extends Migration {

  override name = 'Migration20261122060827_Staff';

  override up(): void | Promise<void> {
    this.addSql(`create table \`employees\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`hired_on\` date not null, \`manager_id\` integer null, \`user_id\` integer null, constraint \`fk_employees_manager_id_employees\` foreign key (\`manager_id\`) references \`employees\` (\`id\`) on update cascade on delete set null, constraint \`fk_employees_user_id_users\` foreign key (\`user_id\`) references \`users\` (\`id\`) on update cascade on delete set null);`);
    this.addSql(`create index \`ix_employees_name\` on \`employees\` (\`name\`);`);
    this.addSql(`create index \`ix_employees_hired_on\` on \`employees\` (\`hired_on\`);`);
    this.addSql(`create index \`ix_employees_manager_id\` on \`employees\` (\`manager_id\`);`);
    this.addSql(`create unique index \`uq_employees_user_id\` on \`employees\` (\`user_id\`);`);


    this.addSql(`create table \`engineers\` (\`specialty\` text not null, \`id\` integer not null primary key, constraint \`fk_engineers_id\` foreign key (\`id\`) references \`employees\` (\`id\`) on update cascade on delete cascade);`);

    this.addSql(`create table \`managers\` (\`department\` text not null, \`id\` integer not null primary key, constraint \`fk_managers_id\` foreign key (\`id\`) references \`employees\` (\`id\`) on update cascade on delete cascade);`);

    this.addSql(`create table \`engineers_products\` (\`engineer_id\` integer not null, \`product_id\` integer not null, primary key (\`engineer_id\`, \`product_id\`), constraint \`fk_engineers_products_engineer_id_engineers\` foreign key (\`engineer_id\`) references \`engineers\` (\`id\`) on update cascade on delete cascade, constraint \`fk_engineers_products_product_id_products\` foreign key (\`product_id\`) references \`products\` (\`id\`) on update cascade on delete cascade);`);
    this.addSql(`create index \`ix_engineers_products_engineer_id\` on \`engineers_products\` (\`engineer_id\`);`);
    this.addSql(`create index \`ix_engineers_products_product_id\` on \`engineers_products\` (\`product_id\`);`);
  }

  override down(): void | Promise<void> {

    // Children first: SQLite checks foreign keys as it empties a dropped table.
    this.addSql(`drop table if exists \`engineers_products\`;`);
    this.addSql(`drop table if exists \`engineers\`;`);
    this.addSql(`drop table if exists \`managers\`;`);
    this.addSql(`drop table if exists \`employees\`;`);
  }

}
