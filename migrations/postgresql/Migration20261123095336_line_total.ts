import { Migration } from '@mikro-orm/migrations';

/**
 * An order line's total, stored (docs/benchmarks/throughput-2026-11-23.md): computed once per write instead of once per
 * line in every report. Adding a stored generated column rewrites the table once, under an
 * exclusive lock.
 */
export class Migration20261123095336_line_total extends Migration {

  override name = 'Migration20261123095336_line_total';

  override up(): void | Promise<void> {
    this.addSql(`alter table "orders_items" add "line_total" numeric generated always as (unit_price * quantity) stored not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "orders_items" drop column "line_total";`);
  }

}
