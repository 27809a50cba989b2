import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { AccountError, accounts, parseRole, type AccountTools } from '../modules/wiki/accounts.js';
import { PasswordHasher } from '../modules/wiki/passwords.js';
import { passwordPolicy } from '../modules/wiki/password-policy.js';
import { Role } from '../modules/wiki/user.entity.js';
import { parseCommand, quote, UsageError } from './args.js';
import { openMigrated } from './migrated.js';
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

/** Each command's number of names (the command included) and the options it takes. */
const COMMANDS: Record<string, { arity: number; options: string[] }> = {
  create: { arity: 2, options: ['role'] },
  'set-role': { arity: 3, options: [] },
  'set-password': { arity: 2, options: [] },
  list: { arity: 1, options: [] },
  delete: { arity: 2, options: ['reassign-pages-to'] },
};

/** A role named on the command line: a bad one is a usage mistake, caught before the database. */
function roleArgument(raw: string): Role {
  try {
    return parseRole(raw);
  } catch (error) {
    if (error instanceof AccountError) throw new UsageError(error.message);
    throw error;
  }
}

/** Operator account administration on DATABASE_URL (exit 0 done, 1 refused, 2 usage). */
async function main(args: string[]): Promise<number> {
  const { positionals, values } = parseCommand(args, { role: 'value', 'reassign-pages-to': 'value' }, { max: 3 });
  const [command, name, extra] = positionals;
  if (command === undefined) throw new UsageError('missing the command');
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command ${quote(command)}`);
  if (positionals.length > spec.arity) throw new UsageError(`unexpected argument ${quote(positionals[spec.arity]!)}`);
  if (positionals.length < spec.arity) throw new UsageError(`${command} needs ${spec.arity === 3 ? 'a name and a role' : 'a name'}`);
  const misplaced = Object.keys(values).find((option) => !spec.options.includes(option));
  if (misplaced) throw new UsageError(`--${misplaced} does not apply to ${command}`);
  const role = command === 'create' ? roleArgument(values.role ?? Role.BASIC) : command === 'set-role' ? roleArgument(extra!) : undefined;
  const config = loadConfig(process.env, { requireJwtSecret: false });
  const orm = await openMigrated(config.database);
  try {
    const tools: AccountTools = { passwords: new PasswordHasher(config.bcryptRounds), policy: passwordPolicy(config.production) };
    const em = orm.em;
    switch (command) {
      case 'create': {
        await accounts.create(em, tools, name!, role!, await readNewPassword(`Password for ${name}`));
        console.log(`created ${name} (${role})`);
        break;
      }
      case 'set-role': {
        const before = await accounts.setRole(em, name!, role!);
        console.log(`${name}: ${before} → ${role}`);
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

runCli({ usage, main, expected: [AccountError] });
