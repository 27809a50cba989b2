import { Migration } from '@mikro-orm/migrations';

export class Migration20261121143155_order_idempotency_key extends Migration {

  override name = 'Migration20261121143155_order_idempotency_key';

  override up(): void | Promise<void> {
    this.addSql(`alter table "orders" add "idempotency_key" varchar(64) null;`);
    this.addSql(`alter table "orders" add constraint "uq_orders_idempotency_key" unique ("idempotency_key");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "orders" drop constraint "uq_orders_idempotency_key";`);
    this.addSql(`alter table "orders" drop column "idempotency_key";`);
  }

}
