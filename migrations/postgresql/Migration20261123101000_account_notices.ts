import { Migration } from '@mikro-orm/migrations';

/**
 * PostgreSQL: every change to an account is notified on the channel `retrofun_accounts` (the
 * account's id, or '*' when the table is truncated), at commit, whoever makes it: this service on
 * any instance, `npm run user`, an operator's SQL. Each service process LISTENs and drops what it
 * kept of that account (src/modules/wiki/viewer-cache.ts). Not in the entities: MikroORM leaves
 * triggers and routines it was not told of alone (schemaGenerator.ignoreTriggers, ignoreRoutines).
 * SQLite has no notifications and no such migration: it reads the account on every request.
 */
export class Migration20261123101000_account_notices extends Migration {

  override name = 'Migration20261123101000_account_notices';

  override up(): void | Promise<void> {
    this.addSql(`create function "retrofun_account_changed"() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    perform pg_notify('retrofun_accounts', '*');
  else
    perform pg_notify('retrofun_accounts', old.id::text);
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger "users_account_changed" after update or delete on "users" for each row execute function "retrofun_account_changed"();`);
    this.addSql(`create trigger "users_accounts_truncated" after truncate on "users" for each statement execute function "retrofun_account_changed"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "users_accounts_truncated" on "users";`);
    this.addSql(`drop trigger if exists "users_account_changed" on "users";`);
    this.addSql(`drop function if exists "retrofun_account_changed"();`);
  }

}
