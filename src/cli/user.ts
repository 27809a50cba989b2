import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openOrm, redactUrl } from '../db/orm.js';
import { AccountError, accounts, parseRole, type AccountTools } from '../modules/wiki/accounts.js';
import { PasswordHasher } from '../modules/wiki/passwords.js';
import { passwordPolicy } from '../modules/wiki/password-policy.js';
import { Role } from '../modules/wiki/user.entity.js';
import { readNewPassword } from './password-input.js';
import { runCli } from './run.js';

const usage = `usage: npm run user -- <command>
  create NAME [--role basic|editor|admin]        new account (role basic unless given)
  set-role NAME ROLE                             change an account's role
  set-password NAME                              new password; revokes the account's tokens
  list                                           names, roles and page counts
  delete NAME [--reassign-pages-to OTHER]        delete an account (its pages go to OTHER)
Passwords are read from standard input when it is not a terminal (first line), and prompted
for without echo when it is. In production they need at least 12 characters.`;

/** Operator account administration on DATABASE_URL (exit 0 done, 1 refused, 2 usage). */
async function main(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' }, 'reassign-pages-to': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, name, extra] = positionals;
  const arity: Record<string, number> = { create: 2, 'set-role': 3, 'set-password': 2, list: 1, delete: 2 };
  if (values.help || !command || arity[command] !== positionals.length) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  const config = loadConfig(process.env, { requireJwtSecret: false });
  const orm = await openOrm(config.database);
  try {
    const pending = await orm.migrator.getPending();
    if (pending.length) throw new AccountError(`the database at ${redactUrl(config.database.url)} has ${pending.length} migration(s) to apply: run npm run db:migrate first`);
    const tools: AccountTools = { passwords: new PasswordHasher(config.bcryptRounds), policy: passwordPolicy(config.production) };
    const em = orm.em;
    switch (command) {
      case 'create': {
        const role = parseRole(values.role ?? Role.BASIC);
        await accounts.create(em, tools, name!, role, await readNewPassword(`Password for ${name}`));
        console.log(`created ${name} (${role})`);
        break;
      }
      case 'set-role': {
        const before = await accounts.setRole(em, name!, parseRole(extra));
        console.log(`${name}: ${before} → ${extra}`);
        break;
      }
      case 'set-password':
        await accounts.setPassword(em, tools, name!, await readNewPassword(`New password for ${name}`));
        console.log(`${name}: password changed; tokens issued before are revoked`);
        break;
      case 'list': {
        const rows = await accounts.list(em);
        const width = Math.max(4, ...rows.map((r) => r.name.length));
        console.log(`${'NAME'.padEnd(width)}  ROLE    PAGES`);
        for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.role.padEnd(6)}  ${r.pages}`);
        console.log(`${rows.length} user(s)`);
        break;
      }
      case 'delete': {
        const pages = await accounts.remove(em, name!, values['reassign-pages-to']);
        console.log(`deleted ${name}${pages ? `; ${pages} page(s) now belong to ${values['reassign-pages-to']}` : ''}`);
        break;
      }
    }
    if (command !== 'list' && (await accounts.adminCount(em)) === 0) {
      console.error('warning: no account has the admin role now: npm run user -- create NAME --role admin');
    }
    return 0;
  } finally {
    await orm.close();
  }
}

runCli(main, [AccountError]);
