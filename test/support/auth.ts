import type { AppConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from './app.js';

export type Who = 'anonymous' | 'basic' | 'editor' | 'admin';

/** Logs in as a demo account (created when the database lacks it); returns request headers. */
export async function headersFor(t: Pick<TestApp, 'app' | 'gql'>, who: Who, cache: Map<Who, Record<string, string>>): Promise<Record<string, string>> {
  if (who === 'anonymous') return {};
  const known = cache.get(who);
  if (known) return known;
  await ensureUser(t, who);
  const res = await t.gql<{ login: { token: string } }>(`mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token } }`, {
    name: who,
    password: who === 'admin' ? 'admin-password' : who,
  });
  if (!res.data) throw new Error(`login as ${who} failed: ${JSON.stringify(res.errors)}`);
  const headers = { authorization: `Bearer ${res.data.login.token}` };
  cache.set(who, headers);
  return headers;
}

/** Creates the demo account `who` (password: its name; admin's `admin-password`) when the database lacks it. */
export async function ensureUser(t: Pick<TestApp, 'app'>, who: Exclude<Who, 'anonymous'>): Promise<void> {
  const { User, Role } = await import('../../src/modules/wiki/user.entity.js');
  const em = t.app.orm.em.fork();
  if (await em.count(User, { name: who })) return;
  const bcrypt = (await import('bcrypt')).default;
  const role = { basic: Role.BASIC, editor: Role.EDITOR, admin: Role.ADMIN }[who];
  em.create(User, { name: who, role, passwordHash: await bcrypt.hash(who === 'admin' ? 'admin-password' : who, 4) });
  await em.flush();
}

/** A service on a fresh database and an editor's request headers: the set-up most API test files share. */
export async function startAsEditor(overrides: Partial<AppConfig> = {}): Promise<{ t: TestApp; editor: Record<string, string> }> {
  const t = await startTestApp(overrides);
  return { t, editor: await headersFor(t, 'editor', new Map<Who, Record<string, string>>()) };
}
