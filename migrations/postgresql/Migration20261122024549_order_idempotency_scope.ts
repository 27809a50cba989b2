import { Migration } from '@mikro-orm/migrations';

export class Migration20261122024549_order_idempotency_scope extends Migration {

  override name = 'Migration20261122024549_order_idempotency_scope';

  override up(): void | Promise<void> {
    this.addSql(`alter table "orders" add "idempotency_fingerprint" varchar(64) null;`);
    this.addSql(`alter table "orders" alter column "idempotency_key" type varchar(80) using ("idempotency_key"::varchar(80));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "orders" drop column "idempotency_fingerprint";`);
    this.addSql(`alter table "orders" alter column "idempotency_key" type varchar(64) using ("idempotency_key"::varchar(64));`);
  }

}
