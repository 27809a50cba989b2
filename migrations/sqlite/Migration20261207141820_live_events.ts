import { Migration } from '@mikro-orm/migrations';

export class Migration20261207141820_live_events extends Migration {

  override name = 'Migration20261207141820_live_events';

  override up(): void | Promise<void> {
    this.addSql(`create table \`live_events\` (\`id\` integer not null primary key autoincrement, \`topic\` text not null, \`subject_id\` text not null, \`other_id\` text null, \`created_at\` datetime not null);`);
    this.addSql(`create index \`ix_live_events_created_at\` on \`live_events\` (\`created_at\`);`);
    this.addSql(`create index \`ix_live_events_topic_id\` on \`live_events\` (\`topic\`, \`id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`live_events\`;`);
  }

}
