import { Migration } from '@mikro-orm/migrations';

export class Migration20261122033147_users_follows extends Migration {

  override name = 'Migration20261122033147_users_follows';

  override up(): void | Promise<void> {
    this.addSql(`create table \`users_follows\` (\`follower_id\` integer not null, \`followed_id\` integer not null, \`created_at\` datetime not null, primary key (\`follower_id\`, \`followed_id\`), constraint \`fk_users_follows_follower_id_users\` foreign key (\`follower_id\`) references \`users\` (\`id\`) on update cascade on delete cascade, constraint \`fk_users_follows_followed_id_users\` foreign key (\`followed_id\`) references \`users\` (\`id\`) on update cascade on delete cascade, constraint \`ck_users_follows_not_self\` check (follower_id <> followed_id));`);
    this.addSql(`create index \`ix_users_follows_follower_id\` on \`users_follows\` (\`follower_id\`);`);
    this.addSql(`create index \`ix_users_follows_followed_id\` on \`users_follows\` (\`followed_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`users_follows\`;`);
  }

}
