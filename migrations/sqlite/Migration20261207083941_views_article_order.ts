import { Migration } from '@mikro-orm/migrations';

export class Migration20261207083941_views_article_order extends Migration {

  override name = 'Migration20261207083941_views_article_order';

  override up(): void | Promise<void> {
    this.addSql(`create index \`ix_blog_views_article_id_timestamp_id\` on \`blog_views\` (\`article_id\`, \`timestamp\` DESC, \`id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`ix_blog_views_article_id_timestamp_id\`;`);
  }

}
