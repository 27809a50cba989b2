import { Migration } from '@mikro-orm/migrations';

export class Migration20261122024039_blog_reader_token extends Migration {

  override name = 'Migration20261122024039_blog_reader_token';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`blog_users\` add column \`token_hash\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`blog_users\` drop column \`token_hash\`;`);
  }

}
