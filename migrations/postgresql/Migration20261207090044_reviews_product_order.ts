import { Migration } from '@mikro-orm/migrations';

export class Migration20261207090044_reviews_product_order extends Migration {

  override name = 'Migration20261207090044_reviews_product_order';

  override up(): void | Promise<void> {
    this.addSql(`create index "ix_products_reviews_product_id_timestamp_customer_id" on "products_reviews" ("product_id", "timestamp" DESC, "customer_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "ix_products_reviews_product_id_timestamp_customer_id";`);
  }

}
