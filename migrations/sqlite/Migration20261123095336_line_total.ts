import { Migration } from '@mikro-orm/migrations';

const COLUMNS = '`product_id`, `order_id`, `unit_price`, `quantity`';

/**
 * An order line's total, stored (docs/benchmarks/throughput-2026-11-23.md). SQLite cannot add a stored generated
 * column to a table that has rows, so the table is rebuilt the way SQLite's documentation
 * describes: the new table, every row copied, the old one dropped, the new one renamed, its
 * indexes recreated. Nothing references orders_items, so no other table's key is touched.
 * line_total sits before the last column: MikroORM reads a SQLite column's definition up to the
 * next column, and the last one's runs on into the primary key, which it would take for part of
 * the expression (and then want to rebuild the column on every schema diff).
 */
export class Migration20261123095336_line_total extends Migration {

  override name = 'Migration20261123095336_line_total';

  override up(): void | Promise<void> {
    this.addSql("create table `orders_items_new` (`product_id` integer not null, `order_id` text not null, `unit_price` numeric(10,2) not null, `line_total` numeric generated always as (unit_price * quantity) stored, `quantity` integer not null, primary key (`product_id`, `order_id`), constraint `fk_orders_items_product_id_products` foreign key (`product_id`) references `products` (`id`) on update cascade on delete no action, constraint `fk_orders_items_order_id_orders` foreign key (`order_id`) references `orders` (`id`) on update cascade on delete cascade, constraint `ck_orders_items_unit_price` check (unit_price >= 0), constraint `ck_orders_items_quantity` check (quantity > 0));");
    this.addSql(`insert into \`orders_items_new\` (${COLUMNS}) select ${COLUMNS} from \`orders_items\`;`);
    this.addSql('drop table `orders_items`;');
    this.addSql('alter table `orders_items_new` rename to `orders_items`;');
    this.addSql('create index `ix_orders_items_product_id` on `orders_items` (`product_id`);');
    this.addSql('create index `ix_orders_items_order_id` on `orders_items` (`order_id`);');
  }

  override down(): void | Promise<void> {
    this.addSql('alter table `orders_items` drop column `line_total`;');
  }

}
