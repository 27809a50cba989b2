import { Migration } from '@mikro-orm/migrations';

/**
 * The orders nested connections page by, for ORDER BY … LIMIT per parent (row-queries.ts
 * connectionSql; docs/benchmarks/cost-model-2026-12-07.md, "2026-12-07, later"): an article's views and a
 * product's reviews, newest first. The page-views index is written by hand: MikroORM's schema diff
 * leaves the partitioned table alone (skipTables); created on the parent, every partition, present
 * and future, gets it. SQLite's migration of the same name was generated from the entities.
 */
export class Migration20261207090220_nested_page_order extends Migration {

  override name = 'Migration20261207090220_nested_page_order';

  override up(): void | Promise<void> {
    this.addSql(`create index "ix_products_reviews_product_id_timestamp_customer_id" on "products_reviews" ("product_id", "timestamp", "customer_id");`);
    this.addSql(`create index "ix_blog_views_article_id_timestamp_id" on "blog_views" ("article_id", "timestamp", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "ix_blog_views_article_id_timestamp_id";`);
    this.addSql(`drop index "ix_products_reviews_product_id_timestamp_customer_id";`);
  }

}
