import { Migration } from '@mikro-orm/migrations';

export class Migration20261122021139_user_token_stamp extends Migration {

  override name = 'Migration20261122021139_user_token_stamp';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`users\` add column \`token_stamp\` text not null default '';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`users\` drop column \`token_stamp\`;`);
  }

}
