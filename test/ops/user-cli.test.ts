import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { runEntry } from '../support/process.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token user { name role } } }`;

/**
 * `npm run user` as an operator runs it, in its own process, on the suite's database (SQLite or
 * PostgreSQL), and its effect seen through the GraphQL endpoint.
 */
describe('npm run user (account administration)', () => {
  let t: TestApp;
  let env: Record<string, string>;
  const user = (args: string[], stdin = '', extra: Record<string, string> = {}) => runEntry('src/cli/user', args, { ...env, ...extra }, stdin);
  const login = (name: string, password: string) => t.gql<{ login: { token: string; user: { name: string; role: string } } }>(LOGIN, { name, password });

  beforeAll(async () => {
    // A production-like database: migrated, demo catalogue, no demo accounts.
    t = await startTestApp({ seedDemo: false });
    env = { DATABASE_URL: t.db.config.url, NODE_ENV: 'development', BCRYPT_ROUNDS: '4', LOG_LEVEL: 'silent' };
  });
  afterAll(() => t?.close());

  it('creates the first admin from standard input, who can then sign in and act as admin', async () => {
    const run = await user(['create', 'root.admin', '--role', 'admin'], 'correct horse battery\n');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('created root.admin (admin)');
    const res = await login('root.admin', 'correct horse battery');
    expect(res.data?.login.user).toEqual({ name: 'root.admin', role: 'ADMIN' });
    const created = await t.gql(
      `mutation { createUser(input: { name: "writer", password: "writer-password", role: EDITOR }) { user { name role } } }`,
      {},
      { authorization: `Bearer ${res.data!.login.token}` },
    );
    expect(created.data).toEqual({ createUser: { user: { name: 'writer', role: 'EDITOR' } } });
  });

  it('lists names, roles and page counts, never a hash', async () => {
    const run = await user(['list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^NAME\s+ROLE\s+PAGES\n/);
    expect(run.stdout).toMatch(/root\.admin\s+admin\s+0/);
    expect(run.stdout).toMatch(/writer\s+editor\s+0/);
    expect(run.stdout).toContain('2 user(s)');
    expect(run.stdout + run.stderr).not.toMatch(/\$2[aby]\$/);
  });

  it.each([
    [['create', 'root.admin'], 'long enough password', /a user named "root.admin" already exists/],
    [['create', 'x'], 'long enough password', /not a valid user name/],
    [['create', 'shorty'], 'short', /at least 8 characters long \(it has 5\)/],
    [['create', 'nopass'], '', /no password on standard input/],
    [['set-role', 'ghost', 'editor'], '', /no user named "ghost"/],
    [['set-password', 'ghost'], 'long enough password', /no user named "ghost"/],
    [['delete', 'ghost'], '', /no user named "ghost"/],
  ])('refuses %j with exit 1 and one clear line', async (args, stdin, message) => {
    const run = await user(args, stdin);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it.each([
    [['frobnicate'], 'error: unknown command "frobnicate"'],
    [['set-role', 'writer', 'king'], 'error: role must be one of basic, editor, admin, got "king"'],
    [['list', '--role', 'admin'], 'error: --role does not apply to list'],
    [['delete'], 'error: delete needs a name'],
  ])('answers bad usage %j with what is wrong, the usage text and exit 2', async (args, line) => {
    const run = await user(args);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(line);
    expect(run.stderr).toContain('usage: npm run user -- <command>');
  });

  it('requires 12 characters in production, without needing JWT_SECRET', async () => {
    const weak = await user(['create', 'prod.user'], 'eleven char\n', { NODE_ENV: 'production', BCRYPT_ROUNDS: '12' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters long \(it has 11\)/);
    const strong = await user(['create', 'prod.user'], 'twelve chars\n', { NODE_ENV: 'production', BCRYPT_ROUNDS: '12' });
    expect(strong.stderr).toBe('');
    expect(strong.code).toBe(0);
  });

  it('changes a role, effective on the next request of a token already issued', async () => {
    const { data } = await login('writer', 'writer-password');
    const headers = { authorization: `Bearer ${data!.login.token}` };
    expect((await user(['set-role', 'writer', 'basic'])).stdout.trim()).toBe('writer: editor → basic');
    const me = await t.gql(`{ me { role } }`, {}, headers);
    expect(me.data).toEqual({ me: { role: 'BASIC' } });
  });

  it('sets a password and revokes every token issued before', async () => {
    const before = await login('writer', 'writer-password');
    const headers = { authorization: `Bearer ${before.data!.login.token}` };
    expect((await t.gql(`{ me { name } }`, {}, headers)).data).toEqual({ me: { name: 'writer' } });
    const run = await user(['set-password', 'writer'], 'a brand new password\n');
    expect(run.code).toBe(0);
    const stale = await t.gql(`{ me { name } }`, {}, headers);
    expect(stale.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(stale.errors?.[0]?.message).toMatch(/revoked/);
    expect((await login('writer', 'writer-password')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login('writer', 'a brand new password')).data?.login.user.name).toBe('writer');
  });

  it('deletes an account, handing its pages over, and its tokens die with it', async () => {
    const admin = await login('root.admin', 'correct horse battery');
    const adminHeaders = { authorization: `Bearer ${admin.data!.login.token}` };
    const writer = await login('writer', 'a brand new password');
    await user(['set-role', 'writer', 'editor']);
    const writerHeaders = { authorization: `Bearer ${writer.data!.login.token}` };
    const page = await t.gql(`mutation { createPage(input: { name: "OperatorNotes", data: "Written by writer." }) { page { name } } }`, {}, writerHeaders);
    expect(page.errors).toBeUndefined();
    const refused = await user(['delete', 'writer']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/writer created 1 page\(s\): pass --reassign-pages-to NAME/);
    const done = await user(['delete', 'writer', '--reassign-pages-to', 'root.admin']);
    expect(done.stdout.trim()).toBe('deleted writer; 1 page(s) now belong to root.admin');
    const pages = await t.gql<{ pages: { nodes: { name: string; creator: { name: string } }[] } }>(`{ pages(first: 10) { nodes { name creator { name } } } }`, {}, adminHeaders);
    expect(pages.data?.pages.nodes).toContainEqual({ name: 'OperatorNotes', creator: { name: 'root.admin' } });
    const gone = await t.gql(`{ me { name } }`, {}, writerHeaders);
    expect(gone.data?.me ?? null).toBeNull();
  });

  it('refuses to demote or delete the last admin, with one clear line', async () => {
    for (const args of [
      ['set-role', 'root.admin', 'editor'],
      ['delete', 'root.admin'],
    ]) {
      const run = await user(args);
      expect(run.code, JSON.stringify(run)).toBe(1);
      expect(run.stderr.trim()).toBe('error: root.admin is the last admin: give another account the admin role first, so that one always remains');
    }
    const list = await user(['list']);
    expect(list.stdout, list.stdout).toMatch(/root\.admin\s+admin\s+1/);
  });

  it('refuses a database that has not been migrated', async () => {
    const run = await user(['list'], '', { DATABASE_URL: t.db.config.dialect === 'sqlite' ? `${t.db.config.url}.empty.sqlite` : t.db.config.url.replace(/\/[^/]+$/, '/postgres') });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    // The maintenance database may hold an empty migrations table, left by an older `user` that made one.
    expect(run.stderr).toMatch(/^error: (no database at .*|the database at .* (was never migrated|has \d+ migration\(s\) to apply)): run npm run db:migrate first$/m);
  });
});
