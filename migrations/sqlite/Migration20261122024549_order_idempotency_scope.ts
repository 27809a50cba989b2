import { Migration } from '@mikro-orm/migrations';

export class Migration20261122024549_order_idempotency_scope extends Migration {

  override name = 'Migration20261122024549_order_idempotency_scope';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`orders\` add column \`idempotency_fingerprint\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`orders\` drop column \`idempotency_fingerprint\`;`);
  }

}
