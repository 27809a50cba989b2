import { Migration } from '@mikro-orm/migrations';

/**
 * Deep page-number pages skip in an index of the page order with the key in it (src/loading/deep-page.ts):
 * the orders' and the page views' (timestamp DESC, id), their default order, read by index-only scans. The page-views index is
 * written by hand: MikroORM's schema diff leaves the partitioned table alone (skipTables); created on
 * the parent, every partition, present and future, gets it. SQLite's migration of the same name
 * holds the same two indexes.
 */
export class Migration20261207170000_deep_pages extends Migration {

  override name = 'Migration20261207170000_deep_pages';

  override up(): void | Promise<void> {
    this.addSql(`create index "ix_orders_timestamp_id" on "orders" ("timestamp" DESC, "id");`);
    this.addSql(`create index "ix_blog_views_timestamp_id" on "blog_views" ("timestamp" DESC, "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "ix_blog_views_timestamp_id";`);
    this.addSql(`drop index "ix_orders_timestamp_id";`);
  }

}
