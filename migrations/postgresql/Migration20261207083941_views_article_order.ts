import { Migration } from '@mikro-orm/migrations';

/**
 * An article's page views in the order its `views` connection pages them (newest first, then
 * id): a page reads first + 1 entries of this index instead of sorting every view of the article
 * (docs/cost-model-2026-12-07.md, "2026-12-07, later"). Written by hand: MikroORM's schema diff
 * leaves the partitioned table alone (skipTables). Created on the parent, so every partition,
 * present and future, gets it; SQLite's migration of the same name was generated from the entity.
 */
export class Migration20261207083941_views_article_order extends Migration {

  override name = 'Migration20261207083941_views_article_order';

  override up(): void | Promise<void> {
    this.addSql(`create index "ix_blog_views_article_id_timestamp_id" on "blog_views" ("article_id", "timestamp" desc, "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "ix_blog_views_article_id_timestamp_id";`);
  }

}
