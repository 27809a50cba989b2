import { Migration } from '@mikro-orm/migrations';

export class Migration20261207170000_deep_pages extends Migration {

  override name = 'Migration20261207170000_deep_pages';

  override up(): void | Promise<void> {
    this.addSql(`create index \`ix_blog_views_timestamp_id\` on \`blog_views\` (\`timestamp\` DESC, \`id\`);`);

    this.addSql(`create index \`ix_orders_timestamp_id\` on \`orders\` (\`timestamp\` DESC, \`id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`ix_blog_views_timestamp_id\`;`);

    this.addSql(`drop index \`ix_orders_timestamp_id\`;`);
  }

}
