import { Migration } from '@mikro-orm/migrations';

export class Migration20261121143155_order_idempotency_key extends Migration {

  override name = 'Migration20261121143155_order_idempotency_key';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`orders\` add column \`idempotency_key\` text null;`);
    this.addSql(`create unique index \`uq_orders_idempotency_key\` on \`orders\` (\`idempotency_key\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`uq_orders_idempotency_key\`;`);
    this.addSql(`alter table \`orders\` drop column \`idempotency_key\`;`);
  }

}
