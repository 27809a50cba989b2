import { Migration } from '@mikro-orm/migrations';

export class Migration20261123144717_order_idempotency_partial extends Migration {

  override name = 'Migration20261123144717_order_idempotency_partial';

  override up(): void | Promise<void> {
    this.addSql(`drop index \`uq_orders_idempotency_key\`;`);
    this.addSql(`create unique index \`uq_orders_idempotency_key\` on \`orders\` (\`idempotency_key\`) where \`idempotency_key\` is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`uq_orders_idempotency_key\`;`);
    this.addSql(`create unique index \`uq_orders_idempotency_key\` on \`orders\` (\`idempotency_key\`);`);
  }

}
