import { Migration } from '@mikro-orm/migrations';

export class Migration20261207090220_nested_page_order extends Migration {

  override name = 'Migration20261207090220_nested_page_order';

  override up(): void | Promise<void> {
    this.addSql(`create index \`ix_blog_views_article_id_timestamp_id\` on \`blog_views\` (\`article_id\`, \`timestamp\`, \`id\`);`);

    this.addSql(`create index \`ix_products_reviews_product_id_timestamp_customer_id\` on \`products_reviews\` (\`product_id\`, \`timestamp\`, \`customer_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`ix_blog_views_article_id_timestamp_id\`;`);

    this.addSql(`drop index \`ix_products_reviews_product_id_timestamp_customer_id\`;`);
  }

}
